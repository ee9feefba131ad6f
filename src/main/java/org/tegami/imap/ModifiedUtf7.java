package org.tegami.imap;

/**
 * Modified UTF-7, the IMAP4rev1 mailbox-name encoding (RFC 3501 §5.1.3; RFC 9051 §5.1 keeps it for
 * clients that did not ENABLE IMAP4rev2 or UTF8=ACCEPT). Printable US-ASCII except "&" stands for
 * itself, "&" is "&-", anything else is UTF-16BE in modified BASE64 (',' for '/', no padding)
 * between "&" and "-".
 */
public final class ModifiedUtf7 {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();

    private ModifiedUtf7() {}

    /** Encodes a mailbox name; the result is canonical (shortest form, printable ASCII as is). */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                j++;
            }
            out.append('&');
            base64(name, i, j, out);
            out.append('-');
            i = j;
        }
        return out.toString();
    }

    private static void base64(String s, int from, int to, StringBuilder out) {
        int bits = 0;
        int acc = 0;
        for (int k = from; k < to; k++) {
            acc = (acc << 16) | s.charAt(k);
            bits += 16;
            while (bits >= 6) {
                bits -= 6;
                out.append(ALPHABET[(acc >> bits) & 0x3f]);
            }
            acc &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(ALPHABET[(acc << (6 - bits)) & 0x3f]);
        }
    }

    /**
     * Decodes and validates a modified UTF-7 name: only printable ASCII on the wire, every "&"
     * closed by "-", no BASE64 for characters that could stand for themselves, zero padding bits
     * and properly paired UTF-16 surrogates.
     */
    public static String decode(String wire) throws ImapSyntaxException {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new ImapSyntaxException("mailbox name is not modified UTF-7");
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new ImapSyntaxException("unterminated modified UTF-7 sequence");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                decodeRun(wire, i + 1, end, out);
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static void decodeRun(String s, int from, int to, StringBuilder out) throws ImapSyntaxException {
        int acc = 0;
        int bits = 0;
        int start = out.length();
        for (int k = from; k < to; k++) {
            int v = value(s.charAt(k));
            if (v < 0) {
                throw new ImapSyntaxException("bad character in modified BASE64");
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                char u = (char) ((acc >> bits) & 0xffff);
                if (u >= 0x20 && u <= 0x7e) {
                    throw new ImapSyntaxException("modified UTF-7 encodes a printable ASCII character");
                }
                out.append(u);
                acc &= (1 << bits) - 1;
            }
        }
        if (bits >= 6 || acc != 0 || out.length() == start) {
            throw new ImapSyntaxException("bad modified BASE64 padding");
        }
        for (int k = start; k < out.length(); k++) {
            char u = out.charAt(k);
            if (Character.isHighSurrogate(u)) {
                if (k + 1 >= out.length() || !Character.isLowSurrogate(out.charAt(k + 1))) {
                    throw new ImapSyntaxException("unpaired UTF-16 surrogate in mailbox name");
                }
                k++;
            } else if (Character.isLowSurrogate(u)) {
                throw new ImapSyntaxException("unpaired UTF-16 surrogate in mailbox name");
            }
        }
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        return c == ',' ? 63 : -1;
    }

    /** True if {@code wire} decodes without error. */
    public static boolean isValid(String wire) {
        try {
            decode(wire);
            return true;
        } catch (ImapSyntaxException e) {
            return false;
        }
    }
}
