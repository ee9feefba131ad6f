package org.tegami.spf;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed SPF record (RFC 7208 §4.6, §12 ABNF). Parsing is complete and strict: any syntax error
 * anywhere makes the whole record invalid, which check_host() reports as permerror before
 * evaluating a single term (RFC 7208 §4.6).
 *
 * @param directives the mechanisms in order, with their qualifiers
 * @param redirect the redirect= domain-spec, or null
 * @param exp the exp= domain-spec, or null
 * @param text the record as published
 */
public record SpfRecord(List<Directive> directives, String redirect, String exp, String text) {

    /** RFC 7208 §5 mechanisms. */
    public enum Mechanism { ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS }

    /**
     * One directive (RFC 7208 §4.6.2): qualifier, mechanism and its arguments.
     *
     * @param qualifier the result when it matches: PASS (+, default), FAIL (-), SOFTFAIL (~),
     *     NEUTRAL (?)
     * @param domainSpec the unexpanded domain-spec, or null when absent (a, mx, ptr default to the
     *     current domain)
     * @param network the ip4/ip6 network address, or null
     * @param cidr4 IPv4 prefix length (32 when not given)
     * @param cidr6 IPv6 prefix length (128 when not given)
     * @param text the term as written, for results and reasons
     */
    public record Directive(SpfResult.Result qualifier, Mechanism mechanism, String domainSpec,
            InetAddress network, int cidr4, int cidr6, String text) {}

    /** The outcome of {@link #parse}: a record or the reason it is invalid. */
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(SpfRecord record) implements Parsed {}

    public record Invalid(String reason) implements Parsed {}

