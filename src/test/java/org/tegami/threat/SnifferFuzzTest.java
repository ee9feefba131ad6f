package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Contract: the archive, OLE2, PDF and RAR readers accept any bytes, stay within their bounds
 * (entries, decompressed bytes) and never throw.
 */
class SnifferFuzzTest {

    private static final ThreatLimits SMALL = new ThreatLimits(50, 64 * 1024, 1 << 20, 3, 200, 4L << 20, 1 << 20, 2_000);

    @FuzzTest(maxDuration = "20s")
    void zip(byte[] data) {
        List<ZipReader.Entry> entries = ZipReader.entries(data, 100);
        assertThat(entries.size()).isLessThanOrEqualTo(100);
        for (ZipReader.Entry e : entries) {
            ZipReader.Data d = ZipReader.read(data, e, 64 * 1024);
            if (d != null) {
                assertThat(d.bytes().length).isLessThanOrEqualTo(64 * 1024);
            }
        }
    }

    @FuzzTest(maxDuration = "20s")
    void ole2(byte[] data) {
        assertThat(Ole2Reader.directory(data, 500).size()).isLessThanOrEqualTo(500);
    }

    @FuzzTest(maxDuration = "20s")
    void pdf(byte[] data) {
        Budget budget = new Budget(SMALL);
        PdfInspector.inspect(data, budget);
        assertThat(budget.inflateAllowance()).isGreaterThanOrEqualTo(0);
    }

    @FuzzTest(maxDuration = "20s")
    void rar(byte[] data) {
        assertThat(RarReader.list(data, 100).names().size()).isLessThanOrEqualTo(100);
    }

    @FuzzTest(maxDuration = "20s")
    void anyAttachment(byte[] data) {
        List<Finding> out = new ArrayList<>();
        new AttachmentDetector().inspect(new AttachmentDetector.FileRef("file.bin", data, null, false), 0, new Budget(SMALL), new AttachmentDetector.PasswordHint(""), out);
        assertThat(out).noneMatch(f -> f.id().equals("analysis.incomplete"));
    }
}
