package org.tegami.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeParserTest {

    private static final String MULTI = """
            From: "Alice L." <alice@example.test>
            To: bob@example.test, "Carol" <carol@example.test>
            Subject: =?UTF-8?B?44GT44KT44Gr44Gh44Gv?= world
            Content-Type: multipart/mixed; boundary="XX"

            preamble
            --XX
            Content-Type: text/plain; charset=utf-8

            hello
            --XX
            Content-Type: application/pdf; name="a.pdf"
            Content-Disposition: attachment; filename*=utf-8''%E8%AB%8B%E6%B1%82.pdf
            Content-Transfer-Encoding: base64

            aGVsbG8=
            --XX--
            epilogue
            """.replace("\n", "\r\n");

    @Test
    void parsesMultipartWithOffsets() {
        byte[] bytes = MULTI.getBytes(StandardCharsets.UTF_8);
        ParsedMessage m = MimeParser.parse(bytes);
        MimePart root = m.root();
        assertThat(root.contentType().mimeType()).isEqualTo("multipart/mixed");
        assertThat(root.children()).hasSize(2);
        MimePart text = root.children().get(0);
        assertThat(new String(bytes, text.bodyStart(), text.bodySize(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(text.bodyLines()).isEqualTo(1);
        MimePart pdf = root.children().get(1);
        assertThat(pdf.fileName()).isEqualTo("請求.pdf");
        assertThat(new String(ContentDecoder.decodedBody(ByteBuffer.wrap(bytes), pdf, 100), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(m.envelope().from().get(0).name()).isEqualTo("Alice L.");
        assertThat(m.envelope().to()).extracting(Address::address)
                .containsExactly("bob@example.test", "carol@example.test");
        assertThat(EncodedWords.decode(m.envelope().subject())).isEqualTo("こんにちは world");
        assertThat(root.section(new int[] {2})).isSameAs(pdf);

        StructureCodec.Decoded d = StructureCodec.decode(StructureCodec.encode(root, m.envelope()));
        assertThat(d.root()).isEqualTo(root);
        assertThat(d.envelope()).isEqualTo(m.envelope());
    }

    @Test
    void defaultsToTextPlainAndCountsLines() {
        byte[] bytes = "Subject: x\r\n\r\nline1\r\nline2\r\n".getBytes(StandardCharsets.US_ASCII);
        MimePart root = MimeParser.parse(bytes).root();
        assertThat(root.contentType()).isEqualTo(ContentType.TEXT_PLAIN);
        assertThat(root.bodyLines()).isEqualTo(2);
        assertThat(root.bodyStart()).isEqualTo(14);
    }

    @Test
    void groupsAndRoutesInAddresses() {
        assertThat(AddressParser.parseList("undisclosed-recipients:;"))
                .containsExactly(new Address(null, null, "undisclosed-recipients", null), new Address(null, null, null, null));
        assertThat(AddressParser.parseFirst("<@relay.test:joe@example.test>").route()).isEqualTo("@relay.test");
        assertThat(AddressParser.parseFirst("joe (Joe Q) @ example.test").address()).isEqualTo("joe@example.test");
    }

    @Test
    void sectionNumbersFollowRfc9051() {
        byte[] bytes = MULTI.getBytes(StandardCharsets.UTF_8);
        MimePart root = MimeParser.parse(bytes).root();
        assertThat(root.section(new int[] {1})).isNotNull();
        assertThat(root.section(new int[] {1, 1})).as("a leaf inside a multipart has no part N.1").isNull();
        byte[] single = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        MimePart s = MimeParser.parse(single).root();
        assertThat(s.section(new int[] {1})).isSameAs(s);
        assertThat(s.section(new int[] {2})).isNull();
    }

    @Test
    void quotedPrintableDropsTrailingWhitespaceAndSoftBreaks() {
        byte[] qp = "caf=C3=A9   \r\nsoft=\r\nbreak\t \r\nend".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(ContentDecoder.quotedPrintable(qp), StandardCharsets.UTF_8))
                .isEqualTo("café\r\nsoftbreak\r\nend");
    }
}
