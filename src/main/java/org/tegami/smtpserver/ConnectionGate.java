package org.tegami.smtpserver;

import org.tegami.net.Connection;
import org.tegami.pipeline.Role;
import org.tegami.smtp.Reply;

/**
 * Decides before the greeting whether a client may talk to us at all (block/allow lists, DNSBL,
 * connection limits) and what was learned about it on the way (its verified reverse name).
 */
@FunctionalInterface
public interface ConnectionGate {

    /**
     * @param refusal the reply that replaces the greeting, or null to admit the client
     * @param verifiedName the client's forward-confirmed reverse DNS name, or null
     */
    record Admission(Reply refusal, String verifiedName) {
        public static final Admission OPEN = new Admission(null, null);
    }

    Admission check(Connection connection, Role role);

    /** No connection policy configured: everyone may connect. */
    ConnectionGate OPEN = (c, r) -> Admission.OPEN;
}
