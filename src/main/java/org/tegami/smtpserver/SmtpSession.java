package org.tegami.smtpserver;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.io.LineTooLongException;
import org.tegami.net.Connection;
import org.tegami.pipeline.Role;
import org.tegami.pipeline.SessionInfo;
import org.tegami.smtp.Reply;
import org.tegami.smtp.SmtpCommand;
import org.tegami.smtp.SmtpCommandParser;
import org.tegami.smtp.SmtpSyntaxException;

/**
 * One SMTP session (RFC 5321) for the MX or submission role. All connection state lives here,
 * each field saying why; the verbs allowed per state are data ({@link SmtpState}); MAIL/RCPT
 * policy, AUTH and message reception live in their own classes.
 */
public final class SmtpSession {

    static final Logger TXLOG = LoggerFactory.getLogger("tegami.smtp");

    final SmtpContext ctx;
    final Connection conn;
    final Role role;
    /** Where we are in the dialogue; decides which verbs are allowed. */
    SmtpState state = SmtpState.CONNECTED;
    /** The HELO/EHLO argument, for Received: and logs; null before HELO. */
    String helo;
    /** EHLO (true) or HELO: only EHLO clients may use extensions. */
    boolean esmtp;
    /** Authenticated account address (submission); null when not authenticated. */
    String authUser;
    /** The open transaction, or null. */
    Transaction tx;
    /** Protocol errors so far; at the limit the session ends with 421 (RFC 5321 §4.3.2 allows it). */
    int errors;
    /** Transactions in this session, to number message ids. */
    int transactions;
    /** Set by QUIT or fatal conditions to end the loop. */
    boolean closing;
    /** The client's forward-confirmed reverse DNS name from the connection policy, or null. */
    String verifiedName;

    private final EnvelopeHandler envelope;
    private final MessageReceiver receiver;

    SmtpSession(SmtpContext ctx, Connection conn, Role role) {
        this.ctx = ctx;
        this.conn = conn;
        this.role = role;
        this.envelope = new EnvelopeHandler(this);
        this.receiver = new MessageReceiver(this);
    }

    void run() throws IOException {
        ConnectionGate.Admission admission = ctx.gate().check(conn, role);
        if (admission.refusal() != null) {
            refusedSession(admission.refusal());
            return;
        }
        verifiedName = admission.verifiedName();
        // Only on port 25: submission clients are people's own programs, not spam cannons.
        if (role == Role.MX && !ctx.config().greetingDelay().isZero()) {
            if (earlyTalker()) {
                reply(new Reply(554, "5.5.0", ctx.hostname() + " ESMTP protocol error: you talked before my greeting"));
                conn.flush();
                TXLOG.info("c={} ip={} refused: early talker", conn.id(), ip());
                return;
            }
        }
        reply(new Reply(220, null, ctx.hostname() + " ESMTP Tegami"));
        try {
            loop();
        } catch (SocketTimeoutException e) {
            reply(new Reply(421, "4.4.2", ctx.hostname() + " Timeout, closing connection"));
        } catch (EOFException e) {
            // client went away
        } finally {
            endTransaction("disconnected");
            try {
                conn.flush();
            } catch (IOException ignored) {
                // the client is gone
            }
        }
    }

    /**
     * RFC 5321 §3.1: a 554 may replace the greeting; the server then waits for QUIT, answering
     * every other command with 503, within the usual error and time bounds.
     */
    private void refusedSession(Reply refusal) throws IOException {
        reply(refusal);
        try {
            while (!closing) {
                conn.flush();
                conn.setTimeout(ctx.config().commandTimeout());
                String line;
                try {
                    line = conn.in().readLine(SmtpCommandParser.MAX_COMMAND_LINE);
                } catch (LineTooLongException e) {
                    error(new Reply(500, "5.5.2", "Line too long"));
                    continue;
                }
                if (line == null) {
                    return;
                }
                if (line.strip().equalsIgnoreCase("QUIT")) {
                    reply(new Reply(221, "2.0.0", ctx.hostname() + " closing connection"));
                    return;
                }
                error(new Reply(503, "5.7.1", "No service for you: " + refusal.text()));
            }
        } catch (SocketTimeoutException | EOFException e) {
            // done either way
        } finally {
            conn.flush();
        }
    }

