package org.tegami.dsn;

import java.time.Instant;
import java.util.List;

/**
 * What a delivery status notification reports (RFC 3464 §2): the per-message fields and one
 * entry per recipient. Built by the queue, turned into a message by {@link DsnBuilder}.
 *
 * @param reportingMta our host name (Reporting-MTA, §2.2.2)
 * @param envid the sender's ENVID (RFC 3461 §4.4), decoded, or null
 * @param arrival when we accepted the message (Arrival-Date, §2.2.5)
 * @param returnTo the original envelope sender, who gets the report
 * @param original the message as queued (headers or all of it are returned)
 * @param ret what to return of the original: FULL (default for failures) or HDRS
 * @param utf8 the original needed SMTPUTF8: use message/global-delivery-status (RFC 6533)
 */
public record DeliveryReport(
        String reportingMta,
        String envid,
        Instant arrival,
        String returnTo,
        List<Entry> entries,
        byte[] original,
        DsnParams.Ret ret,
        boolean utf8) {

    public DeliveryReport {
        entries = List.copyOf(entries);
    }

    /** RFC 3464 §2.3.3 Action values. */
    public enum Action {
        FAILED("failed"), DELAYED("delayed"), DELIVERED("delivered"), RELAYED("relayed"), EXPANDED("expanded");

        final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One recipient (RFC 3464 §2.3).
     *
     * @param finalRecipient the address we tried (Final-Recipient)
     * @param originalRecipient the ORCPT parameter as given ("rfc822;xtext"), or null
     * @param status RFC 3463 code, e.g. "5.1.1"
     * @param remoteMta host that gave the reply, or null
     * @param diagnostic the remote's reply ("550 5.1.1 no such user"), or our own explanation
     * @param lastAttempt when we last tried, or null
     * @param willRetryUntil for delayed: when we give up, else null
     */
    public record Entry(
            String finalRecipient,
            String originalRecipient,
            Action action,
            String status,
            String remoteMta,
            String diagnostic,
            Instant lastAttempt,
            Instant willRetryUntil) {}
}
