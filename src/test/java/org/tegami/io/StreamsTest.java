package org.tegami.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamsTest {

    @Test
    void normaliserHandlesSplitCrLf() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CrlfNormalizingOutputStream n = new CrlfNormalizingOutputStream(out);
        n.write("a\r".getBytes(StandardCharsets.US_ASCII));
        n.write("\nb\nc\rd\r".getBytes(StandardCharsets.US_ASCII));
        n.finish();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\nd\r\n");
        assertThat(n.bareLineEnds()).isEqualTo(3);
    }

    @Test
    void dotStuffing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream d = new DotStuffingOutputStream(out);
        d.write(".a\r\n..b\r\nc.".getBytes(StandardCharsets.US_ASCII));
        d.finish();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("..a\r\n...b\r\nc.\r\n.\r\n");
    }

    @Test
    void lineReaderBoundsAndRecovers() throws Exception {
        String input = "short\r\n" + "x".repeat(5000) + "\r\nnext\nlast";
        LineReader r = new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)), 100);
        assertThat(r.readLine(512)).isEqualTo("short");
        assertThatThrownBy(() -> r.readLine(512)).isInstanceOf(LineTooLongException.class);
        assertThat(r.readLine(512)).isEqualTo("next");
        assertThatThrownBy(() -> r.readLine(512)).isInstanceOf(java.io.EOFException.class);
        assertThat(r.readLine(512)).isNull();
    }

    @Test
    void switchToDiscardsBufferedInput() throws Exception {
        LineReader r = new LineReader(new ByteArrayInputStream("STARTTLS\r\nINJECTED\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.readLine(100)).isEqualTo("STARTTLS");
        assertThat(r.buffered()).isPositive();
        r.switchTo(new ByteArrayInputStream("EHLO x\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.readLine(100)).isEqualTo("EHLO x");
    }
}
