package org.tegami.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MimeEntitiesTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void crlfCanonicalisation() {
        assertThat(s(MimeEntities.toCrlf(b("a\nb\r\nc\rd")))).isEqualTo("a\r\nb\r\nc\r\nd");
        byte[] clean = b("a\r\nb");
        assertThat(MimeEntities.toCrlf(clean)).isSameAs(clean);
    }

    @Test
    void splitKeepsContentFieldsInsideAndJoinRestoresAMessage() {
        byte[] msg = b("From: a@x\nSubject: hi\nMIME-Version: 1.0\nContent-Type: text/plain;\n charset=utf-8\n"
                + "X-Other: 1\nContent-Transfer-Encoding: 8bit\n\nbody\n");
        MimeEntities.Split sp = MimeEntities.split(msg);
        assertThat(s(sp.outerHeaders())).isEqualTo("From: a@x\r\nSubject: hi\r\nX-Other: 1\r\n");
        assertThat(s(sp.entity())).isEqualTo("Content-Type: text/plain;\r\n charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nbody\r\n");
        assertThat(s(MimeEntities.join(sp.outerHeaders(), sp.entity()))).startsWith("From: a@x\r\nSubject: hi\r\nX-Other: 1\r\nMIME-Version: 1.0\r\nContent-Type");
        assertThat(s(MimeEntities.split(b("Subject: x\r\n\r\nplain")).entity()))
                .isEqualTo("Content-Type: text/plain; charset=us-ascii\r\n\r\nplain");
    }

    @Test
    void eightBitLeavesAreReencodedAndDecodeToTheSameBytes() {
        String entity = "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße \r\nFrom here\r\n.dot\r\n--B\r\nContent-Type: application/octet-stream\r\n\r\n"
                + "\u0000\u00ff bin\r\n--B\r\nContent-Type: text/plain\r\n\r\nplain ascii stays\r\n--B--\r\n";
        byte[] out = MimeEntities.toSevenBit(b(entity), true);
        String o = s(out);
        assertThat(o).contains("Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe=20\r\n=46rom here\r\n=2Edot\r\n--B");
        assertThat(o).contains("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        assertThat(o).contains("Content-Type: text/plain\r\n\r\nplain ascii stays\r\n--B--");
        for (byte c : out) {
            assertThat(c).isBetween((byte) 0, (byte) 127);
        }
        ParsedMessage p = MimeParser.parse(out);
        ByteBuffer buf = ByteBuffer.wrap(out);
        assertThat(s(ContentDecoder.decodedBody(buf, p.root().children().get(0), 1000))).isEqualTo("Grüße \r\nFrom here\r\n.dot");
        assertThat(ContentDecoder.decodedBody(buf, p.root().children().get(1), 1000)).isEqualTo(b("\u0000\u00ff bin"));
        // Without whitespace protection an ASCII entity is returned unchanged.
        byte[] ascii = b("Content-Type: text/plain\r\n\r\ntrailing \r\n");
        assertThat(MimeEntities.toSevenBit(ascii, false)).isSameAs(ascii);
        assertThat(s(MimeEntities.toSevenBit(ascii, true))).contains("trailing=20");
    }

    @Test
    void longLinesGetSoftBreaksWithinSeventySixCharacters() {
        String line = "x".repeat(1200);
        byte[] out = MimeEntities.toSevenBit(b("Content-Type: text/plain\r\n\r\n" + line), false);
        for (String l : s(out).split("\r\n")) {
            assertThat(l.length()).isLessThanOrEqualTo(76);
        }
        ParsedMessage p = MimeParser.parse(out);
        assertThat(s(ContentDecoder.decodedBody(ByteBuffer.wrap(out), p.root(), 5000))).isEqualTo(line);
    }

    @Test
    void boundariesDoNotOccurInTheContent() {
        String bnd = MimeEntities.newBoundary(new SecureRandom(), b("hello"));
        assertThat(bnd).startsWith("=_tegami_").hasSize(37).matches("[=_A-Za-z0-9]+");
    }
}
