package org.tegami.smtpserver;

import org.tegami.net.ConnectionHandler;
import org.tegami.pipeline.Role;

/** The SMTP service: one session per connection, for the MX (25) or submission (587/465) role. */
public final class SmtpServer {

    private final SmtpContext ctx;

    public SmtpServer(SmtpContext ctx) {
        this.ctx = ctx;
    }

    public ConnectionHandler handler(Role role) {
        return conn -> new SmtpSession(ctx, conn, role).run();
    }
}
