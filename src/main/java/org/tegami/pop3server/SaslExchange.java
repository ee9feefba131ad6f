package org.tegami.pop3server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.tegami.io.LineTooLongException;
import org.tegami.sasl.SaslServer;
import org.tegami.sasl.SaslStep;

/** RFC 5034 AUTH on the shared sasl mechanisms and the directory's throttle. */
final class SaslExchange {

    private final Pop3Session s;

    SaslExchange(Pop3Session s) {
        this.s = s;
    }

    void run(Pop3Command.Auth a) throws IOException, Pop3Failure {
        if (!s.loginAllowed()) {
            throw new Pop3Failure(ResponseCode.AUTH, "Authentication is disallowed without TLS; use STLS first");
        }
        if (a.mechanism() == null) {
            listMechanisms();
            return;
        }
        if (s.ctx.directory().throttle().ipLocked(s.conn.remoteAddress())) {
            throw new Pop3Failure(ResponseCode.AUTH, "Too many failed logins, try again later");
        }
        SaslServer sasl = s.ctx.mechanisms().create(a.mechanism(),
                s.ctx.directory().saslBackend(s.conn.remoteAddress(), "pop3"));
        if (sasl == null) {
            throw new Pop3Failure("Unsupported authentication mechanism " + Pop3CommandParser.sanitize(a.mechanism()));
        }
        byte[] initial = null;
        if (a.initialResponse() != null) {
            // RFC 5034 §4: "=" is an empty initial response.
            initial = a.initialResponse().equals("=") ? new byte[0] : decode(a.initialResponse());
            if (initial == null) {
                throw new Pop3Failure("Invalid base64 in the initial response");
            }
        }
        SaslStep step = sasl.start(initial);
        while (step instanceof SaslStep.Challenge c) {
            // RFC 5034 §4: a challenge is "+" SP base64 (just "+ " when empty).
            s.write("+ " + Base64.getEncoder().encodeToString(c.data()) + "\r\n");
            s.conn.flush();
            byte[] line;
            try {
                line = s.conn.in().readLineBytes(Pop3CommandParser.MAX_AUTH_LINE);
            } catch (LineTooLongException e) {
                throw new Pop3Failure("Authentication response too long");
            }
            if (line == null) {
                throw new EOFException();
            }
            String response = new String(line, StandardCharsets.US_ASCII);
            if (response.equals("*")) {
                // RFC 5034 §4: "*" cancels; the server MUST reject the AUTH command with -ERR.
                throw new Pop3Failure("Authentication cancelled");
            }
            byte[] data = decode(response);
            if (data == null) {
                throw new Pop3Failure("Invalid base64 in the authentication response");
            }
            step = sasl.next(data);
        }
        finish(sasl.mechanism(), step);
    }

    private void finish(String mechanism, SaslStep step) throws IOException, Pop3Failure {
        Authorization login = new Authorization(s);
        switch (step) {
            case SaslStep.Success ok -> login.complete(ok.user());
            case SaslStep.Failure f when f.reason() == SaslStep.Reason.MALFORMED ->
                    throw new Pop3Failure("Malformed " + mechanism + " response");
            case SaslStep.Failure f when f.reason() == SaslStep.Reason.LOCKED -> login.failed(f.user(), "locked");
            case SaslStep.Failure f -> login.failed(f.user(), f.reason().name().toLowerCase(java.util.Locale.ROOT));
            case SaslStep.Challenge c -> throw new IllegalStateException("challenge after the exchange");
        }
    }

    /** A bare AUTH lists the mechanisms, as RFC 1734 servers did and older clients still ask. */
    private void listMechanisms() throws IOException {
        StringBuilder sb = new StringBuilder("+OK Supported SASL mechanisms follow\r\n");
        for (String m : s.ctx.mechanisms().names()) {
            sb.append(m).append("\r\n");
        }
        sb.append(".\r\n");
        s.write(sb.toString());
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
