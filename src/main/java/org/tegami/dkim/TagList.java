package org.tegami.dkim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DKIM tag=value list (RFC 6376 §3.2), used by DKIM-Signature fields and key records.
 * Tag names are case-sensitive; values keep inner folding whitespace (callers strip what their
 * tag allows). Never throws: syntax errors come back as {@link Result#error()}.
 */
public final class TagList {

    /** Lists longer than this are refused (a DKIM-Signature is normally well under 2 KB). */
    public static final int MAX_LENGTH = 64 * 1024;
    /** At most this many tags. */
    public static final int MAX_TAGS = 64;

    /** Either tags (in order) or an error, never both. */
    public record Result(Map<String, String> tags, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private TagList() {}

    public static Result parse(String text) {
        if (text == null) {
            return new Result(null, "missing tag list");
        }
        if (text.length() > MAX_LENGTH) {
            return new Result(null, "tag list longer than " + MAX_LENGTH + " characters");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            if (isFws(spec)) {
                if (i == specs.length - 1) {
                    break; // RFC 6376 §3.2: a trailing ";" is allowed
                }
                return new Result(null, "empty tag");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                return new Result(null, "tag without '=': '" + abbreviate(spec) + "'");
            }
            String name = strip(spec.substring(0, eq));
            if (!validName(name)) {
                return new Result(null, "invalid tag name '" + abbreviate(name) + "'");
            }
            String value = strip(spec.substring(eq + 1));
            if (!validValue(value)) {
                return new Result(null, "invalid character in value of tag " + name);
            }
            if (tags.put(name, value) != null) {
                // RFC 6376 §3.2: "Tags with duplicate names MUST NOT occur within a single tag-list"
                return new Result(null, "duplicate tag " + name);
            }
            if (tags.size() > MAX_TAGS) {
                return new Result(null, "too many tags");
            }
        }
        return new Result(Map.copyOf(tags), null);
    }

    /** Removes all folding whitespace (for base64 values, RFC 6376 §3.5 b=/bh=, §3.6.1 p=). */
    public static String removeFws(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isFws(String s) {
        return strip(s).isEmpty();
    }

    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isWsp(s.charAt(a))) {
            a++;
        }
        while (b > a && isWsp(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** tag-name = ALPHA *ALNUMPUNC (ALNUMPUNC = ALPHA / DIGIT / "_"). */
    private static boolean validName(String n) {
        if (n.isEmpty() || !isAlpha(n.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** tval = 1*VALCHAR (%x21-3A / %x3C-7E) separated by FWS; RFC 6376 allows UTF-8 in i= too. */
    private static boolean validValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ';' || (c < 0x21 && !isWsp(c)) || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
