package org.tegami.imapserver.imaptest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.tegami.imap.imaptest.ImapArg;

/**
 * Compares server replies with a script's expectations as imaptest does (test-exec.c:
 * test_imap_match_args, test_imap_match_list, test_expand_input): case-insensitive strings,
 * variables bound on first sight ("$uid1") and compared afterwards, "$" for anything (a list too),
 * "$]" to skip to a "]", "${case:...}" for exact case, "$N" for a sequence number that expunges
 * may have moved, and the list directives (ordered / unordered=n / noextra / ignore / ban).
 */
final class Matcher {

    /** Returned when everything matched. */
    static final int ALL = Integer.MAX_VALUE;

    final Map<String, String> vars = new HashMap<>();
    /** "$N": the current number of the message that had number N when the group started. */
    IntFunction<String> relativeSeq = n -> Integer.toString(n);
    private long highestModSeqIndex;
    private long highestModSeqValue;

    /** Variables to undo if the reply being tried does not match. */
    Map<String, String> snapshot() {
        return new HashMap<>(vars);
    }

    void restore(Map<String, String> snap) {
        vars.clear();
        vars.putAll(snap);
    }

    /** Matches a whole argument list; returns {@link #ALL} or how many leading arguments matched. */
    int args(List<ImapArg> match, List<ImapArg> args, int max, boolean prefix) {
        int ret = 0;
        int ai = 0;
        for (int mi = 0; mi < match.size() && max > 0; mi++, ai++, max--) {
            ImapArg m = match.get(mi);
            ImapArg a = ai < args.size() ? args.get(ai) : null;
            switch (m) {
                case ImapArg.Nil n -> {
                    if (!(a instanceof ImapArg.Nil)) {
                        return ret;
                    }
                }
                case ImapArg.ListArg l -> {
                    if (!(a instanceof ImapArg.ListArg al)) {
                        return ret;
                    }
                    int sub = list(l, al.items());
                    if (sub != ALL) {
                        return ret + sub;
                    }
                }
                default -> {
                    String mtext = text(m);
                    if (mtext.equals("$") && a instanceof ImapArg.ListArg) {
                        break; // "$" skips over a list
                    }
                    if (mtext.equals("$]")) {
                        while (a instanceof ImapArg.Atom at && at.text().indexOf(']') < 0) {
                            ai++;
                            a = ai < args.size() ? args.get(ai) : null;
                        }
                        break;
                    }
                    String astr = astring(a);
                    if (astr == null) {
                        return ret;
                    }
                    boolean[] icase = {true};
                    String expanded = expand(mtext, astr, icase);
                    if (expanded == null) {
                        return ret;
                    }
                    boolean last = mi == match.size() - 1;
                    boolean ok;
                    if (prefix && last) {
                        ok = icase[0] ? astr.regionMatches(true, 0, expanded, 0, expanded.length())
                                && astr.length() >= expanded.length() : astr.startsWith(expanded);
                    } else {
                        ok = icase[0] ? astr.equalsIgnoreCase(expanded) : astr.equals(expanded);
                    }
                    if (!ok) {
                        return ret;
                    }
                }
            }
            ret++;
        }
        if (prefix || ai >= args.size() || max == 0) {
            return ALL;
        }
        return ret;
    }

    private int list(ImapArg.ListArg match, List<ImapArg> args) {
        boolean unordered = false;
        int chain = 1;
        int noextra = -1;
        List<String> ignores = new java.util.ArrayList<>();
        List<String> bans = new java.util.ArrayList<>();
        for (ImapArg.Directive d : match.directives()) {
            switch (d) {
                case ImapArg.Directive.Unordered u -> {
                    unordered = true;
                    if (noextra == -1) {
                        noextra = 0;
                    }
                    chain = u.chain();
                }
                case ImapArg.Directive.Ordered o -> unordered = false;
                case ImapArg.Directive.Extra e -> noextra = 0;
                case ImapArg.Directive.NoExtra e -> noextra = 1;
                case ImapArg.Directive.Ignore i -> ignores.add(i.element());
                case ImapArg.Directive.Ban b -> bans.add(b.element());
            }
        }
        if (noextra == -1) {
            noextra = 1;
        }
        List<ImapArg> items = match.items();
        if (!unordered) {
            return args(items, args, ALL, false);
        }
        if (args.size() % chain != 0) {
            return 0;
        }
        boolean[] matched = new boolean[args.size()];
        int ret = 0;
        for (int m = 0; m < items.size(); m += chain, ret++) {
            int i;
            for (i = 0; i < args.size(); i += chain) {
                Map<String, String> snap = snapshot();
                if (args(items.subList(m, m + chain), args.subList(i, args.size()), chain, false) == ALL) {
                    matched[i] = true;
                    break;
                }
                restore(snap);
            }
            if (i >= args.size()) {
                return ret;
            }
        }
        for (int i = 0; i < args.size(); i += chain) {
            if (matched[i]) {
                continue;
            }
            String s = astring(args.get(i));
            if (s == null) {
                continue;
            }
            if (noextra > 0) {
                if (ignores.stream().noneMatch(x -> x.equalsIgnoreCase(s))) {
                    return ret;
                }
            } else if (bans.stream().anyMatch(x -> x.equalsIgnoreCase(s))) {
                return ret;
            }
        }
        return ALL;
    }

