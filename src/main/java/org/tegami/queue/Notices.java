package org.tegami.queue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tegami.dsn.DeliveryReport;
import org.tegami.dsn.DsnBuilder;
import org.tegami.dsn.DsnParams;
import org.tegami.smtp.AddressException;
import org.tegami.smtp.MailAddress;
import org.tegami.store.QueueStore;

/**
 * Delivery status notifications for queued mail (RFC 3464 reports, RFC 3461 NOTIFY rules): a
 * failure report when a recipient bounces, a delay warning once, a success ("relayed") report when
 * asked for and the next hop cannot carry the request on. Never for the null sender: a report is
 * itself sent from the null sender, so reports about reports cannot loop (RFC 5321 §4.5.5).
 */
final class Notices {

    /** What happened to one recipient, for the report. */
    record Event(QueueStore.QueuedRecipient recipient, DeliveryReport.Action action, String status,
            String remoteMta, String diagnostic, Instant lastAttempt, Instant willRetryUntil) {}

    private final String hostname;
    private final Spool spool;
    private final OutgoingSigner signer;

    Notices(String hostname, Spool spool, OutgoingSigner signer) {
        this.hostname = hostname;
        this.spool = spool;
        this.signer = signer;
    }

    /**
     * The report about these events of one message as a queue entry, or null when nobody gets
     * one (null sender, NOTIFY=NEVER or without the matching keyword). Call inside
     * {@link Spool#locked}.
     */
    QueueStore.Enqueue report(QueueStore.QueuedMessage m, byte[] original, List<Event> events, long now) throws IOException {
        if (m.sender().isEmpty()) {
            return null;
        }
        List<DeliveryReport.Entry> entries = new ArrayList<>();
        for (Event e : events) {
            Set<DsnParams.Notify> notify = DsnParams.parseNotify(e.recipient().notifyParam());
            DsnParams.Notify wanted = switch (e.action()) {
                case FAILED -> DsnParams.Notify.FAILURE;
                case DELAYED -> DsnParams.Notify.DELAY;
                default -> DsnParams.Notify.SUCCESS;
            };
            if (notify == null || !notify.contains(wanted)) {
                continue;
            }
            entries.add(new DeliveryReport.Entry(e.recipient().address(), e.recipient().orcpt(), e.action(), e.status(),
                    e.remoteMta(), e.diagnostic(), e.lastAttempt(), e.willRetryUntil()));
        }
        if (entries.isEmpty()) {
            return null;
        }
        // RFC 3461 §4.3: without RET, failures return the full message; delays and successes only headers.
        DsnParams.Ret ret = DsnParams.parseRet(m.ret());
        if (ret == null) {
            ret = entries.get(0).action() == DeliveryReport.Action.FAILED ? DsnParams.Ret.FULL : DsnParams.Ret.HDRS;
        }
        DeliveryReport report = new DeliveryReport(hostname, m.envid(), Instant.ofEpochMilli(m.createdAt()), m.sender(),
                entries, original, ret, m.smtpUtf8());
        // Our reports come from MAILER-DAEMON@hostname: DKIM-signed when that domain has keys.
        byte[] bytes = signer.sign(DsnBuilder.build(report));
        String domain;
        try {
            domain = MailAddress.parse(m.sender()).asciiDomain();
        } catch (AddressException e) {
            return null; // a sender we cannot even parse cannot get a report
        }
        // The report goes from the null sender, with NOTIFY=NEVER semantics (RFC 3461 §6.2).
        return spool.prepare(bytes, "", null, null, m.smtpUtf8(), "dsn for queue message " + m.id(),
                List.of(new QueueStore.NewRecipient(m.sender(), domain, null, "NEVER")), now);
    }
}
