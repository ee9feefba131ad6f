package org.tegami.smtpserver;

import org.tegami.net.Connection;
import org.tegami.pipeline.Role;
import org.tegami.policy.ConnectionLimits;
import org.tegami.policy.ConnectionPolicy;
import org.tegami.policy.Decision;
import org.tegami.smtp.Reply;

/**
 * The port-25 connection policy as an SMTP gate: limits first (cheap, 421 4.7.0), then the
 * address checks (554 5.7.1 with the reason). Submission clients are end users and pass.
 */
public final class PolicyGate implements ConnectionGate {

    private final ConnectionPolicy policy;
    private final ConnectionLimits limits;

    public PolicyGate(ConnectionPolicy policy, ConnectionLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    @Override
    public Admission check(Connection conn, Role role) {
        if (role != Role.MX) {
            return Admission.OPEN;
        }
        Object permit = limits.acquire(conn.remoteAddress());
        if (permit instanceof Decision d) {
            return refuse(conn, d);
        }
        conn.onClose((Runnable) permit);
        ConnectionPolicy.Result r = policy.check(conn.remoteAddress());
        if (!r.decision().allowed()) {
            return refuse(conn, r.decision());
        }
        return new Admission(null, r.verifiedName());
    }

    private static Admission refuse(Connection conn, Decision d) {
        SmtpSession.TXLOG.info("c={} ip={} refused at connect: check={} reason=\"{}\"", conn.id(),
                conn.remoteAddress().getHostAddress(), d.check(), d.reason());
        return new Admission(new Reply(d.code(), d.enhanced(), d.reason()), null);
    }
}
