package org.tegami.mailauth;

import java.util.ArrayList;
import java.util.List;
import org.tegami.smtp.Reply;
import org.tegami.testing.SmtpTestClient;

/** Test helpers: one SMTP transaction from the outside, and header fields of stored messages. */
final class Inbound {

    private Inbound() {}

    /** EHLO, MAIL, RCPT, DATA on port 25; the reply to the end of data (or to the first refusal). */
    static Reply send(int port, String helo, String mailFrom, String rcpt, String message) throws Exception {
        try (SmtpTestClient c = new SmtpTestClient(port)) {
            c.read();
            c.cmd("EHLO " + helo);
            Reply r = c.cmd("MAIL FROM:<" + mailFrom + ">");
            if (r.code() != 250) {
                return r;
            }
            r = c.cmd("RCPT TO:<" + rcpt + ">");
            if (r.code() != 250) {
                return r;
            }
            r = c.cmd("DATA");
            if (r.code() != 354) {
                return r;
            }
            c.send(message.replace("\r\n.", "\r\n.."));
            Reply end = c.cmd("."); // the message ends with CRLF
            c.cmd("QUIT");
            return end;
        }
    }

    static String message(String from, String to, String subject, String extraHeaders) {
        return "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + Long.toHexString(System.nanoTime()) + "@" + from.substring(from.indexOf('@') + 1) + ">\r\n"
                + extraHeaders + "\r\nHello.\r\n";
    }

    /** The unfolded values of every field with this name (RFC 5322 §2.2.3: CRLF removed), top first. */
    static List<String> fields(String message, String name) {
        List<String> out = new ArrayList<>();
        String header = message.substring(0, Math.max(0, message.indexOf("\r\n\r\n")) + 2);
        String unfolded = header.replaceAll("\r\n(?=[ \t])", "");
        for (String line : unfolded.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                out.add(line.substring(name.length() + 1).strip());
            }
        }
        return out;
    }

    /** "Name: value" of the first field with this name, unfolded; null when absent. */
    static String field(String message, String name) {
        List<String> f = fields(message, name);
        return f.isEmpty() ? null : name + ": " + f.get(0);
    }
}
