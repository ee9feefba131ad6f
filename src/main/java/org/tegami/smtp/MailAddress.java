package org.tegami.smtp;

import java.net.IDN;
import java.util.Locale;

/**
 * An RFC 5321 mailbox: local part and domain (or address literal such as "[192.0.2.1]"). The
 * local part is kept as sent (case preserved, quotes removed); the domain is lower-cased.
 */
public record MailAddress(String localPart, String domain) {

    public MailAddress {
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** Parses "local@domain" with RFC 5321 syntax (quoted local parts allowed, UTF-8 allowed). */
    public static MailAddress parse(String s) throws AddressException {
        return PathParser.parseMailbox(s, 0, s.length(), true);
    }

    public boolean isAddressLiteral() {
        return domain.startsWith("[");
    }

    /** The domain in A-label (punycode) form, for DNS and lookups. */
    public String asciiDomain() {
        if (isAddressLiteral() || isAscii(domain)) {
            return domain; // already lower case; IDN.toASCII would only copy it (it is called per check)
        }
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain;
        }
    }

    /** True if the address needs SMTPUTF8 (non-ASCII in local part or domain). */
    public boolean needsSmtpUtf8() {
        return !isAscii(localPart) || !isAscii(domain);
    }

    /** Canonical lookup key: local part as is, ASCII domain, lower case for ASCII letters. */
    public String key() {
        return (localPart + "@" + asciiDomain()).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return (PathParser.isDotString(localPart) ? localPart : quote(localPart)) + "@" + domain;
    }

    private static String quote(String local) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
