package org.tegami.config;

import java.time.Duration;

/**
 * [auth] — client authentication for every protocol.
 *
 * @param allowPlaintext allow passwords before TLS (LOGIN, USER/PASS, AUTH PLAIN on cleartext);
 *     default false — for tests only
 * @param cramMd5 offer CRAM-MD5 (needs a stored secret set at user add / passwd); default false
 * @param lockoutFailures failures within lockoutWindow that lock an IP or account (minimum 5)
 * @param lockoutWindow how far back failures count (default 10m)
 * @param lockoutDuration how long a lockout lasts (default 15m); never permanent
 * @param failureDelay delay of the reply to the first recent failure (default 250ms), doubling with
 *     each further failure up to 16 times that; "0s" only for tests and fuzzing
 */
public record AuthConfig(
        boolean allowPlaintext,
        boolean cramMd5,
        int lockoutFailures,
        Duration lockoutWindow,
        Duration lockoutDuration,
        Duration failureDelay) {

    public AuthConfig(boolean allowPlaintext, boolean cramMd5, int lockoutFailures, Duration lockoutWindow,
            Duration lockoutDuration) {
        this(allowPlaintext, cramMd5, lockoutFailures, lockoutWindow, lockoutDuration, Duration.ofMillis(250));
    }

    static AuthConfig from(Section s) throws ConfigException {
        return new AuthConfig(
                s.bool("allow_plaintext", false),
                s.bool("cram_md5", false),
                (int) s.integer("lockout_failures", 10, 5, 1000),
                s.duration("lockout_window", Duration.ofMinutes(10)),
                s.duration("lockout_duration", Duration.ofMinutes(15)),
                s.duration("failure_delay", Duration.ofMillis(250)));
    }
}
