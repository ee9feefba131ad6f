package org.tegami.config;

import java.time.Duration;

/**
 * [pop3] — the POP3 server on 110 (STLS) and 995 (implicit TLS). Passwords before TLS follow
 * [auth] allow_plaintext.
 *
 * @param idleTimeout inactivity autologout (default 10m; RFC 1939 §3 requires at least 10 minutes)
 * @param maxErrors -ERR replies per session before the server closes the connection (default 20)
 * @param loginDelay minimum time between two logins of one account, enforced and advertised as
 *     RFC 2449 LOGIN-DELAY (default 0: no limit, not advertised)
 * @param expireNever advertise RFC 2449 "EXPIRE NEVER" (Tegami never deletes mail on its own);
 *     default false: EXPIRE is not advertised
 */
public record Pop3Config(Duration idleTimeout, int maxErrors, Duration loginDelay, boolean expireNever) {

    /** RFC 1939 §3: "an autologout timer MUST be of at least 10 minutes' duration". */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(10);

    static Pop3Config from(Section s) throws ConfigException {
        Duration idle = s.duration("idle_timeout", MIN_IDLE_TIMEOUT);
        if (idle.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw s.error("idle_timeout", "must be at least 10m (RFC 1939 section 3)");
        }
        Duration delay = s.duration("login_delay", Duration.ZERO);
        if (delay.compareTo(Duration.ofDays(1)) > 0) {
            throw s.error("login_delay", "must be at most 1d");
        }
        String expire = s.choice("expire", "", "", "never");
        return new Pop3Config(idle, (int) s.integer("max_errors", 20, 1, 1000), delay, expire.equals("never"));
    }
}
