package org.tegami.pop3server;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Session states (RFC 1939 §3) and the keywords allowed in each: data, checked once before
 * dispatch (STYLE.md §1). A keyword not allowed gets -ERR naming the state.
 */
enum Pop3State {
    /** Before login (RFC 1939 §4). */
    AUTHORIZATION,
    /** After a successful USER, waiting for PASS (RFC 1939 §7: PASS "may only be given ... immediately after a successful USER"). */
    USER_GIVEN,
    /** Maildrop locked (RFC 1939 §5). */
    TRANSACTION,
    /** QUIT received in TRANSACTION: deletions are applied, then the connection closes (RFC 1939 §6). */
    UPDATE;

    private static final Map<Pop3State, Set<String>> ALLOWED = new EnumMap<>(Pop3State.class);

    static {
        // RFC 2449 §5: CAPA is allowed in AUTHORIZATION and TRANSACTION; RFC 2595 §4: STLS only in
        // AUTHORIZATION; RFC 5034 §4: AUTH only in AUTHORIZATION.
        Set<String> authorization = Set.of("USER", "APOP", "AUTH", "CAPA", "STLS", "QUIT");
        ALLOWED.put(AUTHORIZATION, authorization);
        ALLOWED.put(USER_GIVEN, union(authorization, Set.of("PASS")));
        ALLOWED.put(TRANSACTION, Set.of("STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "QUIT", "TOP", "UIDL", "CAPA"));
        ALLOWED.put(UPDATE, Set.of());
    }

    boolean allows(String verb) {
        return ALLOWED.get(this).contains(verb);
    }

    /**
     * True if the keyword is valid in some state. Every keyword the parser returns (other than
     * Unknown) must be, so a wrong-state reply never hides a missing handler; the fuzz test checks it.
     */
    static boolean known(String verb) {
        return ALLOWED.get(USER_GIVEN).contains(verb) || ALLOWED.get(TRANSACTION).contains(verb);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
