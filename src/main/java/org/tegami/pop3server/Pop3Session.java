package org.tegami.pop3server;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.io.LineTooLongException;
import org.tegami.net.Connection;
import org.tegami.store.Account;
import org.tegami.store.StoreException;

/**
 * One POP3 session (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH). All connection state
 * lives here, each field saying why; the keywords allowed per state are data ({@link Pop3State});
 * login lives in {@link Authorization} and {@link SaslExchange}, the maildrop commands in
 * {@link MaildropCommands}; every failure becomes a reply in {@link Pop3Errors}.
 */
final class Pop3Session {

    static final Logger LOG = LoggerFactory.getLogger("tegami.pop3");

    final Pop3Context ctx;
    final Connection conn;
    /** Where we are in the dialogue; decides which keywords are allowed. */
    Pop3State state = Pop3State.AUTHORIZATION;
    /** The name given with USER, waiting for PASS; null otherwise. */
    String pendingUser;
    /** The logged-in account; null in AUTHORIZATION. */
    Account account;
    /** The locked INBOX listing; null until login, released when the session ends. */
    Maildrop maildrop;
    /** -ERR replies so far; at the configured limit the connection is closed. */
    int errors;
    /** Messages sent with RETR, for the session's log line. */
    int retrieved;
    /** Messages removed in the UPDATE state, for the log line. */
    int expunged;
    /** Set by QUIT, too many errors or a broken exchange to end the loop. */
    boolean closing;
    /** How the session ended, for the log line. */
    String outcome = "disconnected";

    private final Authorization authorization;
    private final MaildropCommands commands;

    Pop3Session(Pop3Context ctx, Connection conn) {
        this.ctx = ctx;
        this.conn = conn;
        this.authorization = new Authorization(this);
        this.commands = new MaildropCommands(this);
    }

    void run() throws IOException {
        // RFC 1939 §4: the greeting. No APOP timestamp: APOP is not offered.
        reply(Pop3Reply.ok(ctx.hostname() + " POP3 Tegami ready"));
        try {
            loop();
        } catch (SocketTimeoutException e) {
            // RFC 1939 §3: the autologout timer expired; no UPDATE state, nothing is deleted.
            outcome = "idle timeout";
            reply(Pop3Reply.err(null, "Autologout: idle for too long, closing connection"));
        } catch (EOFException e) {
            // the client went away; nothing is deleted (RFC 1939 §6)
        } finally {
            releaseMaildrop();
            try {
                conn.flush();
            } catch (IOException ignored) {
                // the client is gone
            }
            LOG.info("c={} ip={} user={} tls={} retrieved={} deleted={} result={}", conn.id(), ip(),
                    account == null ? "-" : account.address(), conn.isTls() ? "yes" : "no", retrieved, expunged, outcome);
        }
    }

    private void loop() throws IOException {
        while (!closing) {
            if (!conn.in().hasPending()) {
                conn.flush(); // RFC 2449 §6.6 PIPELINING: flush only when the client waits for us
            }
            conn.setTimeout(ctx.config().idleTimeout());
            // A whole command line must arrive within idle_timeout, not just each byte: a client
            // trickling one byte at a time (slowloris) is cut like a silent one.
            conn.setDeadline(ctx.config().idleTimeout());
            byte[] line;
            try {
                line = conn.in().readLineBytes(Pop3CommandParser.MAX_AUTH_LINE);
            } catch (LineTooLongException e) {
                fail(e);
                continue;
            }
            conn.clearDeadline();
            if (line == null) {
                return;
            }
            Pop3Command cmd;
            try {
                cmd = Pop3CommandParser.parse(line);
            } catch (Pop3SyntaxException e) {
                fail(e);
                continue;
            }
            if (cmd instanceof Pop3Command.Unknown u) {
                fail(new Pop3Failure("Unknown command: " + u.verb()));
                continue;
            }
            if (!state.allows(cmd.verb())) {
                fail(new Pop3Failure(outOfState(cmd.verb())));
                continue;
            }
            if (state == Pop3State.USER_GIVEN && !(cmd instanceof Pop3Command.Pass)) {
                pendingUser = null; // any other command abandons the USER (RFC 1939 §7 PASS)
                state = Pop3State.AUTHORIZATION;
            }
            try {
                dispatch(cmd);
            } catch (Pop3Failure | StoreException | UncheckedIOException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(e); // a bug: logged by Pop3Errors; the output may be half-written, so close
                closing = true;
                outcome = "internal error";
            }
        }
    }

    private String outOfState(String verb) {
        return switch (state) {
            case AUTHORIZATION -> verb.equals("PASS") ? "PASS must follow a successful USER"
                    : "Not logged in: " + verb + " is only valid after login";
            case USER_GIVEN -> "Send PASS, or QUIT";
            case TRANSACTION -> verb.equals("STLS") ? "STLS is only valid before login (RFC 2595 section 4)"
                    : "Already logged in";
            case UPDATE -> "The session is ending";
        };
    }

