package org.tegami.threat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tolerant tokenizer for Authentication-Results values (RFC 8601 §2.2): splits on ';' outside
 * comments and quotes, reads {@code method=result} and {@code ptype.property=value} pairs, keeps
 * comments (some producers put the DMARC policy there: "(p=reject dis=none)").
 */
final class AuthResultsLexer {

    private AuthResultsLexer() {}

    record Resinfo(String method, String result, Map<String, String> props, String comment) {
        String prop(String name) {
            return props.get(name);
        }
    }

    static List<String> splitResinfo(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    cur.append(c).append(value.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"' && depth == 0) {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ';' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    static String firstToken(String s) {
        String t = s.strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != '(') {
            end++;
        }
        return t.substring(0, end);
    }

    /** Parses "method=result (comment) ptype.prop=value ..." or returns null. */
    static Resinfo parseResinfo(String s) {
        StringBuilder comment = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
                plain.append(' ');
            } else if (c == ')' && depth > 0) {
                depth--;
                comment.append(' ');
                plain.append(' ');
            } else if (depth > 0) {
                comment.append(c);
            } else {
                plain.append(c);
            }
        }
        String[] tokens = plain.toString().strip().split("\\s+");
        if (tokens.length == 0 || tokens[0].indexOf('=') <= 0) {
            return null;
        }
        String[] mr = tokens[0].split("=", 2);
        String method = mr[0].toLowerCase(Locale.ROOT);
        int slash = method.indexOf('/');
        if (slash >= 0) {
            method = method.substring(0, slash); // method version, RFC 8601 §2.2
        }
        String result = mr[1].strip();
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq > 0) {
                String key = tokens[i].substring(0, eq).toLowerCase(Locale.ROOT);
                String val = tokens[i].substring(eq + 1);
                if (val.length() >= 2 && val.startsWith("\"") && val.endsWith("\"")) {
                    val = val.substring(1, val.length() - 1);
                }
                props.putIfAbsent(key, val);
            }
        }
        return new Resinfo(method, result, props, comment.toString().strip());
    }
}
