package org.tegami.dmarc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tegami.dns.InMemoryResolver;

/** Contract: any TXT string parses to a record or a defined error, and evaluation gives a result. */
class DmarcRecordFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseAndEvaluate(byte[] data) {
        String txt = new String(data, StandardCharsets.UTF_8);
        DmarcRecord.Parsed p = DmarcRecord.parse(txt);
        if (p == null || (p instanceof DmarcRecord.Invalid inv && (inv.error() == null || inv.reason() == null))) {
            throw new AssertionError("bad parse result");
        }
        if (p instanceof DmarcRecord.Valid v) {
            for (DmarcRecord.ReportUri u : v.record().rua()) {
                String a = u.mailAddress();
                if (a != null && (a.contains("\r") || a.contains("\n"))) {
                    throw new AssertionError("control characters in report address");
                }
            }
        }
        DmarcResult r = new DmarcEvaluator(new InMemoryResolver().addTxt("_dmarc.example.com", txt))
                .evaluate(FromDomain.ofValue(txt + " <a@sub.example.com>"), null, List.of());
        if (r == null || r.status() == null || r.reason() == null || r.disposition() == null) {
            throw new AssertionError("incomplete result " + r);
        }
    }
}
