package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The extent of TOP msg n, whole and fed in every possible pair of chunks. */
class TopLimitTest {

    private static String top(String message, long n, int split) {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        TopLimit t = new TopLimit(n);
        StringBuilder out = new StringBuilder();
        int first = Math.min(split, b.length);
        int took = t.accept(b, 0, first);
        out.append(new String(b, 0, took, StandardCharsets.US_ASCII));
        if (!t.done() && took == first) {
            int rest = t.accept(b, first, b.length - first);
            out.append(new String(b, first, rest, StandardCharsets.US_ASCII));
        }
        return out.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A: 1\\r\\nB: 2\\r\\n\\r\\nx\\r\\ny\\r\\nz\\r\\n|0|A: 1\\r\\nB: 2\\r\\n\\r\\n",
        "A: 1\\r\\nB: 2\\r\\n\\r\\nx\\r\\ny\\r\\nz\\r\\n|2|A: 1\\r\\nB: 2\\r\\n\\r\\nx\\r\\ny\\r\\n",
        "A: 1\\r\\nB: 2\\r\\n\\r\\nx\\r\\ny\\r\\nz\\r\\n|3|A: 1\\r\\nB: 2\\r\\n\\r\\nx\\r\\ny\\r\\nz\\r\\n",
        "A: 1\\r\\nB: 2\\r\\n\\r\\nx\\r\\ny\\r\\nz\\r\\n|9|A: 1\\r\\nB: 2\\r\\n\\r\\nx\\r\\ny\\r\\nz\\r\\n",
        "A: 1\\r\\n|0|A: 1\\r\\n",
        "A: 1\\r\\n\\r\\n\\r\\n\\r\\nlast|2|A: 1\\r\\n\\r\\n\\r\\n\\r\\n",
        "A: 1\\r\\n\\r\\nno final newline|1|A: 1\\r\\n\\r\\nno final newline",
        "A: 1\\n\\nbare lf\\nsecond\\n|1|A: 1\\n\\nbare lf\\n",
        "\\r\\nbody at once\\r\\nmore\\r\\n|1|\\r\\nbody at once\\r\\n",
    })
    void extent(String message, long n, String expected) {
        String m = message.replace("\\r", "\r").replace("\\n", "\n");
        String e = expected.replace("\\r", "\r").replace("\\n", "\n");
        for (int split = 0; split <= m.length(); split++) {
            assertThat(top(m, n, split)).as("split at %d", split).isEqualTo(e);
        }
    }
}
