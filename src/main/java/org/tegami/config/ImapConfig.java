package org.tegami.config;

import java.time.Duration;

/**
 * [imap] — limits and timeouts of the IMAP server (ports 143 and 993 are in [ports]).
 *
 * @param maxBadCommands BAD replies (syntax errors, unknown commands, commands in the wrong state)
 *     per session before "* BYE" and disconnect (default 20)
 * @param autologout idle time after login before "* BYE Autologout" (default 30m; RFC 9051 §5.4
 *     asks for at least 30 minutes; clients re-issue IDLE every 29 minutes)
 * @param loginTimeout idle time allowed before authentication (default 3m)
 * @param writeTimeout how long one write may block on a client that does not read before the
 *     connection is closed: output buffering per session stays bounded (default 60s)
 * @param appendLimit largest message accepted by APPEND, advertised as APPENDLIMIT (RFC 7889);
 *     larger ones get NO [TOOBIG] before the client sends them (default 50M)
 * @param maxLineLength longest command line in octets (default 64K, RFC 9051 §4 asks for at
 *     least 8192)
 */
public record ImapConfig(
        int maxBadCommands,
        Duration autologout,
        Duration loginTimeout,
        Duration writeTimeout,
        long appendLimit,
        int maxLineLength) {

    public static ImapConfig defaults() {
        return new ImapConfig(20, Duration.ofMinutes(30), Duration.ofMinutes(3), Duration.ofSeconds(60),
                50L * 1024 * 1024, 64 * 1024);
    }

    static ImapConfig from(Section s) throws ConfigException {
        ImapConfig d = defaults();
        long limit = s.size("append_limit", d.appendLimit());
        if (limit < 1024 || limit > 1024L * 1024 * 1024) {
            throw s.error("append_limit", "must be between 1K and 1G");
        }
        Duration autologout = s.duration("autologout", d.autologout());
        if (autologout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw s.error("autologout", "must be at least 1s (RFC 9051 asks for 30m)");
        }
        Duration login = s.duration("login_timeout", d.loginTimeout());
        Duration write = s.duration("write_timeout", d.writeTimeout());
        if (login.isZero() || write.isZero()) {
            throw s.error(login.isZero() ? "login_timeout" : "write_timeout", "must be more than 0s");
        }
        return new ImapConfig(
                (int) s.integer("max_bad_commands", d.maxBadCommands(), 1, 1000),
                autologout,
                login,
                write,
                limit,
                (int) s.integer("max_line_length", d.maxLineLength(), 8192, 16 * 1024 * 1024));
    }
}
