package org.tegami.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dns.InMemoryResolver;
import org.tegami.testing.ExternalTools;

/**
 * Cross-checks Tegami's SPF results with Debian's pyspf on the same zone, served to pyspf from a
 * dictionary through its DNSLookup hook (no real DNS).
 */
class SpfPyspfCrossCheckTest {

    /** name -> type -> values (MX values are "pref host"). */
    private final Map<String, Map<String, List<String>>> zone = new LinkedHashMap<>();
    private final InMemoryResolver dns = new InMemoryResolver();

    private void rr(String name, String type, String value) {
        zone.computeIfAbsent(name, k -> new LinkedHashMap<>()).computeIfAbsent(type, k -> new ArrayList<>()).add(value);
        switch (type) {
            case "TXT" -> dns.addTxt(name, value);
            case "A", "AAAA" -> dns.addA(name, value);
            case "MX" -> dns.addMx(name, Integer.parseInt(value.split(" ")[0]), value.split(" ")[1]);
            default -> throw new IllegalArgumentException(type);
        }
    }

    @Test
    void sameResultsAsPyspf(@TempDir Path tmp) throws Exception {
        String python = ExternalTools.requirePythonModule("spf");
        rr("example.org", "TXT", "v=spf1 mx a:relay.example.org ip4:192.0.2.0/25 ip6:2001:db8::/48 include:_spf.partner.example ~all");
        rr("example.org", "MX", "10 mx1.example.org");
        rr("mx1.example.org", "A", "198.51.100.7");
        rr("relay.example.org", "A", "203.0.113.9");
        rr("_spf.partner.example", "TXT", "v=spf1 ip4:198.18.0.0/15 -all");
        rr("strict.example", "TXT", "v=spf1 -all");
        rr("neutral.example", "TXT", "v=spf1 ?all");
        rr("redir.example", "TXT", "v=spf1 redirect=example.org");
        rr("broken.example", "TXT", "v=spf1 ip4:192.0.2.300 -all");
        rr("two.example", "TXT", "v=spf1 -all");
        rr("two.example", "TXT", "v=spf1 +all");
        rr("loop.example", "TXT", "v=spf1 include:loop.example -all");
        rr("macro.example", "TXT", "v=spf1 exists:%{ir}.%{l1r-}.lists.macro.example -all");
        rr("4.2.0.192.alice.lists.macro.example", "A", "127.0.0.2");
        rr("voids.example", "TXT", "v=spf1 a:n1.example a:n2.example a:n3.example +all");
        String[][] cases = {
            {"198.51.100.7", "a@example.org", "mx1.example.org"},
            {"203.0.113.9", "a@example.org", "x.example"},
            {"192.0.2.100", "a@example.org", "x.example"},
            {"192.0.2.200", "a@example.org", "x.example"},
            {"2001:db8::25", "a@example.org", "x.example"},
            {"198.19.1.1", "a@example.org", "x.example"},
            {"198.19.1.1", "b@strict.example", "x.example"},
            {"198.19.1.1", "b@neutral.example", "x.example"},
            {"192.0.2.5", "b@redir.example", "x.example"},
            {"10.1.1.1", "b@redir.example", "x.example"},
            {"192.0.2.5", "b@broken.example", "x.example"},
            {"192.0.2.5", "b@two.example", "x.example"},
            {"192.0.2.5", "b@loop.example", "x.example"},
            {"192.0.2.5", "b@nothing.example", "x.example"},
            {"192.0.2.4", "alice-bob@macro.example", "x.example"},
            {"192.0.2.5", "alice-bob@macro.example", "x.example"},
            {"192.0.2.5", "b@voids.example", "x.example"},
            {"192.0.2.5", "", "strict.example"},
        };
        List<String> ours = new ArrayList<>();
        for (String[] c : cases) {
            ours.add(new SpfVerifier(dns).check(InetAddresses.forString(c[0]), c[1], c[2]).result().keyword());
        }
        List<String> theirs = runPyspf(python, tmp, cases);
        assertThat(theirs).hasSize(cases.length);
        assertThat(ours).isEqualTo(theirs);
        // the cases cover every result a domain can publish, so agreement means something
        assertThat(ours).contains("pass", "fail", "softfail", "neutral", "none", "permerror");
        assertThat(ours.get(14)).as("macro-built exists: name").isEqualTo("pass");
    }

    private List<String> runPyspf(String python, Path tmp, String[][] cases) throws Exception {
        StringBuilder json = new StringBuilder("{\"zone\":{");
        int n = 0;
        for (var e : zone.entrySet()) {
            json.append(n++ > 0 ? "," : "").append(q(e.getKey())).append(":{");
            int m = 0;
            for (var t : e.getValue().entrySet()) {
                json.append(m++ > 0 ? "," : "").append(q(t.getKey())).append(":[");
                for (int i = 0; i < t.getValue().size(); i++) {
                    String v = t.getValue().get(i);
                    json.append(i > 0 ? "," : "");
                    json.append(t.getKey().equals("MX") ? "[" + v.split(" ")[0] + "," + q(v.split(" ")[1]) + "]" : q(v));
                }
                json.append("]");
            }
            json.append("}");
        }
        json.append("},\"cases\":[");
        for (int i = 0; i < cases.length; i++) {
            json.append(i > 0 ? "," : "").append("[").append(q(cases[i][0])).append(",")
                    .append(q(cases[i][1])).append(",").append(q(cases[i][2])).append("]");
        }
        json.append("]}");
        Path script = tmp.resolve("pyspf_check.py");
        try (InputStream in = getClass().getResourceAsStream("pyspf_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
