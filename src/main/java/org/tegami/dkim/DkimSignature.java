package org.tegami.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed DKIM-Signature field value (RFC 6376 §3.5).
 *
 * @param algorithm a=
 * @param signature b= decoded
 * @param bTag b= as written, folding whitespace removed (for header.b)
 * @param bodyHash bh= decoded
 * @param relaxedHeader c= header canonicalization is relaxed
 * @param relaxedBody c= body canonicalization is relaxed
 * @param domain d= in lower case
 * @param signedHeaders h= names in order (as written)
 * @param auid i= (default "@" + d)
 * @param length l=, or -1 when absent
 * @param selector s= in lower case
 * @param timestamp t=, or -1
 * @param expiration x=, or -1
 */
public record DkimSignature(DkimAlgorithm algorithm, byte[] signature, String bTag, byte[] bodyHash,
        boolean relaxedHeader, boolean relaxedBody, String domain, List<String> signedHeaders,
        String auid, long length, String selector, long timestamp, long expiration) {

    /** The outcome of {@link #parse}: a signature, or why the field is unusable and how to report it. */
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(DkimSignature signature) implements Parsed {}

    /** @param partial whatever evidence (d=, s=, a=, i=, b=) could be read, for the result */
    public record Invalid(DkimResult.Status status, String reason, Map<String, String> partial) implements Parsed {}

    private static final int MAX_SIGNED_HEADERS = 256;

    /** Parses a DKIM-Signature value. Never throws. */
    public static Parsed parse(String value) {
        TagList.Result tl = TagList.parse(value);
        if (!tl.ok()) {
            // RFC 8601 §2.7.1: syntax errors give "neutral"
            return new Invalid(DkimResult.Status.NEUTRAL, "malformed DKIM-Signature: " + tl.error(), Map.of());
        }
        Map<String, String> t = tl.tags();
        for (String required : new String[] {"v", "a", "b", "bh", "d", "h", "s"}) {
            if (!t.containsKey(required)) {
                return bad(t, "missing required tag " + required + "= (RFC 6376 §3.5)");
            }
        }
        if (!t.get("v").equals("1")) {
            return bad(t, "unsupported version v=" + TagList.abbreviate(t.get("v")));
        }
        DkimAlgorithm alg = DkimAlgorithm.fromTag(t.get("a"));
        if (alg == null) {
            return bad(t, "unsupported algorithm a=" + TagList.abbreviate(t.get("a")));
        }
        String bTag = TagList.removeFws(t.get("b"));
        byte[] b = base64(bTag);
        byte[] bh = base64(TagList.removeFws(t.get("bh")));
        if (b == null || b.length == 0 || bh == null || bh.length == 0) {
            return bad(t, "invalid base64 in " + (b == null || b.length == 0 ? "b=" : "bh="));
        }
        String[] canon = t.getOrDefault("c", "simple").split("/", -1);
        if (canon.length > 2 || !isCanon(canon[0]) || (canon.length == 2 && !isCanon(canon[1]))) {
            return bad(t, "unknown canonicalization c=" + TagList.abbreviate(t.get("c")));
        }
        String d = t.get("d").toLowerCase(Locale.ROOT);
        if (!isDomain(d)) {
            return bad(t, "invalid signing domain d=" + TagList.abbreviate(d));
        }
        String s = t.get("s").toLowerCase(Locale.ROOT);
        if (!isDomain(s)) {
            return bad(t, "invalid selector s=" + TagList.abbreviate(s));
        }
        List<String> h = new ArrayList<>();
        for (String name : t.get("h").split(":", -1)) {
            String n = TagList.removeFws(name);
            if (n.isEmpty() || n.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                return bad(t, "invalid header name in h=");
            }
            h.add(n);
        }
        if (h.size() > MAX_SIGNED_HEADERS) {
            return bad(t, "too many header names in h=");
        }
        if (h.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            // RFC 6376 §6.1.1: the From header field MUST be signed
            return new Invalid(DkimResult.Status.PERMERROR, "h= does not include From (RFC 6376 §6.1.1)", t);
        }
        String q = t.get("q");
        if (q != null && !List.of(TagList.removeFws(q).toLowerCase(Locale.ROOT).split(":")).contains("dns/txt")) {
            return bad(t, "unsupported query method q=" + TagList.abbreviate(q));
        }
        String auid = t.containsKey("i") ? t.get("i") : "@" + d;
        int at = auid.lastIndexOf('@');
        String auidDomain = at < 0 ? null : auid.substring(at + 1).toLowerCase(Locale.ROOT);
        if (auidDomain == null || !(auidDomain.equals(d) || auidDomain.endsWith("." + d))) {
            // RFC 6376 §6.1.1: the domain of i= must be the same as or a subdomain of d=
            return new Invalid(DkimResult.Status.PERMERROR, "i= " + TagList.abbreviate(auid) + " is not within d=" + d, t);
        }
        long l = number(t.get("l"));
        long ts = number(t.get("t"));
        long x = number(t.get("x"));
        if (l == -2 || ts == -2 || x == -2) {
            return bad(t, "invalid number in l=, t= or x=");
        }
        if (x >= 0 && ts >= 0 && x < ts) {
            return bad(t, "x= is before t= (RFC 6376 §3.5)");
        }
        return new Valid(new DkimSignature(alg, b, bTag, bh, canon[0].equals("relaxed"),
                canon.length == 2 && canon[1].equals("relaxed"), d, List.copyOf(h), auid, l, s, ts, x));
    }

    private static Invalid bad(Map<String, String> t, String reason) {
        return new Invalid(DkimResult.Status.NEUTRAL, reason, t);
    }

    private static boolean isCanon(String c) {
        return c.equals("simple") || c.equals("relaxed");
    }

    /** Decodes base64 (RFC 6376 §2.4 base64string); null when invalid. */
    static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** -1 when absent, -2 when invalid (not 1–18 digits). */
    private static long number(String v) {
        if (v == null) {
            return -1;
        }
        String s = v.strip();
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -2;
        }
        return Long.parseLong(s);
    }

    /** A domain name as RFC 6376 uses it: dot-separated labels of letters, digits, '-' and '_'. */
    static boolean isDomain(String d) {
        if (d.isEmpty() || d.length() > 253) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkimSignature other && bTag.equals(other.bTag) && domain.equals(other.domain);
    }

    @Override
    public int hashCode() {
        return bTag.hashCode();
    }

    @Override
    public String toString() {
        return "DkimSignature[d=" + domain + ", s=" + selector + ", a=" + algorithm.tag() + "]";
    }
}
