package org.tegami.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A dnsmasq on 127.0.0.1 at a free port, answering only what it is told (no upstream, no hosts
 * file) — the real DNS server of multi-server tests; never the machine's DNS.
 */
public final class Dnsmasq implements AutoCloseable {

    public final int port;
    private final Process process;

    /** @param options --mx-host=... / --address=/name/ip / --txt-record=... options */
    public Dnsmasq(List<String> options) throws Exception {
        this(options, null);
    }

    /**
     * @param log where dnsmasq's output goes (with "--log-queries" among the options: one line per
     *     query, so tests can count what reached the server), or null to discard it
     */
    public Dnsmasq(List<String> options, java.nio.file.Path log) throws Exception {
        String exe = ExternalTools.require("dnsmasq");
        Process p = null;
        int chosen = -1;
        for (int attempt = 0; attempt < 10 && p == null; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(40000);
            List<String> cmd = new ArrayList<>(List.of(exe, "--keep-in-foreground", "--no-resolv", "--no-hosts",
                    "--conf-file=/dev/null", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                    "--pid-file=", "--user=root", "--log-facility=-"));
            cmd.addAll(options);
            Process started = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            Thread.sleep(300);
            if (started.isAlive()) {
                p = started;
                chosen = port;
            }
        }
        if (p == null) {
            throw new IllegalStateException("dnsmasq did not start");
        }
        this.process = p;
        this.port = chosen;
    }

    /** The "[dns] servers" entry for this server. */
    public String server() {
        return "127.0.0.1:" + port;
    }

    /**
     * A TXT record; dnsmasq splits values over 255 octets into several strings itself. It cannot
     * hold a comma (its option syntax separates strings with commas, without quoting).
     */
    public static String txt(String name, String value) {
        if (value.indexOf(',') >= 0) {
            throw new IllegalArgumentException("dnsmasq cannot serve a TXT value with a comma: " + value);
        }
        return "--txt-record=" + name + "," + value;
    }

    /**
     * Answers NXDOMAIN/NODATA for unknown names under a domain (e.g. "test") instead of REFUSED,
     * which resolvers treat as a temporary failure; names outside stay REFUSED unless dnsmasq has
     * data for them (a way to make one lookup of a sender fail: its _dmarc name). Negative answers
     * carry no SOA, so resolvers do not cache them (RFC 2308 §5).
     */
    public static String localZone(String domain) {
        return "--local=/" + domain + "/";
    }

    /**
     * Makes dnsmasq the authoritative server of a zone (e.g. "test"), as real DNS is: names it has
     * no data for get NXDOMAIN/NODATA with the zone's SOA, so resolvers cache negative answers
     * (RFC 2308 §5), and answers carry a TTL of 300 s. Every name outside the zone is REFUSED. The
     * zone holds --txt-record, --mx-host and --host-record data (not --address). Queries are
     * logged as "auth[TYPE] name" with --log-queries.
     */
    public static List<String> authoritativeFor(String zone) {
        return List.of("--auth-server=ns." + zone + ",127.0.0.1", "--auth-zone=" + zone, "--auth-ttl=300", "--local-ttl=300");
    }

    /**
     * dnsmasq options serving zone-file lines as `tegami dns records` prints them
     * ("NAME TTL IN MX PREF HOST", "NAME TTL IN TXT \"...\" \"...\"", "NAME TTL IN A ADDR").
     */
    public static List<String> fromZoneLines(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+", 5);
            if (f.length < 5 || line.startsWith(";")) {
                continue;
            }
            String name = f[0].endsWith(".") ? f[0].substring(0, f[0].length() - 1) : f[0];
            switch (f[3]) {
                case "MX" -> {
                    String[] mx = f[4].split("\\s+");
                    String host = mx[1].endsWith(".") ? mx[1].substring(0, mx[1].length() - 1) : mx[1];
                    out.add("--mx-host=" + name + "," + host + "," + mx[0]);
                }
                case "TXT" -> out.add(txt(name, unquote(f[4])));
                case "A", "AAAA" -> out.add("--host-record=" + name + "," + f[4].strip());
                default -> throw new IllegalArgumentException("unsupported record type in: " + line);
            }
        }
        return out;
    }

    /** "\"a\" \"b\"" -> "ab" (RFC 6376 §3.6.2.2 / RFC 7208 §3.3 concatenate the strings). */
    static String unquote(String rdata) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < rdata.length(); i++) {
            char c = rdata.charAt(i);
            if (c == '"') {
                in = !in;
            } else if (in && c == '\\' && i + 1 < rdata.length()) {
                sb.append(rdata.charAt(++i));
            } else if (in) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
