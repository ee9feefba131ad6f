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

    /** Stores several messages in one durable transaction: all or none (IMAP MULTIAPPEND, RFC 3502). */
    List<Delivery.Stored> deliverAll(List<Delivery> deliveries);

    /**
     * Expunges messages flagged \Deleted (RFC 9051 §6.4.3), deciding by the stored flags in the
     * same transaction; with {@code uids} only among those (UID EXPUNGE, RFC 4315 §2.1).
     *
     * @return the UIDs removed, ascending
     */
    long[] expungeDeleted(long mailboxId, long[] uids);

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

    // ---- IMAP (issue 3): views, changes, flags, copies, mailbox management, search ----------------

    /** Every message of a mailbox as a session's view (RFC 9051 §2.3.1): one range scan. */
    MailboxView view(long mailboxId);

    /** What changed after {@code modSeq} (new, changed and expunged messages). */
    MailboxChanges changesSince(long mailboxId, long modSeq);

    /**
     * FETCH data of the given messages (UIDs ascending), in UID order; UIDs no longer present are
     * left out. Structure and content bytes only when asked for.
     */
    List<MessageData> load(long mailboxId, long[] uids, boolean structure, boolean content);

    /** Changes flags of the given messages atomically (one durable commit). */
    FlagResult updateFlags(long mailboxId, long[] uids, FlagUpdate update);

    /**
     * Copies (or moves) messages to another (or the same) mailbox with their flags, keywords and
     * internal dates, in one durable transaction; moved messages are expunged from the source.
     */
    CopyResult copy(long sourceMailboxId, long[] uids, long targetMailboxId, boolean move);

    /** Removes a mailbox and its messages (the subscription, a name, stays). */
    void deleteMailbox(long mailboxId);

    /**
     * Renames mailboxes of an account in one transaction (a mailbox and its children), keeping
     * their ids and UIDVALIDITY; subscriptions follow. Keys are old names, values new names.
     */
    void renameMailboxes(long accountId, java.util.Map<String, String> renames);

    /**
     * Creates {@code newName} and moves every message of {@code mailboxId} into it (RFC 9051
     * §6.3.6: renaming INBOX), in one transaction; the source stays, empty.
     */
    Mailbox moveAllTo(long mailboxId, String newName);

    /** Creates a mailbox without subscribing it (IMAP CREATE; RFC 9051 §6.3.4). */
    Mailbox createUnsubscribed(long accountId, String name, String specialUse);

    void setSubscribed(long accountId, String name, boolean subscribed);

    /** Subscribed names of an account, existing mailboxes or not. */
    List<String> subscriptions(long accountId);

    /** Number of messages with a UID of at least {@code uid} (STATUS RECENT). */
    long countFrom(long mailboxId, long uid);

    /** The first UID not yet announced as \Recent to any session. */
    long firstRecentUid(long mailboxId);

    /** Records that messages below {@code uid} have been announced as \Recent (only ever rises). */
    void markRecentSeen(long mailboxId, long uid);

    /** UIDs (ascending) of messages whose indexed text contains the needle. */
    long[] searchText(long mailboxId, TextQuery query);

    /** Sort, thread and search keys of every message of a mailbox, in UID order. */
    List<MessageKeys> keys(long mailboxId);

    /**
     * Indexes up to {@code max} contents stored without a {@link ContentIndex} (messages from before
     * the index existed); returns how many were indexed.
     */
    int indexMissing(BlobStore blobs, int max);
}
