package org.tegami.threat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Display-name comparison for impersonation: case, punctuation, order and homoglyph insensitive. */
final class Names {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> NOISE = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "san", "sama", "様", "さん", "氏", "殿", "via", "from", "the");

    /** How a display name relates to a person's name. */
    enum Match {
        NONE, CLOSE, CONTAINS, EXACT
    }

    private Names() {}

    /** Lower-case, homoglyph-folded word tokens; honorifics dropped. */
    static List<String> tokens(String name) {
        if (name == null) {
            return List.of();
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String t : NON_WORD.split(n)) {
            if (t.isEmpty() || NOISE.contains(t)) {
                continue;
            }
            for (String h : List.of("様", "さん", "氏", "殿")) {
                if (t.length() > h.length() + 1 && t.endsWith(h)) {
                    t = t.substring(0, t.length() - h.length());
                }
            }
            out.add(Confusables.skeleton(t));
            if (out.size() >= 12) {
                break;
            }
        }
        return out;
    }

    static boolean hasCjk(String s) {
        return s.codePoints().anyMatch(c -> c >= 0x2e80 && c <= 0x9fff || c >= 0xf900 && c <= 0xfaff || c >= 0xff66 && c <= 0xff9f);
    }

    /**
     * True if a person's name is distinctive enough to be matched: two words ("Jane Smith"),
     * or three CJK characters ("山田太郎"). A single word such as "Support" is not.
     */
    static boolean distinctive(List<String> personTokens) {
        String joined = String.join("", personTokens);
        if (hasCjk(joined)) {
            return joined.codePointCount(0, joined.length()) >= 3;
        }
        return personTokens.size() >= 2 && joined.length() >= 5;
    }

    static Match compare(List<String> display, List<String> person) {
        if (display.isEmpty() || person.isEmpty() || !distinctive(person)) {
            return Match.NONE;
        }
        String d = String.join("", display);
        String p = String.join("", person);
        if (d.equals(p) || sorted(display).equals(sorted(person))) {
            return Match.EXACT;
        }
        if (hasCjk(p) ? d.contains(p) : containsRun(display, person)) {
            return Match.CONTAINS;
        }
        int max = p.length() >= 12 ? 2 : 1;
        if (p.length() >= 6 && Confusables.distance(d, p, max) <= max) {
            return Match.CLOSE;
        }
        return Match.NONE;
    }

    /** The person's tokens appear consecutively (in either order) among the display tokens. */
    private static boolean containsRun(List<String> display, List<String> person) {
        if (display.size() > person.size() + 6) {
            return false; // a long phrase that merely mentions the name
        }
        List<String> reversed = new ArrayList<>(person);
        java.util.Collections.reverse(reversed);
        return java.util.Collections.indexOfSubList(display, person) >= 0
                || java.util.Collections.indexOfSubList(display, reversed) >= 0;
    }

    private static String sorted(List<String> t) {
        String[] a = t.toArray(new String[0]);
        Arrays.sort(a);
        return String.join(" ", a);
    }
}
