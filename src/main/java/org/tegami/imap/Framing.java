package org.tegami.imap;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Line-level framing shared by {@link CommandReader} and {@link RawCommand#frame}. */
final class Framing {

    private Framing() {}

    /**
     * A literal announcement at the end of a line (RFC 9051 §4.3 literal, RFC 7888 "{n+}",
     * RFC 3516 literal8 "~{n}").
     *
     * @param size the announced size, or -1 if the number does not fit 63 bits
     * @param start offset of "{" (or of "~")
     */
    record Marker(long size, boolean sync, boolean binary, int start) {}

    /**
     * The literal announced at the end of the line, or null. Quoted strings are tracked so that
     * a "{5}" inside quotes is not mistaken for one; an unterminated quote means no literal.
     */
    static Marker marker(byte[] line, int len) {
        if (len < 3 || line[len - 1] != '}') {
            return null;
        }
        boolean inQuote = false;
        for (int i = 0; i < len; i++) {
            byte b = line[i];
            if (inQuote && b == '\\') {
                i++;
            } else if (b == '"') {
                inQuote = !inQuote;
            }
        }
        if (inQuote) {
            return null;
        }
        int i = len - 2;
        boolean sync = true;
        if (line[i] == '+') {
            sync = false;
            i--;
        }
        int digitsEnd = i + 1;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
            i--;
        }
        if (i < 0 || line[i] != '{' || i + 1 == digitsEnd) {
            return null;
        }
        int open = i;
        long size = 0;
        for (int k = open + 1; k < digitsEnd; k++) {
            if (size > (Long.MAX_VALUE - 9) / 10) {
                size = -1;
                break;
            }
            size = size * 10 + (line[k] - '0');
        }
        boolean binary = open > 0 && line[open - 1] == '~';
        return new Marker(size, sync, binary, binary ? open - 1 : open);
    }

    /** The tag at the start of a line, or null if the line does not start with a valid one. */
    static String tag(byte[] line, int len) {
        int i = 0;
        while (i < len && Wire.isTagChar(line[i] & 0xff)) {
            i++;
        }
        if (i == 0 || (i < len && line[i] != ' ')) {
            return null;
        }
        return new String(line, 0, i, StandardCharsets.US_ASCII);
    }

    /** "APPEND", "UID FETCH", ... as far as the first line shows; "" if not recognisable. */
    static String commandName(byte[] line, int len) {
        int i = 0;
        while (i < len && line[i] != ' ') {
            i++;
        }
        String first = word(line, len, i + 1);
        if (first.equals("UID")) {
            return "UID " + word(line, len, i + 2 + first.length());
        }
        return first;
    }

    private static String word(byte[] line, int len, int from) {
        if (from >= len) {
            return "";
        }
        int j = from;
        while (j < len && Wire.isAtomChar(line[j] & 0xff)) {
            j++;
        }
        return new String(line, from, j - from, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    }
}
