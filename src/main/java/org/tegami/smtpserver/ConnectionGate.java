package org.tegami.smtpserver;

import org.tegami.net.Connection;
import org.tegami.pipeline.Role;
import org.tegami.smtp.Reply;

/**
 * Decides before the greeting whether a client may talk to us at all (block/allow lists, DNSBL,
 * connection limits). Returning a reply refuses the client with it; null lets it in.
 */
@FunctionalInterface
public interface ConnectionGate {

    Reply check(Connection connection, Role role);

    /** No connection policy configured: everyone may connect. */
    ConnectionGate OPEN = (c, r) -> null;
}
