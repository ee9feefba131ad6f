package org.tegami.smtpserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.tegami.io.LineTooLongException;
import org.tegami.pipeline.Role;
import org.tegami.sasl.SaslServer;
import org.tegami.sasl.SaslStep;
import org.tegami.smtp.Reply;
import org.tegami.smtp.SmtpCommand;

/** SMTP AUTH (RFC 4954) on the shared sasl mechanisms and the directory's throttle. */
final class AuthExchange {

    /** RFC 4954 §4: a line of at least 12288 octets must be accepted. */
    private static final int MAX_RESPONSE_LINE = 12288;

    private final SmtpSession s;

    AuthExchange(SmtpSession s) {
        this.s = s;
    }

    void run(SmtpCommand.Auth a) throws IOException {
        if (s.role != Role.SUBMISSION) {
            s.error(new Reply(502, "5.5.1", "AUTH not available on this port; use submission (587 or 465)"));
            return;
        }
        if (s.authUser != null) {
            s.error(new Reply(503, "5.5.1", "Already authenticated"));
            return;
        }
        if (!s.esmtp) {
            s.error(new Reply(503, "5.5.1", "Send EHLO first"));
            return;
        }
        if (!s.conn.isTls() && !s.ctx.auth().allowPlaintext()) {
            s.error(new Reply(538, "5.7.11", "Encryption required for requested authentication mechanism"));
            return;
        }
        if (s.ctx.directory().throttle().ipLocked(s.conn.remoteAddress())) {
            s.error(new Reply(454, "4.7.0", "Too many failed authentications, try again later"));
            return;
        }
        SaslServer sasl = s.ctx.mechanisms().create(a.mechanism(),
                s.ctx.directory().saslBackend(s.conn.remoteAddress(), "smtp"));
        if (sasl == null) {
            s.error(new Reply(504, "5.5.4", "Unrecognized authentication type"));
            return;
        }
        byte[] initial = null;
        if (a.initialResponse() != null) {
            initial = a.initialResponse().equals("=") ? new byte[0] : decode(a.initialResponse());
            if (initial == null) {
                s.error(new Reply(501, "5.5.2", "Cannot decode base64 initial response"));
                return;
            }
        }
        SaslStep step = sasl.start(initial);
        while (step instanceof SaslStep.Challenge c) {
            s.reply(new Reply(334, null, Base64.getEncoder().encodeToString(c.data())));
            s.conn.flush();
            String line;
            try {
                line = s.conn.in().readLine(MAX_RESPONSE_LINE);
            } catch (LineTooLongException e) {
                s.error(new Reply(500, "5.5.6", "Authentication exchange line is too long"));
                return;
            }
            if (line == null) {
                throw new java.io.EOFException();
            }
            if (line.equals("*")) {
                s.error(new Reply(501, "5.0.0", "Authentication cancelled"));
                return;
            }
            byte[] response = decode(line);
            if (response == null) {
                s.error(new Reply(501, "5.5.2", "Cannot decode base64 response"));
                return;
            }
            step = sasl.next(response);
        }
        finish(sasl.mechanism(), step);
    }

    private void finish(String mechanism, SaslStep step) throws IOException {
        var dir = s.ctx.directory();
        if (step instanceof SaslStep.Success ok) {
            var account = dir.authSucceeded(s.conn.remoteAddress(), "smtp", ok.user());
            if (account.isEmpty()) {
                s.error(new Reply(535, "5.7.8", "Authentication credentials invalid"));
                return;
            }
            s.authUser = account.get().address();
            s.reply(new Reply(235, "2.7.0", "Authentication successful"));
            return;
        }
        SaslStep.Failure f = (SaslStep.Failure) step;
        switch (f.reason()) {
            case MALFORMED -> s.error(new Reply(501, "5.5.2", "Malformed " + mechanism + " response"));
            case LOCKED -> {
                dir.authFailed(s.conn.remoteAddress(), "smtp", f.user(), "locked");
                s.error(new Reply(454, "4.7.0", "Too many failed authentications, try again later"));
            }
            default -> {
                Duration delay = dir.authFailed(s.conn.remoteAddress(), "smtp", f.user(), f.reason().name().toLowerCase());
                sleep(delay);
                s.error(new Reply(535, "5.7.8", "Authentication credentials invalid"));
            }
        }
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