    private static final int MAX_TERMS = 1000;
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9._-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern DUAL_CIDR = Pattern.compile("(.*?)(?:/([0-9]+))?(?://([0-9]+))?", Pattern.DOTALL);
    private static final Pattern IP4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /**
     * True when a TXT string is an SPF record: "v=spf1" (case-insensitive) followed by a space or
     * the end (RFC 7208 §4.5).
     */
    public static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /** Parses a record selected by {@link #isSpf}. Never throws. */
    public static Parsed parse(String text) {
        if (text == null || !isSpf(text)) {
            return new Invalid("not an SPF record (must start with v=spf1)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                // RFC 7208 §3.1 / §4.6.1: the record is 7-bit printable ASCII, terms separated by SP
                return new Invalid(String.format("invalid character U+%04X at offset %d", (int) c, i));
            }
        }
        List<Directive> directives = new ArrayList<>();
        String redirect = null;
        String exp = null;
        int count = 0;
        for (String term : text.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue; // RFC 7208 §4.6.1: one or more spaces; §4.5 trailing spaces allowed
            }
            if (++count > MAX_TERMS) {
                return new Invalid("too many terms");
            }
            Matcher m = MODIFIER.matcher(term);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2);
                String err;
                switch (name) {
                    case "redirect", "exp" -> {
                        // RFC 7208 §6: each at most once
                        if ((name.equals("redirect") ? redirect : exp) != null) {
                            return new Invalid("duplicate " + name + "= modifier");
                        }
                        err = checkDomainSpec(value);
                        if (name.equals("redirect")) {
                            redirect = value;
                        } else {
                            exp = value;
                        }
                    }
                    default -> err = Macro.validate(value, false); // RFC 7208 §6: ignored, but must parse
                }
                if (err != null) {
                    return new Invalid(name + "=: " + err);
                }
                continue;
            }
            Object d = directive(term);
            if (d instanceof String err) {
                return new Invalid("'" + term + "': " + err);
            }
            directives.add((Directive) d);
        }
        return new Valid(new SpfRecord(List.copyOf(directives), redirect, exp, text));
    }

    /** Parses one directive (RFC 7208 §4.6.1, §12); returns a Directive or an error string. */
    private static Object directive(String term) {
        SpfResult.Result q = SpfResult.Result.PASS;
        String rest = term;
        switch (term.charAt(0)) {
            case '+' -> rest = term.substring(1);
            case '-' -> { q = SpfResult.Result.FAIL; rest = term.substring(1); }
            case '~' -> { q = SpfResult.Result.SOFTFAIL; rest = term.substring(1); }
            case '?' -> { q = SpfResult.Result.NEUTRAL; rest = term.substring(1); }
            default -> { }
        }
        int end = 0;
        while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
            end++;
        }
        String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
        String args = rest.substring(end);
        return switch (name) {
            case "all" -> args.isEmpty() ? new Directive(q, Mechanism.ALL, null, null, 32, 128, term)
                    : "all takes no argument";
            case "include", "exists" -> {
                if (!args.startsWith(":")) {
                    yield name + " needs a domain";
                }
                String spec = args.substring(1);
                String err = checkDomainSpec(spec);
                yield err != null ? err : new Directive(q, name.equals("include") ? Mechanism.INCLUDE
                        : Mechanism.EXISTS, spec, null, 32, 128, term);
            }
            case "a", "mx" -> domainAndCidr(q, name.equals("a") ? Mechanism.A : Mechanism.MX, args, term);
            case "ptr" -> {
                if (args.isEmpty()) {
                    yield new Directive(q, Mechanism.PTR, null, null, 32, 128, term);
                }
                if (!args.startsWith(":")) {
                    yield "bad ptr argument";
                }
                String err = checkDomainSpec(args.substring(1));
                yield err != null ? err : new Directive(q, Mechanism.PTR, args.substring(1), null, 32, 128, term);
            }
            case "ip4" -> ip4(q, args, term);
            case "ip6" -> ip6(q, args, term);
            default -> "unknown mechanism";
        };
    }

    private static Object domainAndCidr(SpfResult.Result q, Mechanism mech, String args, String term) {
        if (!args.isEmpty() && args.charAt(0) != ':' && args.charAt(0) != '/') {
            return "bad argument";
        }
        Matcher m = DUAL_CIDR.matcher(args.startsWith(":") ? args.substring(1) : args);
        if (!m.matches()) {
            return "bad argument";
        }
        String spec = null;
        if (args.startsWith(":")) {
            spec = m.group(1);
            String err = checkDomainSpec(spec);
            if (err != null) {
                return err;
            }
        } else if (!m.group(1).isEmpty()) {
            return "bad prefix length";
        }
        int c4 = prefix(m.group(2), 32);
        int c6 = prefix(m.group(3), 128);
        if (c4 < 0 || c6 < 0) {
            return "bad prefix length";
        }
        return new Directive(q, mech, spec, null, c4, c6, term);
    }

    private static Object ip4(SpfResult.Result q, String args, String term) {
        if (!args.startsWith(":")) {
            return "ip4 needs an address";
        }
        String v = args.substring(1);
        int slash = v.indexOf('/');
        String addr = slash < 0 ? v : v.substring(0, slash);
        int len = slash < 0 ? 32 : prefix(v.substring(slash + 1), 32);
        if (!IP4.matcher(addr).matches() || len < 0) {
            return "bad ip4 network";
        }
        return new Directive(q, Mechanism.IP4, null, InetAddresses.forString(addr), len, 128, term);
    }

    private static Object ip6(SpfResult.Result q, String args, String term) {
        if (!args.startsWith(":")) {
            return "ip6 needs an address";
        }
        String v = args.substring(1);
        int slash = v.indexOf('/');
        String addr = slash < 0 ? v : v.substring(0, slash);
        int len = slash < 0 ? 128 : prefix(v.substring(slash + 1), 128);
        // RFC 7208 §5.6 ip6-network is an RFC 4291 address: no "%scope" (Guava would look the
        // interface up and throw)
        if (len < 0 || addr.indexOf(':') < 0 || addr.indexOf('%') >= 0 || !InetAddresses.isInetAddress(addr)) {
            return "bad ip6 network";
        }
        InetAddress a = InetAddresses.forString(addr);
        if (a instanceof Inet4Address) {
            // "::ffff:a.b.c.d": keep the IPv6 form so it only ever matches IPv6 clients
            a = ipv6Of(a);
        }
        return new Directive(q, Mechanism.IP6, null, a, 32, len, term);
    }

    static Inet6Address ipv6Of(InetAddress v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes never fail
        }
    }

    /** A prefix length: digits without a leading zero, at most max; -1 when invalid; def if null. */
    private static int prefix(String digits, int max) {
        if (digits == null) {
            return max;
        }
        if (digits.isEmpty() || digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        int n = Integer.parseInt(digits);
        return n > max ? -1 : n;
    }

    /**
     * Checks a domain-spec: a valid macro-string ending in a domain-end, that is "." toplabel
     * ["."] or a macro-expand (RFC 7208 §7.1 ABNF). Returns null when valid.
     */
    static String checkDomainSpec(String spec) {
        if (spec.isEmpty()) {
            return "empty domain-spec";
        }
        String err = Macro.validate(spec, false);
        if (err != null) {
            return err;
        }
        if (spec.endsWith("}") || spec.endsWith("%%") || spec.endsWith("%_") || spec.endsWith("%-")) {
            return endsWithMacroExpand(spec) ? null : "bad domain-end";
        }
        String s = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = s.lastIndexOf('.');
        if (dot < 0) {
            return "domain-spec must end in '.' toplabel";
        }
        return isTopLabel(s.substring(dot + 1)) ? null : "invalid top-level label";
    }

    private static boolean endsWithMacroExpand(String spec) {
        // the final macro-expand must not itself be an escaped "%%{" sequence; re-scan from the start
        int i = 0;
        boolean lastWasExpand = false;
        while (i < spec.length()) {
            if (spec.charAt(i) == '%') {
                char n = spec.charAt(i + 1);
                if (n == '{') {
                    i = spec.indexOf('}', i) + 1;
                } else {
                    i += 2;
                }
                lastWasExpand = true;
            } else {
                i++;
                lastWasExpand = false;
            }
        }
        return lastWasExpand;
    }

    /** toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
    static boolean isTopLabel(String l) {
        if (l.isEmpty() || l.length() > 63) {
            return false;
        }
        boolean alpha = false;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            boolean an = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!an && c != '-') {
                return false;
            }
            alpha |= Character.isLetter(c);
        }
        if (l.indexOf('-') >= 0) {
            return l.charAt(0) != '-' && l.charAt(l.length() - 1) != '-';
        }
        return alpha;
    }
}
