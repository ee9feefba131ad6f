package org.tegami.store;

import java.util.List;
import java.util.Optional;

/**
 * The outbound queue's durable state (DESIGN.md, Durability): one row per queued message (its
 * bytes are a blob shared with nothing else) and one per recipient with its own status, attempt
 * count and next attempt time. Every call that changes state commits before it returns, so a
 * crash leaves each recipient queued, delivered or failed — never lost. The store knows nothing of
 * SMTP: replies are opaque strings and routing is the queue's business.
 */
public interface QueueStore {

    /** Per-recipient state. A message leaves the queue when none of its recipients is QUEUED. */
    enum Status { QUEUED, DELIVERED, FAILED }

    /**
     * A message to queue. {@code blob} must have been written (fsync'd) while holding the blob
     * store's reference lock, which the caller keeps until {@link #enqueue} returns.
     *
     * @param structure parsed structure (mime.StructureCodec) kept with the content row
     * @param sender envelope sender, "" for the null reverse-path
     * @param envid RFC 3461 ENVID (decoded) or null
     * @param ret RFC 3461 RET ("FULL"/"HDRS") or null
     * @param origin who handed it to us, for `queue show` and logs
     */
    record NewMessage(BlobStore.Blob blob, byte[] structure, String sender, String envid, String ret,
            boolean smtpUtf8, boolean eightBit, String origin, long createdAt) {}

    /**
     * @param domain the ASCII domain to route by
     * @param orcpt RFC 3461 ORCPT as given ("rfc822;xtext") or null
     * @param notifyParam RFC 3461 NOTIFY as given, or null for the default
     */
    record NewRecipient(String address, String domain, String orcpt, String notifyParam) {}

    record Enqueue(NewMessage message, List<NewRecipient> recipients, long firstAttempt) {
        public Enqueue {
            recipients = List.copyOf(recipients);
        }
    }

    record QueuedMessage(long id, String sha256, long size, String sender, String envid, String ret,
            boolean smtpUtf8, boolean eightBit, String origin, long createdAt, List<QueuedRecipient> recipients) {
        public QueuedMessage {
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * @param lastAttempt epoch millis of the last attempt, 0 if none yet
     * @param lastReply the last reply or error, null if none yet
     * @param warned a delay warning was sent
     */
    record QueuedRecipient(long id, long messageId, String address, String domain, String orcpt, String notifyParam,
            Status status, int attempts, long nextAttempt, long lastAttempt, String lastReply, boolean warned) {}

    /**
     * The new state of a recipient after an attempt (or a warning).
     *
     * @param attempted count this as a delivery attempt
     */
    record Update(long recipientId, Status status, String lastReply, long nextAttempt, boolean warned,
            boolean attempted) {}

    /** Queues messages in one durable transaction; returns their ids in order. */
    List<Long> enqueue(List<Enqueue> messages);

    /** QUEUED recipients whose next attempt is due at {@code now}, earliest first. */
    List<QueuedRecipient> due(long now, int limit);

    Optional<QueuedMessage> message(long id);

    /** Every message still in the queue with all its recipients, oldest first. */
    List<QueuedMessage> list();

    /**
     * Records attempt outcomes and queues new messages (DSNs) in one durable transaction, then
     * drops messages with no QUEUED recipient left. Updates of recipients that no longer exist
     * (deleted meanwhile) are ignored.
     */
    void record(long now, List<Update> updates, List<Enqueue> newMessages);

    /** Makes QUEUED recipients of one message (or of all, when null) due now; returns how many. */
    int retry(Long messageId, long now);

    /** Removes a message and all its recipients; false if there was none. */
    boolean delete(long messageId);

    /** The earliest next attempt among QUEUED recipients, or Long.MAX_VALUE when none. */
    long nextDue();
}
