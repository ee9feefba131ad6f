package org.tegami.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses "token/token; name=value; name*0*=utf-8''a%20b; name*1=c" (RFC 2045 §5.1, RFC 2231).
 * Tolerant of what mail clients really send: missing semicolons, unquoted spaces, comments.
 */
final class HeaderParams {

    private HeaderParams() {}

    private static final int MAX_PARAMS = 64;

    static ContentType parseContentType(String value) {
        if (value == null) {
            return null;
        }
        Cursor c = new Cursor(value);
        String type = c.token();
        if (type.isEmpty() || !c.skip('/')) {
            return null;
        }
        String subtype = c.token();
        if (subtype.isEmpty()) {
            return null;
        }
        return new ContentType(type, subtype, params(c));
    }

    static Disposition parseDisposition(String value) {
        if (value == null) {
            return null;
        }
        Cursor c = new Cursor(value);
        String type = c.token();
        if (type.isEmpty()) {
            return null;
        }
        return new Disposition(type, params(c));
    }

    private static List<ContentType.Param> params(Cursor c) {
        Map<String, String> simple = new LinkedHashMap<>();
        // RFC 2231 sections: name -> (section number -> [value, encoded?])
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        int count = 0;
        while (c.more() && count++ < MAX_PARAMS) {
            c.skip(';');
            String name = c.token().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                if (!c.advance()) {
                    break;
                }
                continue;
            }
            if (!c.skip('=')) {
                continue;
            }
            String val = c.value();
            int star = name.indexOf('*');
            if (star < 0) {
                if (!simple.containsKey(name)) {
                    simple.put(name, val);
                    order.add(name);
                }
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean encoded = rest.endsWith("*") || rest.isEmpty();
            String num = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int section = 0;
            if (!num.isEmpty()) {
                try {
                    section = Integer.parseInt(num);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (section < 0 || section > 999) {
                    continue;
                }
            } else if (!rest.isEmpty() && !rest.equals("*")) {
                continue;
            }
            if (!sections.containsKey(base) && !simple.containsKey(base)) {
                order.add(base);
            }
            sections.computeIfAbsent(base, k -> new TreeMap<>())
                    .putIfAbsent(section, new String[] {val, encoded ? "1" : "0"});
        }
        List<ContentType.Param> out = new ArrayList<>();
        for (String name : order) {
            if (sections.containsKey(name)) {
                out.add(new ContentType.Param(name, join2231(sections.get(name))));
            } else if (simple.containsKey(name)) {
                out.add(new ContentType.Param(name, EncodedWords.decode(simple.get(name))));
            }
        }
        return out;
    }

    private static String join2231(TreeMap<Integer, String[]> parts) {
        Charset cs = StandardCharsets.UTF_8;
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (String[] part : parts.values()) {
            String v = part[0];
            boolean encoded = part[1].equals("1");
            if (encoded && first) {
                int q1 = v.indexOf('\'');
                int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    cs = Charsets.forName(v.substring(0, q1), StandardCharsets.UTF_8);
                    v = v.substring(q2 + 1);
                }
            }
            sb.append(encoded ? percentDecode(v, cs) : v);
            first = false;
        }
        return sb.toString();
    }

    private static String percentDecode(String v, Charset cs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '%' && i + 2 < v.length()
                    && EncodedWords.hex(v.charAt(i + 1)) >= 0 && EncodedWords.hex(v.charAt(i + 2)) >= 0) {
                out.write(EncodedWords.hex(v.charAt(i + 1)) * 16 + EncodedWords.hex(v.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return new String(out.toByteArray(), cs);
    }

    /** A tiny RFC 822 lexer over a header value: tokens, quoted strings, comments. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean more() {
            skipCfws();
            return i < s.length();
        }

        boolean advance() {
            if (i < s.length()) {
                i++;
                return true;
            }
            return false;
        }

        boolean skip(char ch) {
            skipCfws();
            if (i < s.length() && s.charAt(i) == ch) {
                i++;
                return true;
            }
            return false;
        }

        String token() {
            skipCfws();
            int start = i;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch <= ' ' || "()<>@,;:\\\"/[]?=".indexOf(ch) >= 0) {
                    break;
                }
                i++;
            }
            return s.substring(start, i);
        }

        /** A parameter value: quoted string, or everything up to ';' (tolerating spaces). */
        String value() {
            skipCfws();
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < s.length()) {
                    char ch = s.charAt(i++);
                    if (ch == '\\' && i < s.length()) {
                        sb.append(s.charAt(i++));
                    } else if (ch == '"') {
                        break;
                    } else {
                        sb.append(ch);
                    }
                }
                return sb.toString();
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ';') {
                i++;
            }
            String v = s.substring(start, i).strip();
            int paren = v.indexOf(" (");
            return paren > 0 ? v.substring(0, paren).strip() : v;
        }

        private void skipCfws() {
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
                    i++;
                } else if (ch == '(') {
                    int depth = 0;
                    while (i < s.length()) {
                        char d = s.charAt(i++);
                        if (d == '\\' && i < s.length()) {
                            i++; // skip the escaped character, never past the end
                        } else if (d == '(') {
                            depth++;
                        } else if (d == ')' && --depth == 0) {
                            break;
                        }
                    }
                } else {
                    break;
                }
            }
        }
    }
}
