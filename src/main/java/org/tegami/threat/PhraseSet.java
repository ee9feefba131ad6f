package org.tegami.threat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several named phrase lists, found in one pass over lower-cased text. Each list is a regex
 * alternation; it is split into its alternatives (one level of {@code \b(?:a|b|c)\b} is
 * distributed into {@code \b(?:a)\b}, {@code \b(?:b)\b}, ...), and for each alternative the pairs
 * of first two characters that can begin a match are derived from the pattern itself by probing,
 * so they cannot drift from the phrases. Scanning then looks at each position's two characters,
 * and tries only the few alternatives that can start there (and, for {@code \b}-anchored ones,
 * only at word starts). Java's regex engine would otherwise try every alternative at every
 * position: this turned the language check from the largest cost of an analysis into a small one.
 *
 * @param <K> the name of a list (a finding category)
 */
final class PhraseSet<K> {

    /** Characters probed beyond ASCII and the pattern's own, to catch classes such as \p{L} or '.'. */
    private static final String SENTINELS = "\u00e9\u0430\u3042\u30a2\u6f22\ud55c\u3000\uff01";
    /** A match may not extend further than this from where it starts. */
    private static final int MAX_MATCH = 400;

    private final List<K> keys = new ArrayList<>();
    private Pattern[] patterns;
    /** The list each alternative belongs to. */
    private int[] keyOf;
    /** True for alternatives anchored at a word start ({@code \b...}). */
    private boolean[] word;
    /** True for alternatives that contain CJK characters: tried only on text that has some. */
    private boolean[] cjk;
    /** The literal text every match of an alternative starts with (checked before running its regex); may be "". */
    private String[] literal;
    /** Candidates by (first, second) ASCII character. */
    private final int[][] pairs = new int[128 * 128][];
    /** Candidates with an ASCII literal of three or more characters, by a hash of those three. */
    private final int[][] triples = new int[TRIPLE_BUCKETS][];
    private static final int TRIPLE_BUCKETS = 1 << 12;
    /** Candidates by an ASCII first character alone (next character not ASCII, or end of text). */
    private final int[][] asciiFirst = new int[128][];
    /** Candidates by a non-ASCII first character; {@link #otherBits} filters before the map lookup. */
    private final Map<Character, int[]> otherFirst = new HashMap<>();
    private final long[] otherBits = new long[1024];
    /** Alternatives that can start with any character (none in practice; kept correct anyway). */
    private int[] always = new int[0];

    private PhraseSet() {}

    /** Compiles lists of phrases for lower-cased text (the patterns are lower-cased too; their escapes must be). */
    static <K> PhraseSet<K> of(Map<K, String> lists) {
        PhraseSet<K> s = new PhraseSet<>();
        Map<Integer, List<Integer>> pairLists = new HashMap<>();
        Map<Integer, List<Integer>> tripleLists = new HashMap<>();
        Map<Integer, List<Integer>> firstLists = new HashMap<>();
        Map<Character, List<Integer>> otherLists = new HashMap<>();
        List<Integer> anyStart = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        List<Integer> keyOf = new ArrayList<>();
        List<Boolean> word = new ArrayList<>();
        List<String> literal = new ArrayList<>();
        for (Map.Entry<K, String> e : lists.entrySet()) {
            int key = s.keys.size();
            s.keys.add(e.getKey());
            for (String top : FastPatterns.topLevelAlternatives(e.getValue().toLowerCase(Locale.ROOT))) {
                for (String alt : distribute(top)) {
                    int index = patterns.size();
                    Pattern p = Pattern.compile(alt);
                    if (p.matcher("").lookingAt()) {
                        throw new IllegalArgumentException("phrase alternative matches empty text: " + alt);
                    }
                    patterns.add(p);
                    keyOf.add(key);
                    word.add(alt.startsWith("\\b"));
                    String lit = literalPrefix(alt, p);
                    literal.add(lit);
                    index(p, alt, lit, index, pairLists, tripleLists, firstLists, otherLists, anyStart);
                }
            }
        }
        pairLists.forEach((k, v) -> s.pairs[k] = toArray(v));
        tripleLists.forEach((k, v) -> s.triples[k] = toArray(v));
        firstLists.forEach((k, v) -> s.asciiFirst[k] = toArray(v));
        otherLists.forEach((k, v) -> {
            s.otherFirst.put(k, toArray(v));
            s.otherBits[k >>> 6] |= 1L << (k & 63);
        });
        s.always = toArray(anyStart);
        s.patterns = patterns.toArray(new Pattern[0]);
        s.keyOf = toArray(keyOf);
        s.literal = literal.toArray(new String[0]);
        s.cjk = new boolean[s.patterns.length];
        for (int i = 0; i < s.cjk.length; i++) {
            s.cjk[i] = FastPatterns.hasCjk(s.patterns[i].pattern());
        }
        s.word = new boolean[word.size()];
        for (int i = 0; i < s.word.length; i++) {
            s.word[i] = word.get(i);
        }
        return s;
    }

