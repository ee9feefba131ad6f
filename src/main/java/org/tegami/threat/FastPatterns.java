package org.tegami.threat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles large alternations of phrases so that scanning long text stays cheap. Java's regex
 * engine tries every top-level alternative at every position, so a phrase list is split into its
 * Latin-script and CJK alternatives (the CJK part only runs on text that has CJK characters), and
 * each part gets a leading lookahead on the characters that can start a match, which rejects most
 * positions with one character test. That set is derived from the pattern itself (a candidate
 * starts a match if matching it alone reaches the end of input), so it cannot drift from the phrases.
 */
final class FastPatterns {

    /**
     * A phrase list compiled as up to three patterns: phrases that start at a word boundary
     * (tried only at word starts whose first character can begin one), phrases with CJK characters
     * (only on text that has some), and the rest.
     */
    record Phrases(Pattern words, boolean[] wordFirst, Pattern cjk, Pattern rest) {
        /** The first match in {@code text} (word phrases first), or null. */
        String find(String text, boolean hasCjk) {
            if (words != null) {
                Matcher m = words.matcher(text);
                int n = text.length();
                for (int i = 0; i < n; i++) {
                    char c = text.charAt(i);
                    if (c < 128 && wordFirst[c] && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                        m.region(i, Math.min(n, i + 400));
                        if (m.lookingAt()) {
                            return m.group();
                        }
                    }
                }
            }
            for (Pattern p : new Pattern[] {hasCjk ? cjk : null, rest}) {
                if (p != null) {
                    Matcher m = p.matcher(text);
                    if (m.find()) {
                        return m.group();
                    }
                }
            }
            return null;
        }
    }

    private FastPatterns() {}

    /** Phrases for lower-cased text: the pattern is lower-cased too (its escapes are all lower case). */
    static Phrases phrases(String regex, int flags) {
        if (flags == 0) {
            regex = regex.toLowerCase(java.util.Locale.ROOT);
        }
        List<String> words = new ArrayList<>();
        List<String> cjk = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String alt : topLevelAlternatives(regex)) {
            if (alt.startsWith("\\b")) {
                words.add(alt);
            } else if (hasCjk(alt)) {
                cjk.add(alt);
            } else {
                rest.add(alt);
            }
        }
        Pattern w = words.isEmpty() ? null : Pattern.compile(String.join("|", words), flags);
        boolean[] first = new boolean[128];
        if (w != null) {
            for (int c = 0x20; c < 0x7f; c++) {
                Matcher m = w.matcher(String.valueOf((char) c));
                first[c] = m.lookingAt() || m.hitEnd();
                if (first[c] && (flags & Pattern.CASE_INSENSITIVE) != 0 && Character.isLetter(c)) {
                    first[Character.toUpperCase(c)] = true;
                    first[Character.toLowerCase(c)] = true;
                }
            }
        }
        return new Phrases(w, first, cjk.isEmpty() ? null : compile(String.join("|", cjk), flags),
                rest.isEmpty() ? null : compile(String.join("|", rest), flags));
    }

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
