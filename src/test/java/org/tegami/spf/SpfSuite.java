package org.tegami.spf;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.dns.InMemoryResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads an openspf.org SPF test suite (YAML, one document per scenario) and serves each
 * scenario's zonedata from an {@link InMemoryResolver}, following pyspf's test driver: SPF-type
 * (99) records are copied to TXT for a name that has no TXT entry at all ("TXT: NONE" counts as
 * one), since RFC 7208 §3.1 only uses TXT; "TIMEOUT" makes queries for the types the name has
 * no record of time out (as pyspf's driver does).
 */
final class SpfSuite {

    record Case(String scenario, String name, String helo, String host, String mailFrom,
            List<String> results, String explanation, String spec, InMemoryResolver dns) {

        boolean accepts(SpfResult r) {
            if (!results.contains(r.result().keyword())) {
                return false;
            }
            if (explanation == null || r.result() != SpfResult.Result.FAIL) {
                return true;
            }
            return explanation.equals("DEFAULT") ? r.explanation() == null : explanation.equals(r.explanation());
        }
    }

    private SpfSuite() {}

    @SuppressWarnings("unchecked")
    static List<Case> load(Path file) throws IOException {
        List<Case> out = new ArrayList<>();
        LoaderOptions opts = new LoaderOptions();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object doc : new Yaml(opts).loadAll(r)) {
                Map<String, Object> scenario = (Map<String, Object>) doc;
                String description = String.valueOf(scenario.getOrDefault("description", scenario.get("comment"))).strip();
                Map<String, Object> tests = (Map<String, Object>) scenario.get("tests");
                Map<String, Object> zone = (Map<String, Object>) scenario.getOrDefault("zonedata", Map.of());
                for (Map.Entry<String, Object> t : tests.entrySet()) {
                    Map<String, Object> m = (Map<String, Object>) t.getValue();
                    Object res = m.get("result");
                    List<String> results = new ArrayList<>();
                    if (res instanceof List<?> l) {
                        l.forEach(x -> results.add(String.valueOf(x).strip().toLowerCase(Locale.ROOT)));
                    } else {
                        results.add(String.valueOf(res).strip().toLowerCase(Locale.ROOT));
                    }
                    out.add(new Case(description, t.getKey(), str(m.get("helo")), str(m.get("host")),
                            str(m.get("mailfrom")), results, (String) m.get("explanation"),
                            String.valueOf(m.get("spec")), resolver(zone)));
                }
            }
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    static InMemoryResolver resolver(Map<String, Object> zone) {
        InMemoryResolver dns = new InMemoryResolver();
        for (Map.Entry<String, Object> e : zone.entrySet()) {
            String name = e.getKey();
            List<Object> entries = (List<Object>) e.getValue();
            boolean hasTxt = false;
            List<String> spf = new ArrayList<>();
            dns.addName(name);
            for (Object entry : entries) {
                if (entry instanceof String s) {
                    if (s.equals("TIMEOUT")) {
                        dns.addTimeoutForMissingTypes(name);
                    }
                    continue;
                }
                Map<String, Object> rr = new LinkedHashMap<>((Map<String, Object>) entry);
                for (Map.Entry<String, Object> kv : rr.entrySet()) {
                    Object v = kv.getValue();
                    switch (kv.getKey()) {
                        case "TXT" -> {
                            hasTxt = true;
                            if (!"NONE".equals(v)) {
                                dns.addTxt(name, text(v));
                            }
                        }
                        case "SPF" -> {
                            if (!"NONE".equals(v)) {
                                spf.add(text(v));
                            }
                        }
                        case "A", "AAAA" -> dns.addA(name, String.valueOf(v));
                        case "MX" -> {
                            List<Object> mx = (List<Object>) v;
                            dns.addMx(name, ((Number) mx.get(0)).intValue(), String.valueOf(mx.get(1)));
                        }
                        case "PTR" -> dns.addPtr(ipOfReverse(name), String.valueOf(v));
                        case "CNAME" -> dns.addCname(name, String.valueOf(v));
                        default -> throw new IllegalArgumentException("record type " + kv.getKey());
                    }
                }
            }
            if (!hasTxt) {
                spf.forEach(s -> dns.addTxt(name, s));
            }
        }
        return dns;
    }

    /** TXT data: a string, or a list of character-strings glued together (RFC 7208 §3.3). */
    private static String text(Object v) {
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::append);
            return sb.toString();
        }
        return String.valueOf(v);
    }

    /** "4.3.2.1.in-addr.arpa" -> "1.2.3.4"; nibble ip6.arpa names -> IPv6 literal. */
    static String ipOfReverse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".in-addr.arpa")) {
            String[] p = n.substring(0, n.length() - ".in-addr.arpa".length()).split("\\.");
            return p[3] + "." + p[2] + "." + p[1] + "." + p[0];
        }
        String[] p = n.substring(0, n.length() - ".ip6.arpa".length()).split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = p.length - 1; i >= 0; i--) {
            sb.append(p[i]);
            if (i % 4 == 0 && i > 0) {
                sb.append(':');
            }
        }
        return InetAddresses.toAddrString(InetAddresses.forString(sb.toString()));
    }
}
