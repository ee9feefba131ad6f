package org.tegami.imap;

/**
 * A LIST/LSUB mailbox pattern (RFC 9051 §6.3.9): "*" matches any run of characters, "%" any run
 * without the hierarchy delimiter. The reference name is prepended as RFC 3501 §6.3.8 describes
 * (one delimiter between them at most). "INBOX" is matched case-insensitively, as RFC 9051 §5.1
 * makes the name INBOX case-insensitive.
 *
 * <p>Matching simulates the pattern as an automaton, so it is O(name × pattern) however many
 * wildcards a client sends.
 */
public final class MailboxPattern {

    private final String pattern;
    private final char delimiter;

    private MailboxPattern(String pattern, char delimiter) {
        this.pattern = pattern;
        this.delimiter = delimiter;
    }

    /** Compiles reference + pattern for a store whose hierarchy delimiter is {@code delimiter}. */
    public static MailboxPattern compile(String reference, String pattern, char delimiter) {
        String full;
        if (reference.isEmpty()) {
            full = pattern;
        } else if (reference.charAt(reference.length() - 1) == delimiter
                && !pattern.isEmpty() && pattern.charAt(0) == delimiter) {
            full = reference + pattern.substring(1);
        } else {
            full = reference + pattern;
        }
        return new MailboxPattern(full, delimiter);
    }

    public static MailboxPattern compile(String pattern, char delimiter) {
        return compile("", pattern, delimiter);
    }

    /** The pattern after the reference was applied. */
    public String pattern() {
        return pattern;
    }

    /** True if the pattern has no wildcard (LIST then names at most one mailbox). */
    public boolean isLiteral() {
        return pattern.indexOf('*') < 0 && pattern.indexOf('%') < 0;
    }

    /** Whether the mailbox {@code name} (in the same form as the pattern) matches. */
    public boolean matches(String name) {
        if (run(name, false)) {
            return true;
        }
        // INBOX and its children: compare the "INBOX" prefix without regard to case.
        return isInboxName(name) && run(name, true);
    }

    private boolean isInboxName(String name) {
        return name.regionMatches(true, 0, "INBOX", 0, 5)
                && (name.length() == 5 || name.charAt(5) == delimiter);
    }

    private boolean run(String name, boolean foldInbox) {
        int m = pattern.length();
        boolean[] cur = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        cur[0] = true;
        closeOverWildcards(cur);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean any = false;
            java.util.Arrays.fill(next, false);
            for (int p = 0; p < m; p++) {
                if (!cur[p]) {
                    continue;
                }
                char pc = pattern.charAt(p);
                if (pc == '*' || (pc == '%' && c != delimiter)) {
                    next[p] = true; // the wildcard absorbs c and stays
                    any = true;
                } else if (pc != '%' && same(pc, c, foldInbox && i < 5)) {
                    next[p + 1] = true;
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
            closeOverWildcards(next);
            boolean[] t = cur;
            cur = next;
            next = t;
        }
        return cur[m];
    }

    /** A wildcard may match the empty string: reaching it also reaches the position after it. */
    private void closeOverWildcards(boolean[] states) {
        for (int p = 0; p < pattern.length(); p++) {
            if (states[p] && (pattern.charAt(p) == '*' || pattern.charAt(p) == '%')) {
                states[p + 1] = true;
            }
        }
    }

    private static boolean same(char a, char b, boolean fold) {
        return a == b || (fold && Character.toUpperCase(a) == Character.toUpperCase(b));
    }

    @Override
    public String toString() {
        return pattern;
    }
}
