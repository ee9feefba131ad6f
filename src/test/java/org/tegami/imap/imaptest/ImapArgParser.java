package org.tegami.imap.imaptest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a line (with its literals) into {@link ImapArg}s the way imaptest reads both its scripts
 * and the server's replies: atoms run to SP, CR, LF or (inside a list) ")"; "NIL" is NIL; quoted
 * strings unescape "\"; "{n}" / "{n+}" / "~{n}" take n octets after the line end. In script mode
 * atoms may hold any character ("$mailbox${sep}x", "body[header.fields") and quoted strings may
 * span lines. Input is one char per octet (ISO-8859-1).
 */
public final class ImapArgParser {

    private final String s;
    private final boolean script;
    private int pos;

    private ImapArgParser(String s, boolean script) {
        this.s = s;
        this.script = script;
    }

    /** Parses all arguments of {@code text}; throws {@link IllegalArgumentException} on bad syntax. */
    public static List<ImapArg> parse(String text, boolean scriptMode) {
        return new ImapArgParser(text, scriptMode).all();
    }

    public static List<ImapArg> parse(byte[] data, boolean scriptMode) {
        return parse(new String(data, StandardCharsets.ISO_8859_1), scriptMode);
    }

    private List<ImapArg> all() {
        Deque<List<ImapArg>> stack = new ArrayDeque<>();
        List<ImapArg> cur = new ArrayList<>();
        while (true) {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            if (pos >= s.length() || s.charAt(pos) == '\r' || s.charAt(pos) == '\n') {
                break;
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                stack.push(cur);
                cur = new ArrayList<>();
            } else if (c == ')') {
                if (stack.isEmpty()) {
                    throw new IllegalArgumentException("unexpected ')' at " + pos);
                }
                pos++;
                ImapArg.ListArg list = new ImapArg.ListArg(List.of(), cur);
                cur = stack.pop();
                cur.add(list);
            } else if (c == '"') {
                cur.add(quoted());
            } else if (c == '{' || (c == '~' && pos + 1 < s.length() && s.charAt(pos + 1) == '{')) {
                cur.add(literal());
            } else {
                cur.add(atom(!stack.isEmpty()));
            }
        }
        if (!stack.isEmpty()) {
            throw new IllegalArgumentException("missing ')'");
        }
        return cur;
    }

    private ImapArg quoted() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("missing '\"'");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return new ImapArg.Str(sb.toString(), false, false);
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            } else if ((c == '\r' || c == '\n') && !script) {
                throw new IllegalArgumentException("line break in quoted string");
            }
            sb.append(c);
        }
    }

    private ImapArg literal() {
        boolean binary = s.charAt(pos) == '~';
        if (binary) {
            pos++;
        }
        int close = s.indexOf('}', pos);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated literal size");
        }
        String digits = s.substring(pos + 1, close);
        if (digits.endsWith("+")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        int n = Integer.parseInt(digits);
        pos = close + 1;
        if (pos < s.length() && s.charAt(pos) == '\r') {
            pos++;
        }
        if (pos >= s.length() || s.charAt(pos) != '\n') {
            throw new IllegalArgumentException("missing line end after literal size");
        }
        pos++;
        if (pos + n > s.length()) {
            throw new IllegalArgumentException("literal longer than the input");
        }
        String data = s.substring(pos, pos + n);
        pos += n;
        return new ImapArg.Str(data, true, binary);
    }

    private ImapArg atom(boolean inList) {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\r' || c == '\n' || (c == ')' && (inList || !script))) {
                break;
            }
            pos++;
        }
        String a = s.substring(start, pos);
        return a.equalsIgnoreCase("NIL") ? new ImapArg.Nil() : new ImapArg.Atom(a);
    }
}
