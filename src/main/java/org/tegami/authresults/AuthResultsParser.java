package org.tegami.authresults;

import java.util.ArrayList;
import java.util.List;
import org.tegami.mime.HeaderField;

/**
 * Reads Authentication-Results field values (RFC 8601 §2.2 grammar, comments and quoted-strings
 * included). Lenient where it can be: a malformed resinfo is skipped up to the next ';', and
 * unknown methods and properties are kept. Never throws.
 */
public final class AuthResultsParser {

    /** Values longer than this are refused. */
    public static final int MAX_LENGTH = 64 * 1024;

    private AuthResultsParser() {}

    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(AuthenticationResults results) implements Parsed {}

    public record Invalid(String reason) implements Parsed {}

    public static Parsed parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return new Invalid(value == null ? "no value" : "value longer than " + MAX_LENGTH);
        }
        Lexer lx = new Lexer(value);
        String id = lx.value();
        if (id == null || id.isEmpty()) {
            return new Invalid("missing authserv-id");
        }
        int version = 1;
        String v = lx.peekDigits();
        if (v != null) {
            lx.value();
            version = v.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(v);
        }
        List<AuthenticationResults.Result> results = new ArrayList<>();
        while (lx.more()) {
            if (!lx.consume(';')) {
                lx.skipTo(';'); // junk after a result or the id
                continue;
            }
            AuthenticationResults.Result r = resinfo(lx);
            if (r != null && !(r.method().equals("none") && r.result().isEmpty())) {
                results.add(r);
            }
            if (results.size() > 1000) {
                break;
            }
        }
        return new Valid(new AuthenticationResults(id, version, results));
    }

    /** methodspec [reasonspec] *propspec; null (and input skipped to the next ';') when malformed. */
    private static AuthenticationResults.Result resinfo(Lexer lx) {
        String method = lx.token();
        if (method == null) {
            lx.skipTo(';');
            return null;
        }
        method = AuthenticationResults.lower(method);
        if (lx.consume('/')) {
            lx.token(); // method-version: accepted and ignored
        }
        if (!lx.consume('=')) {
            lx.skipTo(';');
            return method.equals("none") ? new AuthenticationResults.Result("none", "", null, null, List.of()) : null;
        }
        String result = lx.token();
        if (result == null) {
            lx.skipTo(';');
            return null;
        }
        String comment = lx.lastComment();
        String reason = null;
        List<AuthenticationResults.Property> props = new ArrayList<>();
        while (lx.more() && lx.peek() != ';') {
            lx.dots = false;
            String ptype = lx.token();
            lx.dots = true;
            if (ptype == null) {
                lx.skipTo(';');
                break;
            }
            if (ptype.equalsIgnoreCase("reason") && lx.consume('=')) {
                reason = lx.value();
                continue;
            }
            if (!lx.consume('.')) {
                lx.skipTo(';');
                break;
            }
            lx.dots = false;
            String name = lx.token();
            lx.dots = true;
            if (name == null || !lx.consume('=')) {
                lx.skipTo(';');
                break;
            }
            String pv = lx.pvalue();
            props.add(new AuthenticationResults.Property(AuthenticationResults.lower(ptype), name, pv == null ? "" : pv));
        }
        return new AuthenticationResults.Result(method, AuthenticationResults.lower(result), comment, reason, props);
    }

    /**
     * True when the field value names {@code authservId} as its authserv-id (compared
     * case-insensitively, RFC 8601 §5: a receiver removes such fields arriving from outside).
     */
    public static boolean claims(String value, String authservId) {
        if (value == null) {
            return false;
        }
        String id = new Lexer(value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value).value();
        return id != null && id.equalsIgnoreCase(authservId);
    }

    /** Indexes of the Authentication-Results fields in {@code header} that claim {@code authservId}. */
    public static List<Integer> claiming(List<HeaderField> header, String authservId) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).is("Authentication-Results") && claims(header.get(i).value(), authservId)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The results a message carries: the topmost parseable Authentication-Results field (the one
     * the last hop added), restricted to {@code authservId} when not null. Empty means unknown —
     * no such field — which is not the same as a field saying "none".
     */
    public static java.util.Optional<AuthenticationResults> topmost(List<HeaderField> header, String authservId) {
        for (HeaderField f : header) {
            if (f.is("Authentication-Results") && (authservId == null || claims(f.value(), authservId))
                    && parse(f.value()) instanceof Valid v) {
                return java.util.Optional.of(v.results());
            }
        }
        return java.util.Optional.empty();
    }

    /** Tokens, quoted-strings and specials with CFWS skipped; remembers the last comment. */
    private static final class Lexer {
        private final String s;
        private int i;
        private String comment;
        /** Whether '.' belongs to tokens (ids, methods, results) or separates ptype.property. */
        private boolean dots = true;

        Lexer(String s) {
            this.s = s;
        }

        boolean more() {
            cfws();
            return i < s.length();
        }

        char peek() {
            cfws();
            return i < s.length() ? s.charAt(i) : 0;
        }

        boolean consume(char c) {
            if (peek() == c) {
                i++;
                return true;
            }
            return false;
        }

        void skipTo(char c) {
            while (i < s.length() && s.charAt(i) != c) {
                if (s.charAt(i) == '"') {
                    quoted();
                } else if (s.charAt(i) == '(') {
                    comment();
                } else {
                    i++;
                }
            }
        }

        String lastComment() {
            String c = comment;
            comment = null;
            return c;
        }

        /** A token (RFC 2045): anything but specials, space and controls. */
        String token() {
            cfws();
            comment = null;
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            String t = i > start ? s.substring(start, i) : null;
            cfws();
            return t;
        }

        String peekDigits() {
            cfws();
            int k = i;
            while (k < s.length() && Character.isDigit(s.charAt(k))) {
                k++;
            }
            boolean endsHere = k == s.length() || s.charAt(k) == ';' || s.charAt(k) == ' ' || s.charAt(k) == '\t'
                    || s.charAt(k) == '(' || s.charAt(k) == '\r' || s.charAt(k) == '\n';
            return k > i && endsHere ? s.substring(i, k) : null;
        }

        /** value = token / quoted-string. */
        String value() {
            cfws();
            if (i < s.length() && s.charAt(i) == '"') {
                String q = quoted();
                cfws();
                return q;
            }
            return token();
        }

        /** pvalue: a value, or [local-part] "@" domain (which may contain '@' and '/'). */
        String pvalue() {
            cfws();
            dots = true;
            if (i < s.length() && s.charAt(i) == '"') {
                String q = quoted();
                if (i < s.length() && s.charAt(i) == '@') {
                    int start = i;
                    while (i < s.length() && (isTokenChar(s.charAt(i)) || s.charAt(i) == '@')) {
                        i++;
                    }
                    q = "\"" + q + "\"" + s.substring(start, i);
                }
                cfws();
                return q;
            }
            int start = i;
            while (i < s.length() && (isTokenChar(s.charAt(i)) || s.charAt(i) == '@' || s.charAt(i) == '/' || s.charAt(i) == ':'
                    || s.charAt(i) == '=')) {
                i++;
            }
            String v = s.substring(start, i);
            cfws();
            return v;
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            i++; // opening quote
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    c = s.charAt(++i);
                }
                if (c != '\r' && c != '\n') {
                    sb.append(c);
                }
                i++;
            }
            if (i < s.length()) {
                i++; // closing quote; an unterminated string runs to the end
            }
            return sb.toString();
        }

        private void cfws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    i++;
                } else if (c == '(') {
                    comment = comment();
                } else {
                    return;
                }
            }
        }

        /** A comment, nested comments allowed; returns its text. */
        private String comment() {
            StringBuilder sb = new StringBuilder();
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    sb.append(s.charAt(i++));
                    continue;
                }
                if (c == '(') {
                    if (depth++ > 0) {
                        sb.append(c);
                    }
                } else if (c == ')') {
                    if (--depth == 0) {
                        break;
                    }
                    sb.append(c);
                } else {
                    sb.append(c);
                }
            }
            return sb.toString().strip();
        }

        /** RFC 2045 token characters; '.' too unless it separates ptype and property. */
        private boolean isTokenChar(char c) {
            return c > 0x20 && c != 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0 && (c != '.' || dots);
        }
    }
}
