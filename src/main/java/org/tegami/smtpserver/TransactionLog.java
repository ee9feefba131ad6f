package org.tegami.smtpserver;

import java.util.StringJoiner;
import org.tegami.pipeline.Recipient;
import org.tegami.smtp.Reply;

/**
 * The one concise log line per SMTP transaction: connection id, client IP, HELO, sender,
 * recipients, size, result and time — grep-able by id across the server's logs.
 */
final class TransactionLog {

    private TransactionLog() {}

    static void completed(SmtpSession s, Transaction tx, String msgId, long size, Reply result, java.util.List<String> notes) {
        SmtpSession.TXLOG.info("c={} ip={} helo={} {}from=<{}> to={} rejected={} size={} result=\"{}\" id={} ms={}{}",
                s.conn.id(), s.ip(), safe(s.helo), s.authUser == null ? "" : "auth=" + s.authUser + " ",
                tx.sender == null ? "" : tx.sender, recipients(tx), tx.rejectedRecipients, size, result, msgId,
                (System.nanoTime() - tx.started) / 1_000_000, notes.isEmpty() ? "" : " " + String.join(" ", notes));
    }

    static void aborted(SmtpSession s, String why) {
        Transaction tx = s.tx;
        SmtpSession.TXLOG.info("c={} ip={} helo={} from=<{}> to={} rejected={} result=\"{}\" ms={}",
                s.conn.id(), s.ip(), safe(s.helo), tx.sender == null ? "" : tx.sender, recipients(tx),
                tx.rejectedRecipients, "no message: " + why, (System.nanoTime() - tx.started) / 1_000_000);
    }

    private static String recipients(Transaction tx) {
        StringJoiner j = new StringJoiner(",");
        for (Recipient r : tx.recipients) {
            j.add("<" + r.address() + ">");
        }
        return tx.recipients.isEmpty() ? "-" : j.toString();
    }

    private static String safe(String s) {
        return s == null ? "-" : SmtpSession.sanitizeForReply(s).replace(' ', '_');
    }
}
