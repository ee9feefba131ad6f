package org.tegami.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 2047 encoded-words: decoding for display/matching, encoding for headers we write. */
public final class EncodedWords {

    private EncodedWords() {}

    /**
     * Decodes every encoded-word in a header value. Whitespace between two adjacent encoded-words
     * is dropped (RFC 2047 §6.2); malformed words are left as they are.
     */
    public static String decode(String value) {
        if (value == null || value.indexOf("=?") < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        boolean lastWasWord = false;
        while (i < value.length()) {
            int start = value.indexOf("=?", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            String between = value.substring(i, start);
            Decoded word = parseWord(value, start);
            if (word == null) {
                out.append(value, i, start + 2);
                i = start + 2;
                lastWasWord = false;
                continue;
            }
            if (!(lastWasWord && between.isBlank())) {
                out.append(between); // whitespace between two encoded words is dropped
            }
            out.append(word.text);
            i = word.end;
            lastWasWord = true;
        }
        return out.toString();
    }

    private record Decoded(String text, int end) {}

    private static Decoded parseWord(String v, int start) {
        int q1 = v.indexOf('?', start + 2);
        if (q1 < 0) {
            return null;
        }
        int q2 = v.indexOf('?', q1 + 1);
        if (q2 < 0 || q2 != q1 + 2) {
            return null;
        }
        int endMark = v.indexOf("?=", q2 + 1);
        if (endMark < 0 || endMark - start > 2000) {
            return null;
        }
        String charsetName = v.substring(start + 2, q1);
        int star = charsetName.indexOf('*'); // RFC 2231 §5 language suffix
        if (star >= 0) {
            charsetName = charsetName.substring(0, star);
        }
        char enc = Character.toUpperCase(v.charAt(q1 + 1));
        String payload = v.substring(q2 + 1, endMark);
        if (payload.indexOf(' ') >= 0) {
            return null;
        }
        Charset cs = Charsets.forName(charsetName, null);
        if (cs == null) {
            return null;
        }
        byte[] bytes;
        if (enc == 'B') {
            bytes = decodeBase64Lenient(payload);
            if (bytes == null) {
                return null;
            }
        } else if (enc == 'Q') {
            bytes = decodeQ(payload);
        } else {
            return null;
        }
        return new Decoded(new String(bytes, cs), endMark + 2);
    }

    static byte[] decodeBase64Lenient(String s) {
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                clean.append(c);
            }
        }
        while (clean.length() % 4 != 0) {
            if (clean.length() % 4 == 1) {
                clean.setLength(clean.length() - 1);
            } else {
                clean.append('=');
            }
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] decodeQ(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < s.length()
                    && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** Encodes text for a header as UTF-8 B encoded-words when it is not plain ASCII. */
    public static String encode(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x7f || (c < 0x20 && c != '\t')) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        // Split on code point boundaries so each word stays under 75 chars (RFC 2047 §2).
        int i = 0;
        while (i < text.length()) {
            int end = i;
            int bytes = 0;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + len > 45) {
                    break;
                }
                bytes += len;
                end += Character.charCount(cp);
            }
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append("=?UTF-8?B?")
                    .append(Base64.getEncoder().encodeToString(text.substring(i, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            i = end;
        }
        return out.toString();
    }
}
