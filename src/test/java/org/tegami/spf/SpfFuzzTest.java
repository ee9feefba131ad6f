package org.tegami.spf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.common.net.InetAddresses;
import java.nio.charset.StandardCharsets;
import org.tegami.dns.InMemoryResolver;

/** Contract: parsing and evaluating any record gives a result, never an exception. */
class SpfFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseAndEvaluate(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        SpfRecord.Parsed parsed = SpfRecord.parse(text);
        if (parsed == null) {
            throw new AssertionError("null parse result");
        }
        // the record (and, after the first newline, a second one) served from DNS
        int nl = text.indexOf('\n');
        InMemoryResolver dns = new InMemoryResolver()
                .addTxt("fuzz.example", nl < 0 ? text : text.substring(0, nl))
                .addTxt("other.example", nl < 0 ? "v=spf1 -all" : text.substring(nl + 1))
                .addA("fuzz.example", "192.0.2.1", "2001:db8::1")
                .addMx("fuzz.example", 10, "fuzz.example")
                .addPtr("192.0.2.1", "fuzz.example")
                .addTimeout("slow.example");
        for (String ip : new String[] {"192.0.2.1", "2001:db8::2"}) {
            SpfResult r = new SpfVerifier(dns).check(InetAddresses.forString(ip), "l.p-x@fuzz.example", "h.example");
            if (r == null || r.result() == null || r.reason() == null) {
                throw new AssertionError("incomplete result " + r);
            }
        }
    }
}
