package org.tegami.config;

import java.time.Duration;

/**
 * [smtp] — limits and timeouts of the SMTP server (all roles).
 *
 * @param maxMessageSize largest accepted message in bytes, advertised with SIZE (default 50 MiB)
 * @param maxRecipients recipients per transaction (default 1000; RFC 5321 §4.5.3.1.8 needs >= 100)
 * @param maxErrors protocol errors per session before 421 and disconnect (default 20)
 * @param maxLineLength longest DATA text line in octets including CRLF (default 1000, RFC 5321)
 * @param commandTimeout idle time allowed between commands (default 5m, RFC 5321 §4.5.3.2.7)
 * @param dataTimeout time allowed for each read during DATA/BDAT (default 3m, §4.5.3.2.5)
 * @param dataTotalTimeout total time allowed for one DATA or BDAT chunk however the bytes trickle
 *     in (default 30m; slowloris bound)
 * @param greetingDelay wait before the greeting, to catch early talkers (default 0: none)
 * @param recipientDelimiter subaddress separator: alice+tag@ delivers to alice@ ("" disables)
 */
public record SmtpConfig(
        long maxMessageSize,
        int maxRecipients,
        int maxErrors,
        int maxLineLength,
        Duration commandTimeout,
        Duration dataTimeout,
        Duration dataTotalTimeout,
        Duration greetingDelay,
        String recipientDelimiter) {

    static SmtpConfig from(Section s) throws ConfigException {
        long size = s.size("max_message_size", 50L * 1024 * 1024);
        if (size < 1024 || size > 1024L * 1024 * 1024) {
            throw s.error("max_message_size", "must be between 1K and 1G");
        }
        String delimiter = s.string("recipient_delimiter", "+");
        if (delimiter.length() > 1 || (delimiter.length() == 1 && "@\"\\ <>".indexOf(delimiter.charAt(0)) >= 0)) {
            throw s.error("recipient_delimiter", "must be one character such as \"+\" or \"-\", or \"\"");
        }
        return new SmtpConfig(
                size,
                (int) s.integer("max_recipients", 1000, 1, 100_000),
                (int) s.integer("max_errors", 20, 1, 1000),
                (int) s.integer("max_line_length", 1000, 1000, 1_000_000),
                s.duration("command_timeout", Duration.ofMinutes(5)),
                s.duration("data_timeout", Duration.ofMinutes(3)),
                s.duration("data_total_timeout", Duration.ofMinutes(30)),
                s.duration("greeting_delay", Duration.ZERO),
                delimiter);
    }
}