    /** One list: {@link #find} returns its first match. */
    static PhraseSet<String> single(String regex) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("", regex);
        return of(m);
    }

    /** Number of alternatives that must be tried at every position (tests keep this at zero). */
    int unindexedAlternatives() {
        return always.length;
    }

    private static void index(Pattern p, String alt, String literal, int index, Map<Integer, List<Integer>> pairLists,
            Map<Integer, List<Integer>> tripleLists, Map<Integer, List<Integer>> firstLists, Map<Character, List<Integer>> otherLists, List<Integer> anyStart) {
        if (!literal.isEmpty()) {
            char c = literal.charAt(0);
            if (c >= 0x80) {
                otherLists.computeIfAbsent(c, k -> new ArrayList<>()).add(index);
                return;
            }
            firstLists.computeIfAbsent((int) c, k -> new ArrayList<>()).add(index);
            if (literal.length() >= 3 && literal.charAt(1) < 0x80 && literal.charAt(2) < 0x80) {
                tripleLists.computeIfAbsent(triple(c, literal.charAt(1), literal.charAt(2)), k -> new ArrayList<>()).add(index);
            } else if (literal.length() >= 2 && literal.charAt(1) < 0x80) {
                pairLists.computeIfAbsent(c * 128 + literal.charAt(1), k -> new ArrayList<>()).add(index);
            } else if (literal.length() == 1) {
                probeSecond(p, c, index, pairLists);
            }
            return; // a non-ASCII second character is looked up by the first alone (asciiFirst)
        }
        for (int i = 0; i < SENTINELS.length(); i++) {
            char c = SENTINELS.charAt(i);
            if (alt.indexOf(c) < 0 && canStart(p, String.valueOf(c))) {
                anyStart.add(index);
                return;
            }
        }
        for (char c = 0x20; c < 0x7f; c++) {
            if (canStart(p, String.valueOf(c))) {
                firstLists.computeIfAbsent((int) c, k -> new ArrayList<>()).add(index);
                probeSecond(p, c, index, pairLists);
            }
        }
        alt.chars().filter(ch -> ch >= 0x80).distinct().forEach(ch -> {
            if (canStart(p, String.valueOf((char) ch))) {
                otherLists.computeIfAbsent((char) ch, k -> new ArrayList<>()).add(index);
            }
        });
    }

    private static int triple(char a, char b, char c) {
        return (a * 961 + b * 31 + c) & (TRIPLE_BUCKETS - 1);
    }

    private static void probeSecond(Pattern p, char first, int index, Map<Integer, List<Integer>> pairLists) {
        for (char d = 0x20; d < 0x7f; d++) {
            if (canStart(p, "" + first + d)) {
                pairLists.computeIfAbsent(first * 128 + d, k -> new ArrayList<>()).add(index);
            }
        }
    }

    /**
     * The literal text every match of {@code regex} starts with, read from the pattern: after an
     * optional {@code \b} and leading unquantified single-alternative groups, plain and escaped
     * punctuation characters up to the first operator, class or quantified character. Checked
     * against the compiled pattern; "" when in doubt.
     */
    static String literalPrefix(String regex, Pattern p) {
        int i = regex.startsWith("\\b") ? 2 : 0;
        while (regex.startsWith("(?:", i)) {
            int close = closingParen(regex.substring(i));
            int after = i + close + 1;
            if (close < 0 || after < regex.length() && "?*+{".indexOf(regex.charAt(after)) >= 0
                    || FastPatterns.topLevelAlternatives(regex.substring(i + 3, i + close)).size() > 1) {
                break;
            }
            i += 3;
        }
        StringBuilder lit = new StringBuilder();
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int next;
            if (c == '\\') {
                if (i + 1 >= regex.length() || Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    break; // \b \d \s \p{..} \x.. and the like: not one literal character
                }
                c = regex.charAt(i + 1);
                next = i + 2;
            } else if ("()[]{}.?*+|^$".indexOf(c) >= 0) {
                break;
            } else {
                next = i + 1;
            }
            if (next < regex.length() && "?*+{".indexOf(regex.charAt(next)) >= 0) {
                break; // the character is quantified
            }
            lit.append(c);
            i = next;
        }
        String l = lit.toString();
        return l.isEmpty() || canStart(p, l) ? l : "";
    }

    /** True if a match can begin with {@code prefix}: it matches already or more input could make it match. */
    private static boolean canStart(Pattern p, String prefix) {
        Matcher m = p.matcher(prefix);
        return m.lookingAt() || m.hitEnd();
    }

    /**
     * Distributes leading groups: P(?:a|b)S becomes P(?:a)S and P(?:b)S, and P(?:x)S becomes PxS,
     * repeated while the result starts with such a group (at most 64 alternatives from one), so
     * that most alternatives begin with literal text. Quantified groups are left as they are.
     */
    static List<String> distribute(String alt) {
        List<String> out = new ArrayList<>();
        distribute(alt, out, 0);
        return out;
    }

    private static void distribute(String alt, List<String> out, int depth) {
        String prefix = alt.startsWith("\\b") ? "\\b" : "";
        String rest = alt.substring(prefix.length());
        int close = rest.startsWith("(?:") ? closingParen(rest) : -1;
        String suffix = close < 0 ? "" : rest.substring(close + 1);
        boolean optional = suffix.startsWith("?") && suffix.length() > 1 && "?+".indexOf(suffix.charAt(1)) < 0;
        if (optional && depth <= 4 && out.size() < 63) {
            // P(?:a)?S is P(?:a)S or PS
            distribute(prefix + rest.substring(0, close + 1) + suffix.substring(1), out, depth + 1);
            distribute(prefix + suffix.substring(1), out, depth + 1);
            return;
        }
        if (close < 0 || depth > 4 || suffix.startsWith("?") || suffix.startsWith("*") || suffix.startsWith("+")
                || suffix.startsWith("{")) {
            out.add(alt);
            return;
        }
        List<String> parts = FastPatterns.topLevelAlternatives(rest.substring(3, close));
        if (out.size() + parts.size() > 64) {
            out.add(alt);
            return;
        }
        for (String a : parts) {
            distribute(prefix + a + suffix, out, depth + 1);
        }
    }

    /** Index of the ')' closing the group that opens at 0, or -1. */
    private static int closingParen(String regex) {
        int depth = 0;
        boolean inClass = false;
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
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    /** The first match of each list in {@code text} (lower case), in one pass; lists without a match are absent. */
    Map<K, String> findAll(String text) {
        Scan scan = new Scan(text);
        char[] cs = scan.chars;
        int n = cs.length;
        for (int i = 0; i < n && scan.remaining > 0; i++) {
            char c = cs[i];
            if (c < 128) {
                int[] first = asciiFirst[c];
                if (first != null) {
                    char d = i + 1 < n ? cs[i + 1] : '\uffff';
                    if (d < 128 && i + 2 < n && cs[i + 2] < 128) {
                        int[] t = triples[triple(c, d, cs[i + 2])];
                        if (t != null) {
                            scan.tryAt(t, i);
                        }
                    }
                    int[] cand = d < 128 ? pairs[c << 7 | d] : first;
                    if (cand != null) {
                        scan.tryAt(cand, i);
                    }
                }
            } else if ((otherBits[c >>> 6] & 1L << (c & 63)) != 0) {
                int[] cand = otherFirst.get(c);
                if (cand != null) {
                    scan.tryAt(cand, i);
                }
            }
            if (always.length > 0) {
                scan.tryAt(always, i);
            }
        }
        return scan.found;
    }

    /** The state of one {@link #findAll}. */
    private final class Scan {
        final String text;
        final char[] chars;
        final Map<K, String> found = new LinkedHashMap<>();
        final boolean[] done = new boolean[keys.size()];
        final Matcher[] matchers = new Matcher[patterns.length];
        int remaining = keys.size();
        /** Whether the text has CJK characters: -1 until a CJK alternative asks. */
        int cjkText = -1;

        Scan(String text) {
            this.text = text;
            this.chars = text.toCharArray();
        }

        void tryAt(int[] cand, int i) {
            for (int a : cand) {
                int k = keyOf[a];
                String lit = literal[a];
                if (done[k] || lit.length() > 2 && !text.startsWith(lit, i)
                        || word[a] && i > 0 && Character.isLetterOrDigit(chars[i - 1]) || cjk[a] && !hasCjk()) {
                    continue;
                }
                Matcher m = matchers[a];
                if (m == null) {
                    m = matchers[a] = patterns[a].matcher(text);
                }
                m.region(i, Math.min(chars.length, i + MAX_MATCH));
                if (m.lookingAt()) {
                    found.put(keys.get(k), m.group());
                    done[k] = true;
                    remaining--;
                }
            }
        }

        private boolean hasCjk() {
            if (cjkText < 0) {
                cjkText = FastPatterns.hasCjk(text) ? 1 : 0;
            }
            return cjkText == 1;
        }
    }

    /** The first match of any list, or null (for a {@link #single} set). */
    String find(String text) {
        Map<K, String> f = findAll(text);
        return f.isEmpty() ? null : f.values().iterator().next();
    }

    private int[] candidates(String text, int i, int n) {
        char c = text.charAt(i);
        if (c < 128) {
            if (asciiFirst[c] == null) {
                return null;
            }
            char d = i + 1 < n ? text.charAt(i + 1) : '\uffff';
            return d < 128 ? pairs[c * 128 + d] : asciiFirst[c];
        }
        if ((otherBits[c >>> 6] & 1L << (c & 63)) == 0) {
            return null;
        }
        return otherFirst.get(c);
    }
}
