package org.tegami.pop3server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What all POP3 sessions of one server share: the exclusive maildrop locks (RFC 1939 §8: "the POP3
 * server acquires an exclusive-access lock on the maildrop") and the time of each account's last
 * login, for RFC 2449 LOGIN-DELAY. In-process: one Tegami node owns its maildrops.
 */
public final class Maildrops {

    /** account id -> id of the connection holding its maildrop. */
    private final Map<Long, String> locks = new ConcurrentHashMap<>();
    /** account id -> epoch millis of its last successful POP3 login. */
    private final Map<Long, Long> lastLogin = new ConcurrentHashMap<>();

    /** Takes the account's maildrop for this connection; false if another session holds it. */
    boolean tryLock(long accountId, String connectionId) {
        return locks.putIfAbsent(accountId, connectionId) == null;
    }

    void unlock(long accountId, String connectionId) {
        locks.remove(accountId, connectionId);
    }

    /** True if this account's maildrop is locked now (diagnostics, tests). */
    public boolean locked(long accountId) {
        return locks.containsKey(accountId);
    }

    /** Milliseconds until the account may log in again, 0 if it may now. */
    long loginWait(long accountId, long now, long minIntervalMillis) {
        Long last = lastLogin.get(accountId);
        if (last == null || minIntervalMillis <= 0) {
            return 0;
        }
        return Math.max(0, last + minIntervalMillis - now);
    }

    void recordLogin(long accountId, long now) {
        lastLogin.put(accountId, now);
    }
}