    private void dispatch(Pop3Command cmd) throws IOException, Pop3Failure {
        if (maildrop != null) {
            maildrop.refresh(); // learn about messages expunged by other sessions (IMAP)
        }
        switch (cmd) {
            case Pop3Command.User u -> authorization.user(u);
            case Pop3Command.Pass p -> authorization.pass(p);
            // RFC 1939 §7 APOP is optional; it needs a reversible secret we do not keep.
            case Pop3Command.Apop a -> throw new Pop3Failure("APOP is not available; use USER/PASS or AUTH");
            case Pop3Command.Auth a -> new SaslExchange(this).run(a);
            case Pop3Command.Capa c -> Capabilities.send(this);
            case Pop3Command.Stls s -> stls();
            case Pop3Command.Quit q -> quit();
            case Pop3Command.Stat s -> commands.stat();
            case Pop3Command.List l -> commands.list(l.msg());
            case Pop3Command.Uidl u -> commands.uidl(u.msg());
            case Pop3Command.Retr r -> commands.retr(r.msg());
            case Pop3Command.Top t -> commands.top(t.msg(), t.lines());
            case Pop3Command.Dele d -> commands.dele(d.msg());
            case Pop3Command.Rset r -> commands.rset();
            case Pop3Command.Noop n -> reply(Pop3Reply.ok(""));
            case Pop3Command.Unknown u -> throw new Pop3Failure("Unknown command: " + u.verb());
        }
    }

    /** RFC 2595 §4 STLS: only in AUTHORIZATION, only once; the dialogue restarts after it. */
    private void stls() throws IOException, Pop3Failure {
        if (conn.isTls()) {
            throw new Pop3Failure("TLS is already active");
        }
        if (ctx.tls() == null) {
            throw new Pop3Failure("STLS is not available");
        }
        reply(Pop3Reply.ok("Begin TLS negotiation"));
        conn.flush();
        try {
            conn.startTls(ctx.tls()); // drops anything pipelined before the handshake (CVE-2011-0411)
        } catch (IOException e) {
            LOG.info("c={} ip={} TLS handshake failed: {}", conn.id(), ip(), e.getMessage());
            closing = true;
            outcome = "tls handshake failed";
            throw new EOFException("TLS handshake failed");
        }
        // RFC 2595 §4: the client must discard what it learnt (CAPA) before TLS; so do we.
        state = Pop3State.AUTHORIZATION;
        pendingUser = null;
    }

    /** RFC 1939 §6: QUIT in TRANSACTION enters UPDATE; deletions are durable before the +OK. */
    private void quit() throws IOException {
        closing = true;
        outcome = "quit";
        if (state != Pop3State.TRANSACTION) {
            reply(Pop3Reply.ok(ctx.hostname() + " POP3 server signing off"));
            return;
        }
        state = Pop3State.UPDATE;
        try {
            expunged = maildrop.commitDeletions();
        } catch (StoreException e) {
            outcome = "update failed";
            // RFC 1939 §6: "-ERR some deleted messages not removed"; the expunge is one
            // transaction, so in fact none were.
            Pop3Reply r = Pop3Errors.reply(e, conn.id());
            reply(Pop3Reply.err(r.code(), "Deleted messages were not removed: " + r.text()));
            return;
        }
        int left = maildrop.size() - expunged;
        reply(Pop3Reply.ok(ctx.hostname() + " POP3 server signing off (" + expunged + " deleted, "
                + (left == 0 ? "maildrop empty" : left + " left") + ")"));
    }

    /** Counts an error and replies; at the limit, closes the session. */
    void fail(Throwable t) throws IOException {
        errors++;
        reply(Pop3Errors.reply(t, conn.id()));
        if (errors >= ctx.config().maxErrors() && !closing) {
            reply(Pop3Reply.err(null, "Too many errors, closing connection"));
            LOG.info("c={} ip={} closed after {} errors", conn.id(), ip(), errors);
            closing = true;
            outcome = "too many errors";
        }
    }

    void reply(Pop3Reply r) throws IOException {
        conn.write(r.encode());
    }

    void write(String s) throws IOException {
        conn.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Login completed (USER/PASS or AUTH): the maildrop is locked and loaded. */
    void enterTransaction(Account a, Maildrop m) {
        account = a;
        maildrop = m;
        state = Pop3State.TRANSACTION;
    }

    /**
     * Passwords and SASL only over TLS unless configured for tests (DESIGN.md, security
     * defaults; RFC 2595 §2.3: servers MUST be configurable to refuse clear-text logins).
     */
    boolean loginAllowed() {
        return conn.isTls() || ctx.auth().allowPlaintext();
    }

    private void releaseMaildrop() {
        if (maildrop != null) {
            maildrop.close();
            ctx.maildrops().unlock(account.id(), conn.id());
            maildrop = null;
        }
    }

    String ip() {
        return conn.remoteAddress().getHostAddress();
    }
}
