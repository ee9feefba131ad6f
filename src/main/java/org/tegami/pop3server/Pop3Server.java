package org.tegami.pop3server;

import org.tegami.net.ConnectionHandler;

/** The POP3 service: one {@link Pop3Session} per connection, on 110 (STLS) and 995 (implicit TLS). */
public final class Pop3Server {

    private final Pop3Context ctx;

    public Pop3Server(Pop3Context ctx) {
        this.ctx = ctx;
    }

    public ConnectionHandler handler() {
        return conn -> new Pop3Session(ctx, conn).run();
    }

    public Pop3Context context() {
        return ctx;
    }
}
