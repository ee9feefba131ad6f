package org.tegami.pop3server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.tegami.io.CrlfNormalizingOutputStream;
import org.tegami.io.DotStuffingOutputStream;

/**
 * Differential: {@link WireEncoder}, fed the content in arbitrary chunks, produces exactly what
 * io.CrlfNormalizingOutputStream + io.DotStuffingOutputStream produce. Seeds under
 * WireEncoderFuzzTestInputs/matchesTheStreams; JAZZER_FUZZ=1 fuzzes.
 */
class WireEncoderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void matchesTheStreams(FuzzedDataProvider data) {
        int splits = data.consumeInt(0, 8);
        int[] cuts = new int[splits];
        for (int k = 0; k < splits; k++) {
            cuts[k] = data.consumeInt(0, 4096);
        }
        byte[] content = data.consumeRemainingAsBytes();
        check(content, cuts);
    }

    /** Encodes content cut at the given offsets with both implementations and compares. */
    static void check(byte[] content, int[] cuts) {
        byte[] expected = reference(content);
        WireEncoder enc = new WireEncoder();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int[] sorted = cuts.clone();
        Arrays.sort(sorted);
        int from = 0;
        for (int cut : sorted) {
            int to = Math.min(Math.max(cut, from), content.length);
            encodeInto(enc, content, from, to - from, got);
            from = to;
        }
        encodeInto(enc, content, from, content.length - from, got);
        byte[] tail = new byte[7];
        got.write(tail, 0, enc.finish(tail, 0));
        if (!Arrays.equals(expected, got.toByteArray())) {
            throw new AssertionError("encoder differs for " + Arrays.toString(content) + " cut at " + Arrays.toString(cuts)
                    + ":\nexpected " + Arrays.toString(expected) + "\n     got " + Arrays.toString(got.toByteArray()));
        }
    }

    private static void encodeInto(WireEncoder enc, byte[] in, int off, int len, ByteArrayOutputStream out) {
        byte[] buf = new byte[WireEncoder.maxEncodedLength(len)];
        out.write(buf, 0, enc.encode(in, off, len, buf, 0));
    }

    private static byte[] reference(byte[] content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DotStuffingOutputStream dots = new DotStuffingOutputStream(out);
            CrlfNormalizingOutputStream crlf = new CrlfNormalizingOutputStream(dots);
            crlf.write(content, 0, content.length);
            crlf.finish();
            dots.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
