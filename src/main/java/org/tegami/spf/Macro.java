package org.tegami.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** SPF macro validation and expansion (RFC 7208 §7). */
final class Macro {

    private Macro() {}

    /** Thrown inside the evaluator when a macro cannot be expanded: check_host() gives permerror. */
    static final class MacroException extends RuntimeException {
        MacroException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What macros expand to (RFC 7208 §7.3).
     *
     * @param validatedName lazily computes %{p} (§7.3: a PTR-validated name, or "unknown")
     */
    record Context(String local, String senderDomain, String domain, InetAddress ip, String helo,
            String receiver, long timestamp, Supplier<String> validatedName) {}

    private static final String LETTERS = "slodiphcrtv";
    private static final String DELIMITERS = ".-+,/_=";
    private static final String HEX = "0123456789ABCDEF";

    /**
     * Validates a macro-string (or an explain-string when {@code explain}): returns null when
     * valid, else the error. c, r and t are only allowed in explanations (RFC 7208 §7.2).
     */
    static String validate(String s, boolean explain) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 1 >= s.length()) {
                    return "'%' at end of macro-string";
                }
                char n = s.charAt(i + 1);
                if (n == '%' || n == '_' || n == '-') {
                    i += 2;
                    continue;
                }
                if (n != '{') {
                    return "invalid macro escape '%" + n + "'";
                }
                int close = s.indexOf('}', i);
                if (close < 0) {
                    return "unterminated macro";
                }
                String err = checkBody(s.substring(i + 2, close), explain);
                if (err != null) {
                    return err;
                }
                i = close + 1;
            } else if (c == ' ' && !explain) {
                return "space in macro-string";
            } else if (c < 0x20 || c > 0x7e) {
                return "invalid character in macro-string";
            } else {
                i++;
            }
        }
        return null;
    }

    private static String checkBody(String body, boolean explain) {
        if (body.isEmpty()) {
            return "empty macro";
        }
        char letter = Character.toLowerCase(body.charAt(0));
        if (LETTERS.indexOf(letter) < 0) {
            return "unknown macro letter '" + body.charAt(0) + "'";
        }
        if (!explain && "crt".indexOf(letter) >= 0) {
            return "macro %{" + body.charAt(0) + "} only allowed in exp= text";
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        if (i > digitsStart) {
            // RFC 7208 §7.3: if a DIGIT is specified, the value MUST be nonzero
            String digits = body.substring(digitsStart, i);
            if (digits.length() > 3 || Integer.parseInt(digits) == 0) {
                return "invalid macro transformer";
            }
        }
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            i++;
        }
        for (; i < body.length(); i++) {
            if (DELIMITERS.indexOf(body.charAt(i)) < 0) {
                return "invalid macro delimiter '" + body.charAt(i) + "'";
            }
        }
        return null;
    }

    /** Expands a validated macro-string (RFC 7208 §7.3, §7.4). */
    static String expand(String s, Context ctx, boolean explain) {
        String err = validate(s, explain);
        if (err != null) {
            throw new MacroException(err);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            char n = s.charAt(i + 1);
            switch (n) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                default -> {
                    int close = s.indexOf('}', i);
                    out.append(expandOne(s.substring(i + 2, close), ctx));
                    i = close + 1;
                    continue;
                }
            }
            i += 2;
        }
        return out.toString();
    }

    private static String expandOne(String body, Context ctx) {
        char letter = body.charAt(0);
        String value = value(Character.toLowerCase(letter), ctx);
        int i = 1;
        int digits = 0;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            digits = digits * 10 + (body.charAt(i) - '0');
            i++;
        }
        boolean reverse = false;
        if (i < body.length() && Character.toLowerCase(body.charAt(i)) == 'r') {
            reverse = true;
            i++;
        }
        String delims = i < body.length() ? body.substring(i) : ".";
        List<String> parts = split(value, delims);
        if (reverse) {
            Collections.reverse(parts);
        }
        if (digits > 0 && digits < parts.size()) {
            parts = parts.subList(parts.size() - digits, parts.size());
        }
        String joined = String.join(".", parts);
        // RFC 7208 §7.3: upper-case macro letters are URL-escaped
        return Character.isUpperCase(letter) ? urlEscape(joined) : joined;
    }

    private static List<String> split(String value, String delims) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < value.length(); k++) {
            if (delims.indexOf(value.charAt(k)) >= 0) {
                parts.add(value.substring(start, k));
                start = k + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    private static String value(char letter, Context ctx) {
        return switch (letter) {
            case 's' -> ctx.local() + "@" + ctx.senderDomain();
            case 'l' -> ctx.local();
            case 'o' -> ctx.senderDomain();
            case 'd' -> ctx.domain();
            case 'i' -> dotted(ctx.ip());
            case 'p' -> ctx.validatedName().get();
            case 'v' -> ctx.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            case 'c' -> com.google.common.net.InetAddresses.toAddrString(ctx.ip());
            case 'r' -> ctx.receiver();
            case 't' -> Long.toString(ctx.timestamp());
            default -> throw new MacroException("unknown macro letter");
        };
    }

    /**
     * %{i}: dotted-quad for IPv4, dot-separated nibbles for IPv6 (RFC 7208 §7.3). Nibbles are
     * upper case as in the openspf.org suite (v-macro-ip6) and pyspf; the RFC's §7.4 example
     * writes them in lower case, which DNS treats alike.
     */
    static String dotted(InetAddress ip) {
        byte[] b = ip.getAddress();
        StringBuilder sb = new StringBuilder();
        if (b.length == 4) {
            for (int k = 0; k < 4; k++) {
                sb.append(k == 0 ? "" : ".").append(b[k] & 0xff);
            }
            return sb.toString();
        }
        for (int k = 0; k < 16; k++) {
            sb.append(k == 0 ? "" : ".").append(HEX.charAt((b[k] >> 4) & 0xf))
                    .append('.').append(HEX.charAt(b[k] & 0xf));
        }
        return sb.toString();
    }

    /** RFC 3986 escaping of everything but unreserved characters (RFC 7208 §7.3). */
    private static String urlEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
