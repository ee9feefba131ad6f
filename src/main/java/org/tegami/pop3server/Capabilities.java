package org.tegami.pop3server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** RFC 2449 §5 CAPA: what this session may use now. */
final class Capabilities {

    private Capabilities() {}

    static List<String> of(Pop3Session s) {
        List<String> caps = new ArrayList<>();
        caps.add("TOP"); // RFC 2449 §6.1
        caps.add("UIDL"); // RFC 2449 §6.8
        caps.add("RESP-CODES"); // RFC 2449 §6.4
        caps.add("AUTH-RESP-CODE"); // RFC 3206 §6
        caps.add("PIPELINING"); // RFC 2449 §6.6
        if (s.state != Pop3State.TRANSACTION && !s.conn.isTls() && s.ctx.tls() != null) {
            caps.add("STLS"); // RFC 2595 §4
        }
        if (s.loginAllowed()) {
            // Before TLS neither is offered: cleartext passwords are refused (RFC 2595 §2.3).
            caps.add("USER"); // RFC 2449 §6.2
            caps.add("SASL " + String.join(" ", s.ctx.mechanisms().names())); // RFC 2449 §6.3, RFC 5034
        }
        if (!s.ctx.config().loginDelay().isZero()) {
            caps.add("LOGIN-DELAY " + s.ctx.config().loginDelay().toSeconds()); // RFC 2449 §6.5
        }
        if (s.ctx.config().expireNever()) {
            caps.add("EXPIRE NEVER"); // RFC 2449 §6.7: Tegami never deletes mail by itself
        }
        caps.add("IMPLEMENTATION Tegami"); // RFC 2449 §6.9
        return caps;
    }

    static void send(Pop3Session s) throws IOException {
        StringBuilder sb = new StringBuilder("+OK Capability list follows\r\n");
        for (String c : of(s)) {
            sb.append(c).append("\r\n");
        }
        sb.append(".\r\n");
        s.write(sb.toString());
    }
}
