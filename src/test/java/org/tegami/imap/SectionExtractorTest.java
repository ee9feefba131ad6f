package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.imap.Section.Kind;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;

/** BODY[section] and BINARY[part] cuts (RFC 9051 §6.4.5, RFC 3516) on hand-made messages. */
class SectionExtractorTest {

    static final String MSG = """
            Received: from a
             by b
            Subject: folded
             subject
            X-Dup: 1
            x-dup: 2
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain
            Content-Transfer-Encoding: quoted-printable

            trailing  \t
            soft=
            break=3D
            --b
            Content-Type: message/rfc822

            Subject: inner
            Content-Type: multipart/alternative; boundary=c

            --c

            one
            --c

            two
            --c--
            --b--
            """.replace("\n", "\r\n");

    private final byte[] bytes = MSG.getBytes(StandardCharsets.US_ASCII);
    private final ByteBuffer message = ByteBuffer.wrap(bytes);
    private final MimePart root = MimeParser.parse(bytes).root();

    private String body(Section s) {
        return StandardCharsets.ISO_8859_1.decode(SectionExtractor.body(message, root, s)).toString();
    }

    private static Section fields(Kind k, List<Integer> part, String... names) {
        return new Section(part, k, List.of(names));
    }

    @Test
    void headerFieldsKeepFoldingAndOrder() {
        assertThat(body(fields(Kind.HEADER_FIELDS, List.of(), "x-DUP", "SUBJECT", "nosuch")))
                .isEqualTo("Subject: folded\r\n subject\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n");
        assertThat(body(fields(Kind.HEADER_FIELDS_NOT, List.of(), "subject", "x-dup", "content-type")))
                .isEqualTo("Received: from a\r\n by b\r\n\r\n");
        assertThat(body(fields(Kind.HEADER_FIELDS, List.of(), "nosuch"))).isEqualTo("\r\n");
        assertThat(body(fields(Kind.HEADER_FIELDS, List.of(2), "subject"))).isEqualTo("Subject: inner\r\n\r\n");
    }

    @Test
    void partsMimeHeadersAndEncapsulatedMessages() {
        assertThat(body(Section.of(Kind.MIME, 1))).isEqualTo("Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        assertThat(body(Section.of(Kind.HEADER, 2)))
                .isEqualTo("Subject: inner\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n");
        assertThat(body(Section.of(Kind.TEXT, 2))).startsWith("--c\r\n").endsWith("--c--");
        assertThat(body(Section.of(Kind.ALL, 2, 1))).isEqualTo("one");
        assertThat(body(Section.of(Kind.ALL, 2, 2))).isEqualTo("two");
        assertThat(body(Section.of(Kind.MIME, 2, 2))).isEqualTo("\r\n");
        assertThat(body(Section.of(Kind.ALL, 2))).startsWith("Subject: inner\r\n").endsWith("--c--");
    }

    @Test
    void missingSectionsAreEmpty() {
        assertThat(body(Section.of(Kind.ALL, 3))).isEmpty();
        assertThat(body(Section.of(Kind.ALL, 1, 1))).isEmpty(); // a leaf has no part 1.1
        assertThat(body(Section.of(Kind.HEADER, 1))).isEmpty(); // HEADER needs a message/rfc822 part
        assertThat(body(Section.of(Kind.ALL, 2, 3))).isEmpty();
        assertThat(SectionExtractor.find(root, List.of(2, 1, 1))).isNull();
        assertThat(SectionExtractor.find(root, List.of(0))).isNull();
    }

    @Test
    void partialCuts() {
        ByteBuffer text = SectionExtractor.body(message, root, Section.of(Kind.ALL, 2, 1));
        assertThat(SectionExtractor.partial(text, new FetchItem.Partial(1, 1))).isEqualTo(ByteBuffer.wrap(new byte[] {'n'}));
        assertThat(SectionExtractor.partial(text, new FetchItem.Partial(1, 100)).remaining()).isEqualTo(2);
        assertThat(SectionExtractor.partial(text, new FetchItem.Partial(3, 1)).remaining()).isZero();
        assertThat(SectionExtractor.partial(text, new FetchItem.Partial(Long.MAX_VALUE, Long.MAX_VALUE)).remaining()).isZero();
        assertThat(SectionExtractor.partial(text, null)).isSameAs(text);
    }

    @Test
    void binaryRemovesQuotedPrintableAndItsTrailingWhiteSpace() {
        SectionExtractor.Binary b = SectionExtractor.binary(message, root, List.of(1));
        assertThat(b).isInstanceOfSatisfying(SectionExtractor.Binary.Data.class, d ->
                assertThat(StandardCharsets.ISO_8859_1.decode(d.data()).toString()).isEqualTo("trailing\r\nsoftbreak="));
        SectionExtractor.Binary whole = SectionExtractor.binary(message, root, List.of());
        assertThat(whole).isInstanceOfSatisfying(SectionExtractor.Binary.Data.class, d -> {
            String s = StandardCharsets.ISO_8859_1.decode(d.data()).toString();
            assertThat(s).contains("Content-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n\r\ntrailing\r\nsoftbreak=\r\n--b");
            assertThat(s).contains("--c\r\n\r\none\r\n--c");
        });
        assertThat(SectionExtractor.binary(message, root, List.of(5))).isInstanceOf(SectionExtractor.Binary.NoSuchPart.class);
    }

    @Test
    void trailingWhiteSpaceStripping() {
        assertThat(SectionExtractor.stripTrailingWhitespace("a \t\r\nb  \nc ".getBytes(StandardCharsets.US_ASCII)))
                .asString(StandardCharsets.US_ASCII).isEqualTo("a\r\nb\nc");
    }
}
