package org.tegami.directory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.tegami.config.AuthConfig;

/**
 * Failed-login backoff shared by SMTP AUTH, IMAP and POP3. The reply to a failure is delayed a
 * little more for each recent failure (never the next attempt itself: a mistyped password must not
 * stop the right one that follows). After {@code lockoutFailures} failures within the window, the
 * client IP and the account are locked for {@code lockoutDuration}. An account lock does not
 * apply to addresses the account recently logged in from, so an attacker cannot lock the owner
 * out; locks always expire.
 */
public final class AuthThrottle {

    /** The longest delay, as a multiple of [auth] failure_delay (250 ms -> 4 s). */
    private static final int MAX_DELAY_FACTOR = 16;
    private static final int MAX_TRACKED = 100_000;
    private static final Duration KNOWN_GOOD = Duration.ofDays(30);

    private final AuthConfig config;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Failure times per "ip:..." and "acct:..." key, oldest first; access-ordered for eviction. */
    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(1024, 0.75f, true);
    private final Map<String, Long> lockedUntil = new ConcurrentHashMap<>();
    /** account -> ip -> last successful login, so an account lock spares its owner. */
    private final Map<String, Map<String, Long>> goodIps = new ConcurrentHashMap<>();

    public AuthThrottle(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public boolean ipLocked(InetAddress ip) {
        return locked("ip:" + ip.getHostAddress());
    }

    public boolean accountLocked(String account, InetAddress from) {
        if (account == null || !locked("acct:" + account)) {
            return false;
        }
        Map<String, Long> good = goodIps.get(account);
        Long last = good == null ? null : good.get(from.getHostAddress());
        return last == null || clock.millis() - last > KNOWN_GOOD.toMillis();
    }

    private boolean locked(String key) {
        Long until = lockedUntil.get(key);
        if (until == null) {
            return false;
        }
        if (clock.millis() >= until) {
            lockedUntil.remove(key, until);
            return false;
        }
        return true;
    }

    /** Records a failure and returns how long to wait before sending the failure reply. */
    public Duration recordFailure(InetAddress ip, String account) {
        long now = clock.millis();
        int n = count("ip:" + ip.getHostAddress(), now);
        if (account != null) {
            count("acct:" + account, now);
        }
        long first = config.failureDelay().toMillis();
        long delay = first << Math.min(Math.max(n - 1, 0), 10);
        return Duration.ofMillis(Math.min(delay, first * MAX_DELAY_FACTOR));
    }

    public void recordSuccess(InetAddress ip, String account) {
        lock.lock();
        try {
            failures.remove("ip:" + ip.getHostAddress());
        } finally {
            lock.unlock();
        }
        Map<String, Long> good = goodIps.computeIfAbsent(account, k -> new ConcurrentHashMap<>());
        if (good.size() < 100) {
            good.put(ip.getHostAddress(), clock.millis());
        }
    }

    /** Failures of one key within the window, after adding this one; locks at the threshold. */
    private int count(String key, long now) {
        int n;
        lock.lock();
        try {
            Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            times.addLast(now);
            long windowStart = now - config.lockoutWindow().toMillis();
            while (!times.isEmpty() && times.peekFirst() < windowStart) {
                times.removeFirst();
            }
            while (times.size() > config.lockoutFailures() * 2) {
                times.removeFirst();
            }
            n = times.size();
            if (failures.size() > MAX_TRACKED) {
                Iterator<String> it = failures.keySet().iterator();
                it.next();
                it.remove(); // least recently touched
            }
        } finally {
            lock.unlock();
        }
        if (n >= config.lockoutFailures()) {
            lockedUntil.put(key, now + config.lockoutDuration().toMillis());
        }
        return n;
    }

    /** Keys currently locked (for `tegami` diagnostics and tests). */
    public Set<String> lockedKeys() {
        lockedUntil.entrySet().removeIf(e -> clock.millis() >= e.getValue());
        return Set.copyOf(lockedUntil.keySet());
    }
}
