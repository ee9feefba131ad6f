package org.tegami.threat;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A compact confusable-skeleton function in the spirit of UTS #39 §4 ("skeleton(X)"): two strings
 * that look alike have the same skeleton. The table covers what phishing domains and display
 * names use in practice: Cyrillic and Greek letters that look Latin, Latin letters with marks,
 * full-width forms (by NFKC), digits that pass for letters (0/o, 1/l, 5/s) and multi-letter
 * homoglyphs (rn/m, vv/w, cl/d). It is not the full Unicode confusables.txt; it maps every
 * character to the ASCII letter a reader would take it for.
 */
final class Confusables {

    private Confusables() {}

    /** Pairs of (lookalike, prototype); the prototype is lower-case ASCII. */
    private static final String[][] TABLE = {
        // Cyrillic lower case
        {"а", "a"}, {"в", "b"}, {"е", "e"}, {"ё", "e"}, {"һ", "h"}, {"і", "i"}, {"ї", "i"}, {"ј", "j"},
        {"к", "k"}, {"ӏ", "l"}, {"м", "m"}, {"н", "h"}, {"о", "o"}, {"р", "p"}, {"с", "c"}, {"т", "t"},
        {"у", "y"}, {"х", "x"}, {"ѕ", "s"}, {"ԁ", "d"}, {"ԛ", "q"}, {"ԝ", "w"}, {"ь", "b"}, {"ɡ", "g"},
        {"п", "n"}, {"г", "r"}, {"ү", "y"}, {"ω", "w"},
        // Cyrillic upper case
        {"А", "a"}, {"В", "b"}, {"Е", "e"}, {"К", "k"}, {"М", "m"}, {"Н", "h"}, {"О", "o"}, {"Р", "p"},
        {"С", "c"}, {"Т", "t"}, {"Х", "x"}, {"У", "y"}, {"І", "l"}, {"Ј", "j"}, {"Ѕ", "s"}, {"Ԛ", "q"},
        {"Ԝ", "w"},
        // Greek
        {"α", "a"}, {"β", "b"}, {"ε", "e"}, {"ι", "i"}, {"κ", "k"}, {"ν", "v"}, {"ο", "o"}, {"ρ", "p"},
        {"τ", "t"}, {"υ", "u"}, {"χ", "x"}, {"γ", "y"}, {"η", "n"}, {"Α", "a"}, {"Β", "b"}, {"Ε", "e"},
        {"Ζ", "z"}, {"Η", "h"}, {"Ι", "l"}, {"Κ", "k"}, {"Μ", "m"}, {"Ν", "n"}, {"Ο", "o"}, {"Ρ", "p"},
        {"Τ", "t"}, {"Υ", "y"}, {"Χ", "x"},
        // Latin lookalikes that NFD does not reduce
        {"ı", "i"}, {"ɩ", "i"}, {"ł", "l"}, {"ƚ", "l"}, {"ǀ", "l"}, {"ɫ", "l"}, {"ø", "o"}, {"ɑ", "a"},
        {"đ", "d"}, {"ħ", "h"}, {"ŧ", "t"}, {"ß", "b"}, {"ʀ", "r"}, {"ɪ", "i"}, {"ʏ", "y"}, {"ᴠ", "v"},
        {"ᴡ", "w"}, {"ⅼ", "l"}, {"ⅰ", "i"}, {"ℓ", "l"},
        // ASCII digits and symbols read as letters
        {"0", "o"}, {"1", "l"}, {"|", "l"}, {"!", "l"}, {"5", "s"}, {"$", "s"}, {"@", "a"}, {"3", "e"},
        {"I", "l"}, {"i", "i"},
    };

    /** Multi-letter homoglyphs, applied after single characters. */
    private static final String[][] SEQUENCES = {{"rn", "m"}, {"vv", "w"}, {"cl", "d"}, {"ii", "u"}};

    private static final char[] MAP = new char[0x2200];

    static {
        for (String[] pair : TABLE) {
            char c = pair[0].charAt(0);
            if (c < MAP.length) {
                MAP[c] = pair[1].charAt(0);
            }
        }
    }

    /**
     * The skeleton: NFKC, marks removed, each character replaced by its prototype, lower case,
     * then multi-letter homoglyphs folded. "pаypa1.com" (Cyrillic а, digit 1) and "paypal.com"
     * share the skeleton "paypal.com"; so do "rnicrosoft" and "microsoft".
     */
    static String skeleton(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        n = Normalizer.normalize(n, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            char m = c < MAP.length ? MAP[c] : 0;
            if (m != 0) {
                sb.append(m);
            } else {
                sb.append(Character.toLowerCase(c));
            }
        }
        String out = sb.toString().toLowerCase(Locale.ROOT);
        for (String[] seq : SEQUENCES) {
            if (out.contains(seq[0])) {
                out = out.replace(seq[0], seq[1]);
            }
        }
        return out;
    }

    /** True if the string has letters from more than one of Latin, Cyrillic, Greek (UTS #39 §5.1). */
    static boolean mixedScript(String s) {
        boolean latin = false;
        boolean cyrillic = false;
        boolean greek = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            switch (script) {
                case LATIN -> latin = true;
                case CYRILLIC -> cyrillic = true;
                case GREEK -> greek = true;
                default -> {}
            }
        }
        int n = (latin ? 1 : 0) + (cyrillic ? 1 : 0) + (greek ? 1 : 0);
        return n > 1;
    }

    /** True if every letter is Cyrillic or Greek but the skeleton is plain ASCII ("whole-script confusable"). */
    static boolean wholeScriptConfusable(String s) {
        boolean any = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script != Character.UnicodeScript.CYRILLIC && script != Character.UnicodeScript.GREEK) {
                return false;
            }
            any = true;
        }
        if (!any) {
            return false;
        }
        String sk = skeleton(s);
        for (int i = 0; i < sk.length(); i++) {
            if (sk.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Optimal-string-alignment edit distance (insert, delete, substitute, swap adjacent), or
     * {@code max + 1} as soon as it is certain to exceed {@code max}. Inputs are short labels.
     */
    static int distance(String a, String b, int max) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > max) {
            return max + 1;
        }
        if (la > 256 || lb > 256) {
            return a.equals(b) ? 0 : max + 1;
        }
        int[] prev2 = new int[lb + 1];
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= lb; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb];
    }
}
