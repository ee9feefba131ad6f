package org.tegami.store;

import java.util.List;
import java.util.Optional;

/**
 * Mailboxes and the messages in them (DESIGN.md, IMAP data model): per mailbox UIDVALIDITY, UIDNEXT
 * and HIGHESTMODSEQ; per message UID, MODSEQ, flags, keywords, internal date and the cached
 * structure. Every change is committed durably before the call returns and announced on
 * {@link MailboxEvents}.
 */
public interface MailStore {

    List<Mailbox> mailboxes(long accountId);

    Optional<Mailbox> mailbox(long accountId, String name);

    Optional<Mailbox> mailboxById(long mailboxId);

    Mailbox createMailbox(long accountId, String name, String specialUse);

    /** Stores one blob into several mailboxes in one durable transaction. */
    List<Delivery.Stored> deliver(Delivery delivery);

    /**
     * Stores several blobs (e.g. a copy encrypted for one account, the shared copy for the
     * others) in one durable transaction: all are stored or none.
     */
    default List<Delivery.Stored> deliverAll(List<Delivery> deliveries) {
        List<Delivery.Stored> out = new java.util.ArrayList<>();
        for (Delivery d : deliveries) {
            out.addAll(deliver(d));
        }
        return out;
    }

    MailboxStatus status(long mailboxId);

    /** Messages of a mailbox in UID order. */
    List<MessageInfo> messages(long mailboxId);

    Optional<MessageInfo> message(long mailboxId, long uid);

    /** The cached structure (mime.StructureCodec bytes) of a stored content. */
    byte[] structure(long contentId);

    /**
     * Removes messages by UID; returns the UIDs actually removed. Their UIDs are remembered with a
     * new MODSEQ for QRESYNC (RFC 7162 §3.2.10) and never reused.
     */
    List<Long> expunge(long mailboxId, List<Long> uids);

    /** Bytes used by all messages of an account (quota). */
    long usage(long accountId);

    /** Deletes contents no message references, and their blob files; returns how many. */
    int collectGarbage(BlobStore blobs);

    MailboxEvents events();
}
