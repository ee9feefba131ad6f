package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;

/** Streaming FETCH responses (RFC 9051 §7.5.2). */
class FetchResponseWriterTest {

    static final String MESSAGE = """
            From: Alice <alice@example.org>
            To: bob@example.org
            Subject: hi
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            hello
            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            AAEC
            --b
            Content-Type: text/plain
            Content-Transfer-Encoding: x-uuencode

            begin
            --b--
            """.replace("\n", "\r\n");

    private final ResponseEncoderTest.CountingStream out = new ResponseEncoderTest.CountingStream();
    private final ImapWriter w = new ImapWriter(out);
    private final byte[] bytes = MESSAGE.getBytes(StandardCharsets.US_ASCII);
    private final ByteBuffer message = ByteBuffer.wrap(bytes);
    private final ParsedMessage parsed = MimeParser.parse(bytes);

    private String flushed() throws IOException {
        w.flush();
        return out.bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private FetchItem item(String text) {
        return ((SelectedCommand.Fetch) Golden.parse("a FETCH 1 (" + text + ")")).items().get(0);
    }

    @Test
    void writesItemsInOrderInOneWrite() throws IOException {
        FetchResponseWriter f = new FetchResponseWriter(w);
        f.begin(12).uid(4827313).flags(List.of("\\Seen", "$Forwarded"))
                .internalDate(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)))
                .rfc822Size(bytes.length).modSeq(624140003);
        f.end();
        f.begin(13).uid(4827314);
        f.end();
        assertThat(flushed()).isEqualTo("* 12 FETCH (UID 4827313 FLAGS (\\Seen $Forwarded) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\""
                + " RFC822.SIZE " + bytes.length + " MODSEQ (624140003))\r\n* 13 FETCH (UID 4827314)\r\n");
        assertThat(out.writes).isEqualTo(1);
    }

    @Test
    void dateTimePadsTheDay() {
        assertThat(FetchResponseWriter.dateTime(OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHoursMinutes(5, 30))))
                .isEqualTo("\" 7-Feb-1994 21:52:25 +0530\"");
        assertThat(FetchResponseWriter.dateTime(OffsetDateTime.of(2024, 12, 31, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30))))
                .isEqualTo("\"31-Dec-2024 00:00:00 -0330\"");
    }

    @Test
    void structureAndSections() throws IOException {
        FetchResponseWriter f = new FetchResponseWriter(w).begin(1);
        f.envelope(parsed.envelope());
        f.bodyStructure(parsed.root(), false);
        f.body((FetchItem.BodySection) item("BODY.PEEK[1]"), message, parsed.root());
        f.body((FetchItem.BodySection) item("BODY[HEADER.FIELDS (subject)]"), message, parsed.root());
        f.body((FetchItem.BodySection) item("BODY[TEXT]<5000.10>"), message, parsed.root());
        f.rfc822(FetchItem.Simple.RFC822_HEADER, message, parsed.root());
        f.data("X-NIL", null, false);
        f.end();
        String s = flushed();
        assertThat(s).startsWith("* 1 FETCH (ENVELOPE (NIL \"hi\" ((\"Alice\" NIL \"alice\" \"example.org\"))");
        assertThat(s).contains(" BODY ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 1)"
                + "(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" 4)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"x-uuencode\" 5 1) \"mixed\")");
        assertThat(s).contains(" BODY[1] {5}\r\nhello BODY[HEADER.FIELDS (subject)] {15}\r\nSubject: hi\r\n\r\n BODY[TEXT]<5000> \"\"");
        assertThat(s).contains(" RFC822.HEADER {" + (MESSAGE.indexOf("\r\n\r\n") + 4) + "}\r\nFrom: Alice");
        assertThat(s).endsWith(" X-NIL NIL)\r\n");
    }

    @Test
    void binaryDecodesAndUsesLiteral8ForNul() throws IOException {
        FetchResponseWriter f = new FetchResponseWriter(w).begin(1);
        assertThat(f.binary((FetchItem.Binary) item("BINARY.PEEK[2]"), message, parsed.root())).isNull();
        assertThat(f.binarySize((FetchItem.BinarySize) item("BINARY.SIZE[2]"), message, parsed.root())).isNull();
        assertThat(f.binary((FetchItem.Binary) item("BINARY.PEEK[1]<1.2>"), message, parsed.root())).isNull();
        assertThat(f.binary((FetchItem.Binary) item("BINARY.PEEK[7]"), message, parsed.root())).isNull();
        // RFC 3516 §4.3: an unknown transfer encoding is a NO [UNKNOWN-CTE], and nothing is written
        assertThat(f.binary((FetchItem.Binary) item("BINARY[3]"), message, parsed.root())).isEqualTo(ResponseCode.UNKNOWN_CTE);
        assertThat(f.binarySize((FetchItem.BinarySize) item("BINARY.SIZE[3]"), message, parsed.root()))
                .isEqualTo(ResponseCode.UNKNOWN_CTE);
        f.end();
        assertThat(flushed()).isEqualTo("* 1 FETCH (BINARY[2] ~{3}\r\n\u0000\u0001\u0002 BINARY.SIZE[2] 3 BINARY[1]<1> {2}\r\nel BINARY[7] \"\")\r\n");
    }

    @Test
    void misuseIsAnError() {
        FetchResponseWriter f = new FetchResponseWriter(w);
        assertThatThrownBy(() -> f.uid(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(f::end).isInstanceOf(IllegalStateException.class);
        f.begin(1);
        assertThatThrownBy(() -> f.begin(2)).isInstanceOf(IllegalStateException.class);
    }
}
