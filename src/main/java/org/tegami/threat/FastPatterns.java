package org.tegami.threat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex helpers for scanning long text cheaply. Java's regex engine tries a pattern at every
 * position, so {@link #compile} puts a leading lookahead on the characters that can start a
 * match, which rejects most positions with one character test. That set is derived from the
 * pattern itself (a candidate starts a match if matching it alone reaches the end of input), so
 * it cannot drift from the pattern. Phrase lists use {@link PhraseSet}.
 */
final class FastPatterns {

    private FastPatterns() {}

    static boolean hasCjk(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x2e80 && c <= 0x9fff || c >= 0xf900 && c <= 0xfaff || c >= 0xff00 && c <= 0xffef) {
                return true;
            }
        }
        return false;
    }

    /** Splits a regex at its top-level '|' (outside groups, classes and escapes). */
    static List<String> topLevelAlternatives(String regex) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }

    static Pattern compile(String regex, int flags) {
        Pattern full = Pattern.compile(regex, flags);
        TreeSet<Integer> first = new TreeSet<>();
        for (int c = 0x20; c < 0x7f; c++) {
            probe(full, c, first);
        }
        regex.codePoints().filter(c -> c >= 0x80).distinct().forEach(c -> probe(full, c, first));
        if (first.isEmpty()) {
            return full;
        }
        StringBuilder set = new StringBuilder("(?=[");
        for (int c : first) {
            if (Character.isLetterOrDigit(c) || c >= 0x80) {
                set.appendCodePoint(c);
            } else {
                set.append(String.format("\\x{%x}", c));
            }
        }
        set.append("])(?:").append(regex).append(')');
        return Pattern.compile(set.toString(), flags);
    }

    private static void probe(Pattern p, int c, TreeSet<Integer> out) {
        Matcher m = p.matcher(new String(Character.toChars(c)));
        if (m.lookingAt() || m.hitEnd()) {
            out.add(c);
            if ((p.flags() & Pattern.CASE_INSENSITIVE) != 0 && Character.isLetter(c)) {
                out.add(Character.toUpperCase(c));
                out.add(Character.toLowerCase(c));
            }
        }
    }
}
