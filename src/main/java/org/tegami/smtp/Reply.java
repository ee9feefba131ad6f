package org.tegami.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An SMTP reply (RFC 5321 §4.2) with its RFC 3463 enhanced status code. Every reply the server
 * sends carries one (ENHANCEDSTATUSCODES, RFC 2034), except the greeting and EHLO lines where
 * RFC 2034 §3 omits it.
 */
public record Reply(int code, String enhanced, List<String> lines) {

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty reply");
        }
    }

    public Reply(int code, String enhanced, String text) {
        this(code, enhanced, List.of(text));
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The text of all lines joined by a space (without codes). */
    public String text() {
        return String.join(" ", lines);
    }

    /** Wire form: "250-..." continuation lines and a final "250 ...", each CRLF-terminated. */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhanced != null) {
                sb.append(enhanced).append(' ');
            }
            sb.append(sanitize(lines.get(i))).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Never let a CR/LF from data echoed into a reply break the reply framing. */
    private static String sanitize(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    @Override
    public String toString() {
        return code + (enhanced == null ? "" : " " + enhanced) + " " + text();
    }
}