    private static String text(ImapArg a) {
        return switch (a) {
            case ImapArg.Atom at -> cString(at.text());
            case ImapArg.Str s -> cString(s.text());
            default -> "";
        };
    }

    private static String astring(ImapArg a) {
        return a instanceof ImapArg.Atom at ? cString(at.text()) : a instanceof ImapArg.Str s ? cString(s.text()) : null;
    }

    /** imaptest compares C strings: data after a NUL is not compared (literal8 with binary data). */
    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /**
     * Expands the variables of {@code pattern} against {@code input}, binding unknown ones; null
     * on a mismatch. {@code icase[0]} is cleared by "${case:...}".
     */
    String expand(String pattern, String input, boolean[] icase) {
        StringBuilder out = new StringBuilder();
        int p = 0;
        int in = 0;
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c != '$' || p + 1 < pattern.length() && pattern.charAt(p + 1) == '$') {
                if (c == '$') {
                    p++;
                    c = pattern.charAt(p);
                }
                if (in >= input.length() || Character.toUpperCase(c) != Character.toUpperCase(input.charAt(in))) {
                    return null;
                }
                in++;
                out.append(c);
                p++;
                continue;
            }
            p++;
            String name;
            if (p < pattern.length() && pattern.charAt(p) == '{') {
                int close = pattern.indexOf('}', p + 1);
                if (close < 0) {
                    return "";
                }
                name = pattern.substring(p + 1, close);
                p = close + 1;
            } else {
                int e = p;
                while (e < pattern.length() && (Character.isLetterOrDigit(pattern.charAt(e)) || pattern.charAt(e) == '_')) {
                    e++;
                }
                name = pattern.substring(p, e);
                p = e;
            }
            String value;
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                value = relativeSeq.apply(Integer.parseInt(name));
            } else if (name.startsWith("case:")) {
                value = name.substring(5);
                icase[0] = false;
            } else {
                value = name.isEmpty() ? null : vars.get(name);
                if (value == null) {
                    String rest = pattern.substring(p);
                    String stop = rest.isEmpty() || rest.charAt(0) != '$' ? rest : expand(rest, input.substring(in), new boolean[] {true});
                    int end = in;
                    char stopChar = stop == null || stop.isEmpty() ? 0 : stop.charAt(0);
                    while (end < input.length() && (stopChar == 0
                            || Character.toUpperCase(input.charAt(end)) != Character.toUpperCase(stopChar))) {
                        end++;
                    }
                    value = input.substring(in, end);
                    if (!name.isEmpty()) {
                        if (name.startsWith("modseq") && name.length() > 6 && name.substring(6).chars().allMatch(Character::isDigit)) {
                            value = modSeq(Long.parseLong(name.substring(6)), value);
                        }
                        vars.put(name, value);
                    }
                }
            }
            out.append(value);
            for (int k = 0; k < value.length(); k++, in++) {
                if (in >= input.length() || input.charAt(in) != value.charAt(k)) {
                    return null;
                }
            }
        }
        return out.toString();
    }

    /** $modseqN values must rise at least as fast as their indexes (scripted_test.md). */
    private String modSeq(long index, String value) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return "$modseq-not-number";
        }
        if (highestModSeqIndex > index) {
            return "$modseq-order-mismatch";
        }
        long atLeast = highestModSeqValue + (index - highestModSeqIndex);
        String out = value;
        if (v < atLeast) {
            out = "$modseq-at-least-" + atLeast;
            v = atLeast;
        }
        highestModSeqIndex = index;
        highestModSeqValue = v;
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
