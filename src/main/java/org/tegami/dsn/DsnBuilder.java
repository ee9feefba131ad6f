package org.tegami.dsn;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Builds delivery status notifications as RFC 3464 multipart/report messages (RFC 6522): a
 * human-readable part, the machine-readable message/delivery-status, and the original message
 * (message/rfc822) or its header (text/rfc822-headers) as RET asks (RFC 3461 §4.3). SMTPUTF8
 * originals get message/global-delivery-status and message/global-headers (RFC 6533 §6).
 */
public final class DsnBuilder {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Returned originals larger than this are cut to their header (like Postfix's bounce_size_limit). */
    private static final int MAX_RETURNED = 10 * 1024 * 1024;

    private DsnBuilder() {}

    /** The complete report message, CRLF line ends, ready to queue with a null sender. */
    public static byte[] build(DeliveryReport r) {
        String boundary = "=_" + HexFormat.of().formatHex(randomBytes(12));
        String now = DATE.format(Instant.now().atZone(ZoneOffset.UTC));
        StringBuilder h = new StringBuilder();
        h.append("From: Mail Delivery System <MAILER-DAEMON@").append(r.reportingMta()).append(">\r\n");
        h.append("To: <").append(r.returnTo()).append(">\r\n");
        h.append("Subject: ").append(subject(r)).append("\r\n");
        h.append("Date: ").append(now).append("\r\n");
        h.append("Message-ID: <").append(HexFormat.of().formatHex(randomBytes(16))).append("@").append(r.reportingMta()).append(">\r\n");
        // RFC 3834 §5: automatic responses are marked, so nobody auto-replies to them.
        h.append("Auto-Submitted: auto-replied\r\n");
        h.append("MIME-Version: 1.0\r\n");
        h.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n");
        h.append("\r\n");
        h.append("This is a MIME-encapsulated delivery status notification.\r\n\r\n");
        h.append("--").append(boundary).append("\r\n");
        h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        h.append(humanText(r));
        h.append("\r\n--").append(boundary).append("\r\n");
        h.append("Content-Type: ").append(r.utf8() ? "message/global-delivery-status" : "message/delivery-status").append("\r\n\r\n");
        h.append(statusFields(r));
        h.append("\r\n--").append(boundary).append("\r\n");
        byte[] returned = returned(r);
        boolean headersOnly = r.ret() == DsnParams.Ret.HDRS || r.original().length > MAX_RETURNED;
        String type = headersOnly ? (r.utf8() ? "message/global-headers" : "text/rfc822-headers")
                : (r.utf8() ? "message/global" : "message/rfc822");
        h.append("Content-Type: ").append(type).append("\r\n");
        if (has8bit(returned)) {
            h.append("Content-Transfer-Encoding: 8bit\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = ((endsWithCrlf(returned) ? "" : "\r\n") + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + returned.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(returned, 0, out, head.length, returned.length);
        System.arraycopy(tail, 0, out, head.length + returned.length, tail.length);
        return out;
    }

    private static String subject(DeliveryReport r) {
        DeliveryReport.Action a = r.entries().isEmpty() ? DeliveryReport.Action.FAILED : r.entries().get(0).action();
        return switch (a) {
            case FAILED -> "Undelivered Mail Returned to Sender";
            case DELAYED -> "Delayed Mail (still being retried)";
            case DELIVERED, RELAYED, EXPANDED -> "Successful Mail Delivery Report";
        };
    }

    private static String humanText(DeliveryReport r) {
        StringBuilder t = new StringBuilder();
        t.append("This is the mail system at host ").append(r.reportingMta()).append(".\r\n\r\n");
        DeliveryReport.Action a = r.entries().isEmpty() ? DeliveryReport.Action.FAILED : r.entries().get(0).action();
        switch (a) {
            case FAILED -> t.append("I'm sorry to have to inform you that your message could not be delivered\r\n"
                    + "to one or more recipients. It is attached below.\r\n");
            case DELAYED -> t.append("Your message could not be delivered yet to one or more recipients.\r\n"
                    + "It will be retried; you do not need to resend it.\r\n");
            default -> t.append("Your message was successfully delivered or relayed to the recipients below.\r\n");
        }
        t.append("\r\n");
        for (DeliveryReport.Entry e : r.entries()) {
            t.append("<").append(e.finalRecipient()).append(">: ");
            t.append(e.diagnostic() == null ? e.status() : oneLine(e.diagnostic()));
            if (e.remoteMta() != null) {
                t.append(" (from ").append(e.remoteMta()).append(")");
            }
            if (e.willRetryUntil() != null) {
                t.append("\r\n    will retry until ").append(DATE.format(e.willRetryUntil().atZone(ZoneOffset.UTC)));
            }
            t.append("\r\n");
        }
        return t.toString();
    }

    /** RFC 3464 §2.2 per-message fields, a blank line, then §2.3 per-recipient groups. */
    private static String statusFields(DeliveryReport r) {
        StringBuilder s = new StringBuilder();
        s.append("Reporting-MTA: dns; ").append(r.reportingMta()).append("\r\n");
        if (r.envid() != null) {
            s.append("Original-Envelope-Id: ").append(DsnParams.encodeXtext(r.envid())).append("\r\n");
        }
        s.append("Arrival-Date: ").append(DATE.format(r.arrival().atZone(ZoneOffset.UTC))).append("\r\n");
        for (DeliveryReport.Entry e : r.entries()) {
            s.append("\r\n");
            s.append("Final-Recipient: ").append(r.utf8() ? "utf-8; " : "rfc822; ").append(e.finalRecipient()).append("\r\n");
            if (e.originalRecipient() != null) {
                s.append("Original-Recipient: ").append(e.originalRecipient()).append("\r\n");
            }
            s.append("Action: ").append(e.action().word()).append("\r\n");
            s.append("Status: ").append(e.status()).append("\r\n");
            if (e.remoteMta() != null) {
                s.append("Remote-MTA: dns; ").append(e.remoteMta()).append("\r\n");
            }
            if (e.diagnostic() != null) {
                s.append("Diagnostic-Code: smtp; ").append(oneLine(e.diagnostic())).append("\r\n");
            }
            if (e.lastAttempt() != null) {
                s.append("Last-Attempt-Date: ").append(DATE.format(e.lastAttempt().atZone(ZoneOffset.UTC))).append("\r\n");
            }
            if (e.willRetryUntil() != null) {
                s.append("Will-Retry-Until: ").append(DATE.format(e.willRetryUntil().atZone(ZoneOffset.UTC))).append("\r\n");
            }
        }
        return s.toString();
    }

    private static byte[] returned(DeliveryReport r) {
        byte[] o = r.original();
        if (r.ret() != DsnParams.Ret.HDRS && o.length <= MAX_RETURNED) {
            return o;
        }
        int end = headerEnd(o);
        return java.util.Arrays.copyOf(o, end);
    }

    /** Offset just past the CRLF that ends the header block (before the blank line). */
    static int headerEnd(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 2;
            }
        }
        return m.length;
    }

    private static boolean endsWithCrlf(byte[] b) {
        return b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n';
    }

    static boolean has8bit(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return true;
            }
        }
        return false;
    }

    /** Diagnostic text comes from remote servers: one line, printable, bounded. */
    private static String oneLine(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 900; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
