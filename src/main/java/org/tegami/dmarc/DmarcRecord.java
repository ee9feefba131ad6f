package org.tegami.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DMARC policy record (RFC 7489 §6.3, with the DMARCbis np= and t= tags). Tag values that are
 * invalid are ignored in favour of defaults, as RFC 7489 §6.3 says, and listed in
 * {@link #problems()} so reports and tests can tell.
 *
 * @param policy p=
 * @param subdomainPolicy sp=, defaulting to p=
 * @param nonexistentPolicy np= (RFC 9091 / DMARCbis), defaulting to sp=
 * @param percent pct= 0–100 (default 100)
 * @param dkimAlignment adkim= (default relaxed)
 * @param spfAlignment aspf= (default relaxed)
 * @param rua aggregate report URIs
 * @param ruf failure report URIs
 * @param failureOptions fo= ("0" by default)
 * @param interval ri= seconds (default 86400)
 * @param testing DMARCbis t=y: the owner is testing, apply one policy level less
 * @param problems invalid tags that were ignored, empty for a clean record
 */
public record DmarcRecord(Policy policy, Policy subdomainPolicy, Policy nonexistentPolicy, int percent,
        Alignment dkimAlignment, Alignment spfAlignment, List<ReportUri> rua, List<ReportUri> ruf,
        List<String> failureOptions, long interval, boolean testing, List<String> problems) {

    /** Requested handling of failing mail (RFC 7489 §6.3 p=). */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Policy parse(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "quarantine" -> QUARANTINE;
                case "reject" -> REJECT;
                default -> null;
            };
        }
    }

    /** Identifier alignment mode (RFC 7489 §3.1). */
    public enum Alignment {
        RELAXED, STRICT;

        public String keyword() {
            return this == RELAXED ? "r" : "s";
        }
    }

    /**
     * A report URI (RFC 7489 §6.2) with its optional size limit ("!10m").
     *
     * @param uri the URI as written (without the size suffix)
     * @param maxBytes the size limit in bytes, or 0 for none
     */
    public record ReportUri(String uri, long maxBytes) {
        /** The mail address of a mailto: URI, or null for other schemes. */
        public String mailAddress() {
            if (!uri.regionMatches(true, 0, "mailto:", 0, 7)) {
                return null;
            }
            String a = uri.substring(7);
            int q = a.indexOf('?');
            try {
                a = java.net.URLDecoder.decode(q < 0 ? a : a.substring(0, q), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null; // a broken %-escape
            }
            int at = a.lastIndexOf('@');
            // the address ends up in a To: header: nothing but printable ASCII, no list or route syntax
            boolean clean = a.chars().allMatch(c -> c > 0x20 && c < 0x7f && "<>,;:\"()[]\\/".indexOf(c) < 0);
            return clean && at > 0 && at < a.length() - 1 ? a : null;
        }
    }

    /** Why a TXT string is not a usable record (RFC 7489 §6.6.3). */
    public enum Error { EMPTY, BAD_VERSION, SYNTAX, MISSING_POLICY, INVALID_POLICY }

    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(DmarcRecord record) implements Parsed {}

    public record Invalid(Error error, String reason) implements Parsed {}

    /** True when a TXT string is meant as a DMARC record: it starts with "v=DMARC1" (RFC 7489 §6.6.3). */
    public static boolean isDmarc(String txt) {
        if (txt == null) {
            return false;
        }
        String s = txt.strip();
        if (!s.regionMatches(true, 0, "v", 0, 1)) {
            return false;
        }
        s = s.substring(1).stripLeading();
        if (!s.startsWith("=")) {
            return false;
        }
        s = s.substring(1).stripLeading();
        return s.startsWith("DMARC1") && (s.length() == 6 || s.charAt(6) == ';' || Character.isWhitespace(s.charAt(6)));
    }

    private static final int MAX_LENGTH = 8192;

    /** Parses a record. Never throws. */
    public static Parsed parse(String txt) {
        if (txt == null || txt.isBlank()) {
            return new Invalid(Error.EMPTY, "empty DMARC record");
        }
        if (txt.length() > MAX_LENGTH) {
            return new Invalid(Error.SYNTAX, "DMARC record longer than " + MAX_LENGTH);
        }
        if (!isDmarc(txt)) {
            return new Invalid(Error.BAD_VERSION, "record does not start with v=DMARC1");
        }
        Builder b = new Builder();
        String[] parts = txt.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                b.problems.add("ignored malformed term '" + abbreviate(part) + "'");
                continue;
            }
            b.tag(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        return b.build();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static final class Builder {
        Policy p;
        String pRaw;
        Policy sp;
        Policy np;
        int pct = 100;
        Alignment adkim = Alignment.RELAXED;
        Alignment aspf = Alignment.RELAXED;
        List<ReportUri> rua = List.of();
        List<ReportUri> ruf = List.of();
        List<String> fo = List.of("0");
        long ri = 86400;
        boolean testing;
        final List<String> problems = new ArrayList<>();
        final java.util.Set<String> seen = new java.util.HashSet<>();

        void tag(String name, String value) {
            if (!seen.add(name)) {
                problems.add("duplicate tag " + name + "= ignored");
                return;
            }
            switch (name) {
                case "p" -> { pRaw = value; p = Policy.parse(value); }
                case "sp" -> sp = policy(name, value);
                case "np" -> np = policy(name, value);
                case "pct" -> {
                    Integer n = value.matches("[0-9]{1,3}") ? Integer.valueOf(value) : null;
                    if (n == null || n > 100) {
                        problems.add("invalid pct=" + abbreviate(value) + " ignored (0-100)");
                    } else {
                        pct = n;
                    }
                }
                case "adkim" -> adkim = alignment(name, value, adkim);
                case "aspf" -> aspf = alignment(name, value, aspf);
                case "rua" -> rua = uris(name, value);
                case "ruf" -> ruf = uris(name, value);
                case "fo" -> {
                    List<String> opts = List.of(value.replace(" ", "").split(":"));
                    if (opts.stream().allMatch(o -> o.equals("0") || o.equals("1") || o.equals("d") || o.equals("s"))) {
                        fo = opts;
                    } else {
                        problems.add("invalid fo=" + abbreviate(value) + " ignored");
                    }
                }
                case "rf" -> {
                    if (!List.of(value.replace(" ", "").toLowerCase(Locale.ROOT).split(":")).contains("afrf")) {
                        problems.add("invalid rf=" + abbreviate(value) + " ignored (only afrf is defined)");
                    }
                }
                case "ri" -> {
                    if (value.matches("[0-9]{1,10}")) {
                        ri = Long.parseLong(value);
                    } else {
                        problems.add("invalid ri=" + abbreviate(value) + " ignored");
                    }
                }
                case "t" -> {
                    if (value.equalsIgnoreCase("y") || value.equalsIgnoreCase("n")) {
                        testing = value.equalsIgnoreCase("y");
                    } else {
                        problems.add("invalid t=" + abbreviate(value) + " ignored");
                    }
                }
                default -> { } // RFC 7489 §6.3: unknown tags MUST be ignored (psd=, v= again...)
            }
        }

        Policy policy(String name, String value) {
            Policy x = Policy.parse(value);
            if (x == null) {
                problems.add("invalid " + name + "=" + abbreviate(value) + " ignored");
            }
            return x;
        }

        Alignment alignment(String name, String value, Alignment def) {
            if (value.equalsIgnoreCase("r")) {
                return Alignment.RELAXED;
            }
            if (value.equalsIgnoreCase("s")) {
                return Alignment.STRICT;
            }
            problems.add("invalid " + name + "=" + abbreviate(value) + " ignored");
            return def;
        }

        List<ReportUri> uris(String name, String value) {
            List<ReportUri> out = new ArrayList<>();
            for (String u : value.split(",")) {
                String s = u.strip();
                long max = 0;
                int bang = s.lastIndexOf('!');
                if (bang > 0) {
                    max = size(s.substring(bang + 1));
                    s = s.substring(0, bang);
                }
                // RFC 7489 §6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]
                if (!s.matches("[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+") || max < 0 || out.size() >= 20) {
                    problems.add("invalid URI in " + name + "=: '" + abbreviate(u) + "'");
                    continue;
                }
                out.add(new ReportUri(s, max));
            }
            return List.copyOf(out);
        }

        static long size(String s) {
            if (!s.matches("[0-9]{1,12}[kKmMgGtT]?")) {
                return -1;
            }
            char unit = Character.toLowerCase(s.charAt(s.length() - 1));
            long n = Long.parseLong(Character.isDigit(unit) ? s : s.substring(0, s.length() - 1));
            int shift = switch (unit) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
            return n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
        }

        Parsed build() {
            Policy policy = p;
            if (policy == null) {
                // RFC 7489 §6.6.3: without a valid p=, a record with a usable rua= acts as p=none;
                // otherwise no DMARC processing applies.
                if (rua.isEmpty()) {
                    return pRaw == null
                            ? new Invalid(Error.MISSING_POLICY, "no p= tag")
                            : new Invalid(Error.INVALID_POLICY, "invalid p=" + abbreviate(pRaw));
                }
                problems.add(pRaw == null ? "no p= tag: treated as p=none (rua present)"
                        : "invalid p=" + abbreviate(pRaw) + ": treated as p=none (rua present)");
                policy = Policy.NONE;
            }
            Policy sub = sp != null ? sp : policy;
            return new Valid(new DmarcRecord(policy, sub, np != null ? np : sub, pct, adkim, aspf, rua, ruf,
                    fo, ri, testing, List.copyOf(problems)));
        }
    }
}
