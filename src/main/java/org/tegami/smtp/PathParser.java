package org.tegami.smtp;

import com.google.common.net.InetAddresses;

/**
 * RFC 5321 §4.1.2 path syntax: {@code "<" [ A-d-l ":" ] Mailbox ">"}. Source routes are parsed and
 * dropped, as §C and §4.1.1.3 allow: the mailbox alone decides where mail goes, so
 * {@code <@ourdomain:user@other.test>} is a recipient at other.test (relay rules apply to it).
 * Address forms that old MTAs interpreted as routing ({@code user%other@ourdomain},
 * {@code other!user}) are taken literally: the first is a local part containing '%', the second
 * has no domain and is refused.
 */
final class PathParser {

    private PathParser() {}

    static final int MAX_LOCAL_PART = 64; // RFC 5321 §4.5.3.1.1
    static final int MAX_DOMAIN = 255; // RFC 5321 §4.5.3.1.2
    static final int MAX_PATH = 256; // RFC 5321 §4.5.3.1.3

    /**
     * Parses a path in angle brackets.
     *
     * @return null for the null path "<>"
     */
    static MailAddress parsePath(String s, boolean allowUtf8) throws AddressException {
        String t = s.strip();
        if (!t.startsWith("<") || !t.endsWith(">")) {
            throw new AddressException("path must be enclosed in <>");
        }
        if (t.length() > MAX_PATH + 2) {
            throw new AddressException("path too long");
        }
        String inner = t.substring(1, t.length() - 1);
        if (inner.isEmpty()) {
            return null;
        }
        int start = 0;
        if (inner.charAt(0) == '@') {
            // A-d-l: @domain,@domain:mailbox — skip to the colon that ends the route.
            int colon = inner.indexOf(':');
            if (colon < 0) {
                throw new AddressException("bad source route");
            }
            for (String hop : inner.substring(0, colon).split(",", -1)) {
                if (!hop.startsWith("@") || !isDomain(hop.substring(1), allowUtf8)) {
                    throw new AddressException("bad source route");
                }
            }
            start = colon + 1;
        }
        return parseMailbox(inner, start, inner.length(), allowUtf8);
    }

    static MailAddress parseMailbox(String s, int start, int end, boolean allowUtf8)
            throws AddressException {
        if (start >= end) {
            throw new AddressException("empty address");
        }
        String local;
        int at;
        if (s.charAt(start) == '"') {
            StringBuilder sb = new StringBuilder();
            int i = start + 1;
            boolean closed = false;
            while (i < end) {
                char c = s.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= end) {
                        throw new AddressException("bad quoted local part");
                    }
                    char q = s.charAt(i + 1);
                    if (q < 32 || q == 127) {
                        throw new AddressException("control character in local part");
                    }
                    sb.append(q);
                    i += 2;
                } else if (c == '"') {
                    closed = true;
                    i++;
                    break;
                } else {
                    if (c < 32 || c == 127 || (c >= 128 && !allowUtf8)) {
                        throw new AddressException("invalid character in local part");
                    }
                    sb.append(c);
                    i++;
                }
            }
            if (!closed || i >= end || s.charAt(i) != '@') {
                throw new AddressException("missing @domain");
            }
            local = sb.toString();
            at = i;
        } else {
            at = s.lastIndexOf('@', end - 1);
            if (at < start) {
                throw new AddressException("missing @domain");
            }
            local = s.substring(start, at);
            if (!isDotString(local) || (!allowUtf8 && !MailAddress.isAscii(local))) {
                throw new AddressException("invalid local part");
            }
        }
        if (local.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LOCAL_PART) {
            throw new AddressException("local part longer than 64 octets");
        }
        String domain = s.substring(at + 1, end);
        if (domain.startsWith("[")) {
            if (!isAddressLiteral(domain)) {
                throw new AddressException("invalid address literal");
            }
        } else if (!isDomain(domain, allowUtf8)) {
            throw new AddressException("invalid domain");
        }
        return new MailAddress(local, domain);
    }

    /** RFC 5321 Dot-string: atoms separated by single dots (UTF-8 allowed, RFC 6531). */
    static boolean isDotString(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && !isAtext(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    /**
     * RFC 5321 Domain: dot-separated labels of letters, digits and hyphens (U-labels when UTF-8
     * is allowed). No trailing dot: "user@example.test." is refused rather than silently equated
     * with example.test.
     */
    static boolean isDomain(String d, boolean allowUtf8) {
        if (d.isEmpty() || d.length() > MAX_DOMAIN) {
            return false;
        }
        String[] labels = d.split("\\.", -1);
        if (labels.length < 1) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || (c >= 128 && allowUtf8 && Character.isLetterOrDigit(c));
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isAddressLiteral(String d) {
        if (!d.startsWith("[") || !d.endsWith("]")) {
            return false;
        }
        String inner = d.substring(1, d.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String v6 = inner.substring(5);
            return v6.contains(":") && InetAddresses.isInetAddress(v6);
        }
        // Guava never queries DNS, unlike InetAddress.getByName on a malformed literal.
        return inner.matches("\\d{1,3}(\\.\\d{1,3}){3}") && InetAddresses.isInetAddress(inner);
    }
}