    /** Waits out the greeting delay, watching for input the client should not send yet. */
    private boolean earlyTalker() throws IOException {
        conn.setTimeout(ctx.config().greetingDelay());
        try {
            int b = conn.in().read();
            return b >= 0; // anything at all before the greeting
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private void loop() throws IOException {
        while (!closing) {
            if (!conn.in().hasPending()) {
                conn.flush(); // PIPELINING: flush only when the client waits for us (RFC 2920 §3.2)
            }
            conn.setTimeout(ctx.config().commandTimeout());
            // A command line must arrive whole within the command timeout, not just byte by byte.
            conn.setDeadline(ctx.config().commandTimeout());
            String line;
            try {
                line = conn.in().readLine(SmtpCommandParser.MAX_COMMAND_LINE);
            } catch (LineTooLongException e) {
                error(new Reply(500, "5.5.2", "Line too long"));
                continue;
            } finally {
                conn.clearDeadline();
            }
            if (line == null) {
                return;
            }
            SmtpCommand cmd;
            try {
                cmd = SmtpCommandParser.parse(line);
            } catch (SmtpSyntaxException e) {
                error(e.reply());
                continue;
            }
            if (cmd instanceof SmtpCommand.Unknown u) {
                error(new Reply(500, "5.5.2", "Command unrecognized: " + u.verb()));
                continue;
            }
            if (!state.allows(cmd.verb())) {
                error(outOfSequence(cmd));
                continue;
            }
            try {
                dispatch(cmd);
            } catch (RuntimeException e) {
                // A bug must not leave the client guessing: say so, log it, end the session.
                LoggerFactory.getLogger(SmtpSession.class).error("c={} {} failed", conn.id(), cmd.verb(), e);
                reply(new Reply(421, "4.3.0", ctx.hostname() + " Internal error, closing connection"));
                closing = true;
            }
        }
    }

    private Reply outOfSequence(SmtpCommand cmd) {
        if (state == SmtpState.CONNECTED) {
            return new Reply(503, "5.5.1", "Send HELO or EHLO first");
        }
        if (cmd instanceof SmtpCommand.Mail) {
            return new Reply(503, "5.5.1", "Nested MAIL command");
        }
        if (cmd instanceof SmtpCommand.Data || cmd instanceof SmtpCommand.Bdat) {
            return new Reply(503, "5.5.1", tx == null ? "Need MAIL command" : "Need RCPT command");
        }
        if (cmd instanceof SmtpCommand.Rcpt) {
            return new Reply(503, "5.5.1", "Need MAIL command");
        }
        if (state == SmtpState.BDAT) {
            return new Reply(503, "5.5.1", "Only BDAT, RSET or QUIT during a BDAT transfer");
        }
        return new Reply(503, "5.5.1", "Bad sequence of commands");
    }

    private void dispatch(SmtpCommand cmd) throws IOException {
        switch (cmd) {
            case SmtpCommand.Ehlo e -> greet(e.domain(), true);
            case SmtpCommand.Helo h -> greet(h.domain(), false);
            case SmtpCommand.Mail m -> envelope.mail(m);
            case SmtpCommand.Rcpt r -> envelope.rcpt(r);
            case SmtpCommand.Data d -> receiver.data();
            case SmtpCommand.Bdat b -> receiver.bdat(b);
            case SmtpCommand.Rset r -> {
                endTransaction("reset");
                reply(new Reply(250, "2.0.0", "Reset OK"));
            }
            case SmtpCommand.Noop n -> reply(new Reply(250, "2.0.0", "OK"));
            case SmtpCommand.Quit q -> {
                reply(new Reply(221, "2.0.0", ctx.hostname() + " closing connection"));
                closing = true;
            }
            // RFC 5321 §3.5.3: 252 rather than confirming or denying users (no enumeration).
            case SmtpCommand.Vrfy v -> reply(new Reply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"));
            case SmtpCommand.Expn x -> reply(new Reply(502, "5.5.1", "EXPN not available"));
            case SmtpCommand.Help h -> reply(new Reply(214, "2.0.0",
                    List.of("Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH",
                            "See RFC 5321")));
            case SmtpCommand.StartTls s -> startTls();
            case SmtpCommand.Auth a -> new AuthExchange(this).run(a);
            case SmtpCommand.Unknown u -> error(new Reply(500, "5.5.2", "Command unrecognized"));
        }
    }

    private void greet(String domain, boolean extended) throws IOException {
        endTransaction("reset");
        helo = domain;
        esmtp = extended;
        state = SmtpState.READY;
        if (!extended) {
            reply(new Reply(250, null, ctx.hostname()));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(ctx.hostname() + " greets " + sanitizeForReply(domain));
        lines.add("PIPELINING");
        lines.add("SIZE " + ctx.config().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        if (ctx.tls() != null && !conn.isTls()) {
            lines.add("STARTTLS");
        }
        if (authOffered()) {
            lines.add("AUTH " + String.join(" ", ctx.mechanisms().names()));
        }
        lines.addAll(ctx.extensions().ehloKeywords());
        lines.add("HELP");
        reply(new Reply(250, null, lines));
    }

    /** AUTH is for submission, and only over TLS unless configured for tests (RFC 4954 §4). */
    boolean authOffered() {
        return role == Role.SUBMISSION && authUser == null && (conn.isTls() || ctx.auth().allowPlaintext());
    }

    private void startTls() throws IOException {
        if (conn.isTls()) {
            error(new Reply(503, "5.5.1", "TLS already active"));
            return;
        }
        if (ctx.tls() == null) {
            error(new Reply(502, "5.5.1", "STARTTLS not available"));
            return;
        }
        reply(new Reply(220, "2.0.0", "Ready to start TLS"));
        conn.flush();
        try {
            conn.startTls(ctx.tls());
        } catch (IOException e) {
            TXLOG.info("c={} ip={} TLS handshake failed: {}", conn.id(), ip(), e.getMessage());
            closing = true;
            throw new EOFException("TLS handshake failed");
        }
        // RFC 3207 §4.2: forget everything learned before TLS, the client must EHLO again.
        state = SmtpState.CONNECTED;
        helo = null;
        esmtp = false;
        tx = null;
    }

    /** Counts a protocol error; at the limit ends the session with 421. */
    void error(Reply r) throws IOException {
        errors++;
        if (errors >= ctx.config().maxErrors()) {
            reply(r);
            reply(new Reply(421, "4.7.0", ctx.hostname() + " Too many errors, closing connection"));
            TXLOG.info("c={} ip={} closed after {} errors", conn.id(), ip(), errors);
            closing = true;
            return;
        }
        reply(r);
    }

    void reply(Reply r) throws IOException {
        conn.write(r.encode());
    }

    /** Ends the open transaction (if any), logging it when it did not complete. */
    void endTransaction(String why) {
        if (tx != null) {
            TransactionLog.aborted(this, why);
        }
        tx = null;
        if (state == SmtpState.MAIL || state == SmtpState.RCPT || state == SmtpState.BDAT) {
            state = SmtpState.READY;
        }
    }

    String ip() {
        return conn.remoteAddress().getHostAddress();
    }

    String nextMessageId() {
        transactions++;
        return conn.id() + "." + transactions;
    }

    SessionInfo sessionInfo() {
        return new SessionInfo(conn.id(), role, conn.remoteAddress(), helo == null ? "unknown" : helo, esmtp,
                conn.tlsDescription(), authUser, ctx.hostname(), verifiedName);
    }

    static String sanitizeForReply(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 100; i++) {
            char c = s.charAt(i);
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.toString();
    }
}
