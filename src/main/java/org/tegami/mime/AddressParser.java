package org.tegami.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5322 §3.4 address-list parser, tolerant of the obsolete syntax of §4.4 and of what real mail
 * contains (unquoted dots and '@' in names, missing brackets). Never throws; garbage yields
 * whatever addresses can be recovered.
 */
public final class AddressParser {

    private static final int MAX_ADDRESSES = 1000;

    private AddressParser() {}

    public static List<Address> parseList(String value) {
        List<Address> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        Lexer lx = new Lexer(value);
        while (lx.more() && out.size() < MAX_ADDRESSES) {
            parseAddress(lx, out);
            if (!lx.skip(',')) {
                if (lx.more()) {
                    lx.advance(); // skip one stray character and try again
                }
            }
        }
        return out;
    }

    /** The first mailbox of a list (From:), or null. */
    public static Address parseFirst(String value) {
        for (Address a : parseList(value)) {
            if (a.address() != null) {
                return a;
            }
        }
        return null;
    }

    private static void parseAddress(Lexer lx, List<Address> out) {
        // Collect a phrase; what follows decides what it was.
        StringBuilder phrase = new StringBuilder();
        List<String> words = new ArrayList<>();
        while (lx.more()) {
            char c = lx.peek();
            if (c == '<' || c == ':' || c == ',' || c == ';' || c == '@') {
                break;
            }
            String w = lx.word();
            if (w == null) {
                lx.advance();
                continue;
            }
            words.add(w);
        }
        for (String w : words) {
            if (phrase.length() > 0 && !w.equals(".") && !phrase.toString().endsWith(".")) {
                phrase.append(' ');
            }
            phrase.append(w);
        }
        if (!lx.more()) {
            // A bare word with no @: keep it as a mailbox without host (IMAP shows NIL host).
            if (!words.isEmpty()) {
                out.add(new Address(null, null, joinDots(words), "MISSING_DOMAIN"));
            }
            return;
        }
        char c = lx.peek();
        if (c == ':') {
            lx.advance();
            out.add(new Address(null, null, phrase.toString(), null)); // group start
            while (lx.more() && lx.peek() != ';' && out.size() < MAX_ADDRESSES) {
                parseAddress(lx, out);
                if (!lx.skip(',')) {
                    break;
                }
            }
            lx.skip(';');
            out.add(new Address(null, null, null, null)); // group end
            return;
        }
        if (c == '<') {
            lx.advance();
            String route = null;
            if (lx.more() && lx.peek() == '@') {
                StringBuilder r = new StringBuilder();
                while (lx.more() && lx.peek() != ':' && lx.peek() != '>') {
                    r.append(lx.next());
                }
                if (lx.skip(':')) {
                    route = r.toString().strip();
                }
            }
            Address spec = addrSpec(lx, phrase.length() == 0 ? null : phrase.toString(), route);
            lx.skip('>');
            if (spec != null) {
                out.add(spec);
            }
            return;
        }
        if (c == '@') {
            // addr-spec: the phrase words were the local part. A comment after it is the display
            // name real mail means ("user@host (Real Name)"); IMAP servers (Dovecot) report it so.
            lx.advance();
            lx.lastComment = null;
            String domain = domain(lx);
            String comment = lx.lastComment;
            out.add(new Address(comment == null || comment.isEmpty() ? null : comment, null, joinDots(words), domain));
            return;
        }
        // ',' or ';' right after a phrase: a name with no address
        if (!words.isEmpty()) {
            out.add(new Address(null, null, joinDots(words), "MISSING_DOMAIN"));
        }
    }

    private static Address addrSpec(Lexer lx, String name, String route) {
        List<String> local = new ArrayList<>();
        while (lx.more() && lx.peek() != '@' && lx.peek() != '>') {
            String w = lx.word();
            if (w == null) {
                lx.advance();
                continue;
            }
            local.add(w);
        }
        if (local.isEmpty() && (!lx.more() || lx.peek() == '>')) {
            return name == null ? null : new Address(name, route, null, null);
        }
        String host = null;
        if (lx.skip('@')) {
            host = domain(lx);
        }
        return new Address(name, route, joinDots(local), host == null ? "MISSING_DOMAIN" : host);
    }

    private static String domain(Lexer lx) {
        StringBuilder d = new StringBuilder();
        if (lx.more() && lx.peek() == '[') {
            while (lx.more()) {
                char ch = lx.next();
                d.append(ch);
                if (ch == ']') {
                    break;
                }
            }
            return d.toString();
        }
        while (lx.more()) {
            char ch = lx.peek();
            if (ch == '>' || ch == ',' || ch == ';' || ch == ' ' || ch == '(' || ch == '<') {
                break;
            }
            d.append(lx.next());
        }
        return d.toString();
    }

    private static String joinDots(List<String> words) {
        return String.join("", words).replace(" ", "");
    }

    /** RFC 5322 lexer: atoms (dots kept as separate words), quoted strings, comments skipped. */
    private static final class Lexer {
        private final String s;
        private int i;
        /** Text of the first comment skipped since it was last cleared (a display name in "a@b (Name)"). */
        String lastComment;

        Lexer(String s) {
            this.s = s;
        }

        boolean more() {
            skipCfws();
            return i < s.length();
        }

        char peek() {
            return s.charAt(i);
        }

        char next() {
            return s.charAt(i++);
        }

        void advance() {
            i++;
        }

        boolean skip(char c) {
            skipCfws();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        /** An atom, a "." or a quoted string's content; null if the next char starts neither. */
        String word() {
            skipCfws();
            if (i >= s.length()) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < s.length()) {
                    char ch = s.charAt(i++);
                    if (ch == '\\' && i < s.length()) {
                        sb.append(s.charAt(i++));
                    } else if (ch == '"') {
                        break;
                    } else if (ch != '\r' && ch != '\n') {
                        sb.append(ch);
                    }
                }
                return sb.toString();
            }
            if (c == '.') {
                i++;
                return ".";
            }
            int start = i;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch <= ' ' || "()<>@,;:\\\".[]".indexOf(ch) >= 0) {
                    break;
                }
                i++;
            }
            return i > start ? s.substring(start, i) : null;
        }

        private void skipCfws() {
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
                    i++;
                } else if (ch == '(') {
                    int depth = 0;
                    StringBuilder text = new StringBuilder();
                    while (i < s.length()) {
                        char d = s.charAt(i++);
                        if (d == '\\') {
                            if (i < s.length()) {
                                text.append(s.charAt(i));
                            }
                            i++;
                        } else if (d == '(') {
                            if (depth++ > 0) {
                                text.append(d);
                            }
                        } else if (d == ')' && --depth == 0) {
                            break;
                        } else if (d != '\r' && d != '\n') {
                            text.append(d);
                        }
                    }
                    if (lastComment == null) {
                        lastComment = text.toString().strip();
                    }
                } else {
                    break;
                }
            }
        }
    }
}
