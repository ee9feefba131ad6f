package org.tegami.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.tegami.smtp.Reply;

/** Sending whole messages to a test server over SMTP (MX on port 25, or submission with AUTH PLAIN). */
public final class ThreatMail {

    private ThreatMail() {}

    /** MAIL, RCPT..., DATA of {@code message} on the MX port; the reply to the final dot. */
    public static Reply mx(TestServer server, String mailFrom, List<String> rcpts, byte[] message) throws IOException {
        try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
            expect(c.read(), 220);
            expect(c.cmd("EHLO client.test"), 250);
            return transaction(c, mailFrom, rcpts, message);
        }
    }

    /** The same on the submission port after STARTTLS and AUTH PLAIN as {@code user}. */
    public static Reply submit(TestServer server, String user, String password, List<String> rcpts, byte[] message)
            throws IOException {
        try (SmtpTestClient c = new SmtpTestClient(server.port("submission"))) {
            expect(c.read(), 220);
            expect(c.cmd("EHLO client.test"), 250);
            c.startTls();
            expect(c.cmd("EHLO client.test"), 250);
            String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            expect(c.cmd("AUTH PLAIN " + token), 235);
            return transaction(c, user, rcpts, message);
        }
    }

    private static Reply transaction(SmtpTestClient c, String mailFrom, List<String> rcpts, byte[] message) throws IOException {
        expect(c.cmd("MAIL FROM:<" + mailFrom + ">"), 250);
        for (String r : rcpts) {
            expect(c.cmd("RCPT TO:<" + r + ">"), 250);
        }
        expect(c.cmd("DATA"), 354);
        c.sendBytes(dotStuffed(message));
        return c.read();
    }

    /** RFC 5321 §4.5.2 transparency, CRLF line ends, and the final dot. */
    static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void expect(Reply r, int code) throws IOException {
        if (r.code() != code) {
            throw new IOException("expected " + code + " but got " + r);
        }
    }
}
