package org.tegami.pipeline;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.tegami.dns.Lookup;
import org.tegami.dns.Resolver;

/**
 * Adds the trace fields of RFC 5321 §4.4: {@code Received:} (with the client's HELO, reverse name
 * and address, the protocol keyword of RFC 3848, TLS details and the transaction id) and, for
 * final delivery, {@code Return-Path:}.
 */
public final class ReceivedHeaderStage implements Stage {

    static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final Resolver resolver;
    private final Clock clock;

    public ReceivedHeaderStage(Resolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "received";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        SessionInfo s = m.session();
        String ip = s.clientIp().getHostAddress();
        String rdns = reverseName(s);
        StringBuilder r = new StringBuilder();
        r.append("from ").append(sanitize(s.helo())).append(" (");
        if (rdns != null) {
            r.append(rdns).append(' ');
        }
        r.append('[').append(s.clientIp() instanceof java.net.Inet6Address ? "IPv6:" + ip : ip).append("])");
        r.append("\r\n\tby ").append(s.localHostname()).append(" (Tegami) with ")
                .append(s.withProtocol(m.mailParams().containsKey("SMTPUTF8")))
                .append(" id ").append(m.id());
        if (s.tlsDescription() != null) {
            String[] t = s.tlsDescription().split(":", 2);
            r.append("\r\n\t(version=").append(t[0]).append(" cipher=").append(t.length > 1 ? t[1] : "?").append(')');
        }
        if (m.recipients().size() == 1) {
            r.append("\r\n\tfor <").append(m.recipients().get(0).address()).append('>');
        }
        r.append(";\r\n\t").append(ZonedDateTime.now(clock).format(RFC5322_DATE));
        m.prependHeader("Received", r.toString());
        return null;
    }

    /**
     * The client's reverse name when the connection policy forward-confirmed it (RFC 5321 §4.4
     * TCP-info), else a PTR name marked as unverified, else nothing.
     */
    private String reverseName(SessionInfo s) {
        if (s.verifiedName() != null) {
            return sanitize(s.verifiedName());
        }
        if (s.clientIp().isLoopbackAddress() || s.role() == Role.SUBMISSION) {
            return null;
        }
        Lookup<String> ptr = resolver.ptr(s.clientIp());
        return ptr.isOk() ? "unverified " + sanitize(ptr.records().get(0)) : null;
    }

    /** HELO strings are client-controlled: keep them to safe header characters. */
    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 255; i++) {
            char c = s.charAt(i);
            sb.append(c > 32 && c < 127 && c != '(' && c != ')' && c != ';' ? c : '_');
        }
        return sb.length() == 0 ? "unknown" : sb.toString();
    }
}
