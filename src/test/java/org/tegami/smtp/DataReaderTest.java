package org.tegami.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tegami.io.LineReader;

class DataReaderTest {

    private record Read(String content, DataReader.Result result, String rest) {}

    private static Read read(String wire, long max, int maxLine) throws Exception {
        LineReader in = new LineReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataReader.Result r = DataReader.read(in, out, max, maxLine);
        String rest = in.readLine(1000);
        return new Read(out.toString(StandardCharsets.ISO_8859_1), r, rest);
    }

    @Test
    void unstuffsAndStopsAtCrLfDotCrLf() throws Exception {
        Read r = read("Subject: x\r\n\r\n..hidden dot\r\nline\r\n.\r\nQUIT\r\n", 1000, 1000);
        assertThat(r.content()).isEqualTo("Subject: x\r\n\r\n.hidden dot\r\nline\r\n");
        assertThat(r.rest()).isEqualTo("QUIT");
    }

    @Test
    void bareLfDotBareLfIsNotEndOfData() throws Exception {
        // The SMTP smuggling attempt: <LF>.<LF> and <LF>.<CR><LF> must stay inside this message.
        Read r = read("a\r\n\n.\nMAIL FROM:<evil@x.test>\r\nb\n.\r\nc\r\n.\r\nNOOP\r\n", 1000, 1000);
        assertThat(r.content()).isEqualTo("a\r\n\r\n\r\nMAIL FROM:<evil@x.test>\r\nb\r\n\r\nc\r\n");
        assertThat(r.rest()).isEqualTo("NOOP");
        assertThat(r.result().bareLineEnds()).isEqualTo(3);
    }

    @Test
    void bareCrIsNormalised() throws Exception {
        Read r = read("a\r.\rb\r\n.\r\n", 1000, 1000);
        assertThat(r.content()).isEqualTo("a\r\n.\r\nb\r\n");
    }

    @Test
    void tooBigIsReadToTheEndAndFlagged() throws Exception {
        Read r = read("0123456789\r\n0123456789\r\n.\r\nNEXT\r\n", 15, 1000);
        assertThat(r.result().tooBig()).isTrue();
        assertThat(r.content()).hasSize(15);
        assertThat(r.rest()).isEqualTo("NEXT");
    }

    @Test
    void longLineFlaggedButConsumed() throws Exception {
        String longLine = "x".repeat(1500);
        Read r = read("a\r\n" + longLine + "\r\nb\r\n.\r\nNEXT\r\n", 100_000, 1000);
        assertThat(r.result().lineTooLong()).isTrue();
        assertThat(r.rest()).isEqualTo("NEXT");
        Read ok = read("y".repeat(998) + "\r\n.\r\n", 100_000, 1000);
        assertThat(ok.result().lineTooLong()).isFalse();
    }

    @Test
    void emptyMessage() throws Exception {
        Read r = read(".\r\n", 1000, 1000);
        assertThat(r.content()).isEmpty();
    }
}
