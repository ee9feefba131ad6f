package org.tegami.imapserver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import org.tegami.io.LineReader;
import org.tegami.net.Connection;
import org.tegami.net.TlsContext;

/**
 * What a session needs of its connection. A {@link Connection} in production; tests and the
 * fuzzer drive a session through in-memory streams without a socket.
 */
interface Transport {

    String id();

    InetAddress remoteAddress();

    LineReader in();

    OutputStream out();

    boolean isTls();

    void startTls(TlsContext ctx) throws IOException;

    void setTimeout(Duration d) throws IOException;

    /** The next reads must all be done within {@code d} in total (slowloris bound); none by default. */
    default void setDeadline(Duration d) {}

    default void clearDeadline() {}

    /** Closes at once without flushing (a peer that stopped reading). */
    void abort();

    static Transport of(Connection c) {
        return new Transport() {
            public String id() {
                return c.id();
            }

            public InetAddress remoteAddress() {
                return c.remoteAddress();
            }

            public LineReader in() {
                return c.in();
            }

            public OutputStream out() {
                return c.out();
            }

            public boolean isTls() {
                return c.isTls();
            }

            public void startTls(TlsContext ctx) throws IOException {
                c.startTls(ctx);
            }

            public void setTimeout(Duration d) throws IOException {
                c.setTimeout(d);
            }

            public void setDeadline(Duration d) {
                c.setDeadline(d);
            }

            public void clearDeadline() {
                c.clearDeadline();
            }

            public void abort() {
                c.abort();
            }
        };
    }
}
