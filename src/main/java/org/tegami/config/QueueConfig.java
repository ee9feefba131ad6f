package org.tegami.config;

import java.time.Duration;

/**
 * [queue] — the outbound queue (mail to remote domains, alias forwards, DSNs).
 *
 * @param lifetime how long a message is retried before it bounces (default 5d, RFC 5321 §4.5.4.1 says 4-5 days)
 * @param delayWarning send a "delayed" DSN once a recipient has waited this long (default 4h; 0 = never)
 * @param retryInitial the first retry delay; it doubles on every failure (default 5m)
 * @param retryMax the longest retry delay (default 1h)
 * @param maxConnections outbound connections at once, all destinations (default 100)
 * @param maxConnectionsPerDomain outbound connections at once to one domain or the smarthost (default 10)
 * @param pollInterval how often the queue table is checked for due entries, so `tegami queue retry`
 *     in another process is noticed (default 2s)
 * @param connectTimeout TCP connect timeout per address (default 30s)
 * @param commandTimeout wait for each reply (default 5m, RFC 5321 §4.5.3.2)
 * @param dataTimeout wait for the reply after the final dot (default 10m, §4.5.3.2.6)
 * @param maxReceived loop guard: a message with more Received: fields is refused (default 50, §6.3)
 * @param mxPort the port of remote MX hosts (default 25; other values are for tests)
 */
public record QueueConfig(
        Duration lifetime,
        Duration delayWarning,
        Duration retryInitial,
        Duration retryMax,
        int maxConnections,
        int maxConnectionsPerDomain,
        Duration pollInterval,
        Duration connectTimeout,
        Duration commandTimeout,
        Duration dataTimeout,
        int maxReceived,
        int mxPort) {

    static QueueConfig from(Section s) throws ConfigException {
        Duration lifetime = s.duration("lifetime", Duration.ofDays(5));
        Duration initial = s.duration("retry_initial", Duration.ofMinutes(5));
        Duration max = s.duration("retry_max", Duration.ofHours(1));
        Duration poll = s.duration("poll_interval", Duration.ofSeconds(2));
        if (lifetime.isZero()) {
            throw s.error("lifetime", "must be more than 0");
        }
        if (initial.isZero()) {
            throw s.error("retry_initial", "must be more than 0");
        }
        if (max.compareTo(initial) < 0) {
            throw s.error("retry_max", "must not be shorter than retry_initial");
        }
        if (poll.isZero() || poll.compareTo(Duration.ofMinutes(5)) > 0) {
            throw s.error("poll_interval", "must be between 1ms and 5m");
        }
        return new QueueConfig(
                lifetime,
                s.duration("delay_warning", Duration.ofHours(4)),
                initial,
                max,
                (int) s.integer("max_connections", 100, 1, 10_000),
                (int) s.integer("max_connections_per_domain", 10, 1, 1000),
                poll,
                s.duration("connect_timeout", Duration.ofSeconds(30)),
                s.duration("command_timeout", Duration.ofMinutes(5)),
                s.duration("data_timeout", Duration.ofMinutes(10)),
                (int) s.integer("max_received", 50, 5, 1000),
                (int) s.integer("mx_port", 25, 1, 65535));
    }
}
