package org.tegami.smtpserver;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Session states and the verbs allowed in each (STYLE.md §1: allowed commands are data, checked
 * once before dispatch). A verb not allowed gets 503 5.5.1.
 */
enum SmtpState {
    /** Greeted, no HELO/EHLO yet. */
    CONNECTED,
    /** After HELO/EHLO, no transaction. */
    READY,
    /** After MAIL FROM. */
    MAIL,
    /** At least one recipient accepted. */
    RCPT,
    /** Inside a BDAT sequence (RFC 3030 §2: only BDAT, RSET, QUIT). */
    BDAT;

    private static final Set<String> ALWAYS = Set.of("QUIT", "NOOP", "RSET", "HELP", "VRFY", "EXPN", "EHLO", "HELO");
    private static final Map<SmtpState, Set<String>> ALLOWED = new EnumMap<>(SmtpState.class);

    static {
        ALLOWED.put(CONNECTED, Set.of("QUIT", "NOOP", "RSET", "HELP", "VRFY", "EXPN", "EHLO", "HELO"));
        ALLOWED.put(READY, union(ALWAYS, Set.of("MAIL", "STARTTLS", "AUTH")));
        ALLOWED.put(MAIL, union(ALWAYS, Set.of("RCPT")));
        ALLOWED.put(RCPT, union(ALWAYS, Set.of("RCPT", "DATA", "BDAT")));
        ALLOWED.put(BDAT, Set.of("BDAT", "RSET", "QUIT"));
    }

    boolean allows(String verb) {
        return ALLOWED.get(this).contains(verb);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
