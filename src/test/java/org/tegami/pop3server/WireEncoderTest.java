package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Examples, plus many seeded random inputs checked against the io streams. */
class WireEncoderTest {

    private static String encode(String s) {
        byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
        WireEncoder e = new WireEncoder();
        byte[] out = new byte[WireEncoder.maxEncodedLength(in.length) + 7];
        int n = e.encode(in, 0, in.length, out, 0);
        n += e.finish(out, n);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void examples() {
        assertThat(encode("")).isEqualTo(".\r\n");
        assertThat(encode("a\r\nb\r\n")).isEqualTo("a\r\nb\r\n.\r\n");
        assertThat(encode("no end")).isEqualTo("no end\r\n.\r\n");
        assertThat(encode(".\r\n..x\r\n")).isEqualTo("..\r\n...x\r\n.\r\n");
        assertThat(encode("a\nb\rc\r")).isEqualTo("a\r\nb\r\nc\r\n.\r\n");
        assertThat(encode("x\r.y")).isEqualTo("x\r\n..y\r\n.\r\n");
        assertThat(encode("\u00e9\u00ff\u0080.")).isEqualTo("\u00e9\u00ff\u0080.\r\n.\r\n");
    }

    @Test
    void randomInputsMatchTheStreams() {
        Random r = new Random(4);
        byte[] alphabet = {'.', '\r', '\n', 'a', ' ', (byte) 0xff, 0};
        for (int round = 0; round < 20_000; round++) {
            byte[] content = new byte[r.nextInt(40)];
            for (int i = 0; i < content.length; i++) {
                content[i] = alphabet[r.nextInt(alphabet.length)];
            }
            int[] cuts = new int[r.nextInt(4)];
            for (int k = 0; k < cuts.length; k++) {
                cuts[k] = r.nextInt(content.length + 1);
            }
            WireEncoderFuzzTest.check(content, cuts);
        }
    }
}
