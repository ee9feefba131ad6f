package org.tegami.imapserver;

import java.time.Clock;
import org.tegami.config.AuthConfig;
import org.tegami.config.ImapConfig;
import org.tegami.directory.Directory;
import org.tegami.imap.ImapLimits;
import org.tegami.net.ConnectionHandler;
import org.tegami.net.TlsContext;
import org.tegami.sasl.Mechanisms;
import org.tegami.store.BlobStore;
import org.tegami.store.MailStore;

/**
 * The IMAP service (RFC 9051 IMAP4rev2 and RFC 3501 IMAP4rev1): one {@link ImapSession} per
 * connection, on port 143 (STARTTLS) and 993 (implicit TLS, done by the listener).
 */
public final class ImapServer implements AutoCloseable {

    private final ImapContext ctx;

    public ImapServer(String hostname, ImapConfig config, AuthConfig auth, Directory directory, MailStore store,
            BlobStore blobs, TlsContext tls, Mechanisms mechanisms, Clock clock) {
        this(hostname, config, auth, directory, store, blobs, tls, mechanisms, clock, AppendForm.AS_IS);
    }

    public ImapServer(String hostname, ImapConfig config, AuthConfig auth, Directory directory, MailStore store,
            BlobStore blobs, TlsContext tls, Mechanisms mechanisms, Clock clock, AppendForm appendForm) {
        ImapLimits limits = ImapLimits.DEFAULT.withMaxLineLength(config.maxLineLength())
                .withMaxMessageLiteral(config.appendLimit());
        this.ctx = new ImapContext(hostname, config, auth, directory, store, blobs, tls, mechanisms, clock,
                new ChangeFeed(store), new RecentClaims(store), new WriteWatchdog(config.writeTimeout()), limits,
                appendForm);
    }

    public ConnectionHandler handler() {
        return conn -> new ImapSession(ctx, Transport.of(conn)).run();
    }

    /** Runs one session on any transport (tests and the fuzzer, without a socket). */
    void run(Transport transport) throws java.io.IOException {
        new ImapSession(ctx, transport).run();
    }

    @Override
    public void close() {
        ctx.watchdog().close();
    }
}
