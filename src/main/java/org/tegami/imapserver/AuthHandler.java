package org.tegami.imapserver;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.tegami.directory.Directory;
import org.tegami.imap.NotAuthenticatedCommand;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.sasl.SaslBackend;
import org.tegami.sasl.SaslServer;
import org.tegami.sasl.SaslStep;
import org.tegami.store.Account;

/**
 * STARTTLS (RFC 9051 §6.2.1), AUTHENTICATE with SASL-IR (§6.2.2, RFC 4959) and LOGIN (§6.2.3), on
 * the shared SASL mechanisms and the directory's failed-login throttle (the same lockout and log
 * lines as SMTP and POP3). Passwords in the clear — LOGIN, PLAIN, LOGIN mechanism — are refused
 * before TLS unless [auth] allow_plaintext (LOGINDISABLED is advertised).
 */
final class AuthHandler {

    static final String PLAINTEXT_REFUSED =
            "Plaintext authentication is not allowed without TLS: use STARTTLS or port 993";

    private AuthHandler() {}

    /** Mechanisms that reveal the password to anyone who can read the connection. */
    static boolean isPlaintext(String mechanism) {
        String m = mechanism.toUpperCase(Locale.ROOT);
        return m.equals("PLAIN") || m.equals("LOGIN");
    }

    static boolean loginAllowed(ImapSession s) {
        return s.conn.isTls() || s.ctx.auth().allowPlaintext();
    }

    static Response.Status startTls(ImapSession s, NotAuthenticatedCommand.StartTls c) throws IOException {
        if (s.conn.isTls()) {
            throw ImapFailure.bad("TLS is already active");
        }
        if (s.ctx.tls() == null) {
            throw ImapFailure.no(ResponseCode.CANNOT, "STARTTLS is not available");
        }
        s.send(Response.Status.ok(c.tag(), "Begin TLS negotiation now"));
        s.flush();
        try {
            s.conn.startTls(s.ctx.tls()); // discards any cleartext the client pipelined (CVE-2011-0411)
        } catch (IOException e) {
            ImapSession.LOG.info("c={} ip={} TLS handshake failed: {}", s.conn.id(), s.ip(), e.getMessage());
            s.state = ImapState.LOGOUT;
            throw new EOFException("TLS handshake failed");
        }
        s.setOutput();
        return null;
    }

    static Response.Status login(ImapSession s, NotAuthenticatedCommand.Login c) {
        if (!loginAllowed(s)) {
            throw ImapFailure.no(ResponseCode.PRIVACYREQUIRED, PLAINTEXT_REFUSED);
        }
        Directory dir = s.ctx.directory();
        SaslBackend.Verdict v = dir.checkPassword(s.conn.remoteAddress(), c.user(), c.password());
        return switch (v) {
            case OK -> succeeded(s, c.tag(), c.user());
            case LOCKED -> {
                dir.authFailed(s.conn.remoteAddress(), "imap", c.user(), "locked");
                throw ImapFailure.no(ResponseCode.UNAVAILABLE, "Too many failed logins, try again later");
            }
            case BAD -> failed(s, c.user(), "bad_credentials");
        };
    }

    static Response.Status authenticate(ImapSession s, NotAuthenticatedCommand.Authenticate c) throws IOException {
        if (!loginAllowed(s) && isPlaintext(c.mechanism())) {
            throw ImapFailure.no(ResponseCode.PRIVACYREQUIRED, PLAINTEXT_REFUSED);
        }
        Directory dir = s.ctx.directory();
        if (dir.throttle().ipLocked(s.conn.remoteAddress())) {
            throw ImapFailure.no(ResponseCode.UNAVAILABLE, "Too many failed logins, try again later");
        }
        SaslServer sasl = s.ctx.mechanisms().create(c.mechanism(), dir.saslBackend(s.conn.remoteAddress(), "imap"));
        if (sasl == null) {
            throw ImapFailure.no(ResponseCode.CANNOT, "Unsupported authentication mechanism");
        }
        SaslStep step = sasl.start(c.initialResponseBytes());
        while (step instanceof SaslStep.Challenge ch) {
            s.send(new Response.Challenge(ch.data()));
            s.flush();
            byte[] line = s.readContinuationLine(s.ctx.config().loginTimeout());
            if (line == null) {
                throw new EOFException("closed during AUTHENTICATE");
            }
            String text = new String(line, StandardCharsets.US_ASCII).strip();
            if (text.equals("*")) {
                throw ImapFailure.bad("Authentication cancelled"); // RFC 9051 §6.2.2
            }
            byte[] response;
            try {
                response = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw ImapFailure.bad("Invalid base64 in the authentication response");
            }
            step = sasl.next(response);
        }
        if (step instanceof SaslStep.Success ok) {
            return succeeded(s, c.tag(), ok.user());
        }
        SaslStep.Failure f = (SaslStep.Failure) step;
        return switch (f.reason()) {
            case MALFORMED -> throw ImapFailure.bad("Malformed " + sasl.mechanism() + " response");
            case LOCKED -> {
                dir.authFailed(s.conn.remoteAddress(), "imap", f.user(), "locked");
                throw ImapFailure.no(ResponseCode.UNAVAILABLE, "Too many failed logins, try again later");
            }
            default -> failed(s, f.user(), f.reason().name().toLowerCase(Locale.ROOT));
        };
    }

    private static Response.Status succeeded(ImapSession s, String tag, String user) {
        Optional<Account> a = s.ctx.directory().authSucceeded(s.conn.remoteAddress(), "imap", user);
        if (a.isEmpty() || a.get().disabled()) {
            throw ImapFailure.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
        }
        s.account = a.get();
        s.state = ImapState.AUTHENTICATED;
        return Response.Status.ok(tag, new ResponseCode.Capability(s.capabilities()), "Logged in");
    }

    /** Records the failure (throttle, fail2ban line), waits the throttle's delay, answers NO. */
    private static Response.Status failed(ImapSession s, String user, String reason) {
        Duration delay = s.ctx.directory().authFailed(s.conn.remoteAddress(), "imap", user, reason);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw ImapFailure.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
    }
}
