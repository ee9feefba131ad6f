package org.tegami.pop3server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxEvents;
import org.tegami.store.MailStore;
import org.tegami.store.MessageInfo;

/**
 * The INBOX as one POP3 session sees it: the listing loaded once when the maildrop is locked
 * (one query, however many messages), numbered 1..n for the whole session (RFC 1939 §5: message
 * numbers do not change), with the session's deletion marks. Messages that another session (IMAP)
 * expunges meanwhile are learnt from the store's events and reported as deleted; deletions reach
 * the store only in the UPDATE state ({@link #commitDeletions}).
 */
final class Maildrop {

    private final MailStore mail;
    private final long mailboxId;
    private final long uidValidity;
    private final long[] uids;
    private final long[] sizes;
    private final String[] blobs;
    /** Marked with DELE in this session; cleared by RSET (RFC 1939 §5). */
    private final BitSet deleted = new BitSet();
    /** Expunged from the store by another session since the listing was loaded. */
    private final BitSet gone = new BitSet();
    /** Set by the event thread when the mailbox lost messages; the session re-checks before its next command. */
    private final AtomicBoolean expungedElsewhere;
    /** Our subscription to the mailbox's events, removed at close. */
    private final MailboxEvents.Listener listener;

    private Maildrop(MailStore mail, Mailbox inbox, List<MessageInfo> messages, AtomicBoolean expungedElsewhere,
            MailboxEvents.Listener listener) {
        this.mail = mail;
        this.mailboxId = inbox.id();
        this.uidValidity = inbox.uidValidity();
        this.expungedElsewhere = expungedElsewhere;
        this.listener = listener;
        int n = messages.size();
        this.uids = new long[n];
        this.sizes = new long[n];
        this.blobs = new String[n];
        for (int i = 0; i < n; i++) {
            MessageInfo m = messages.get(i);
            uids[i] = m.uid();
            sizes[i] = m.size();
            blobs[i] = m.blob();
        }
    }

    /** Loads the listing. Subscribes first, so an expunge racing with the load is not missed. */
    static Maildrop open(MailStore mail, Mailbox inbox) {
        AtomicBoolean expunged = new AtomicBoolean();
        MailboxEvents.Listener listener = (id, change) -> {
            if (change == MailboxEvents.Change.EXPUNGED || change == MailboxEvents.Change.DELETED) {
                expunged.set(true);
            }
            // ADDED: new mail waits for the next session (RFC 1939 §8 keeps the listing fixed).
        };
        mail.events().subscribe(inbox.id(), listener);
        try {
            return new Maildrop(mail, inbox, mail.messages(inbox.id()), expunged, listener);
        } catch (RuntimeException e) {
            mail.events().unsubscribe(inbox.id(), listener);
            throw e;
        }
    }

    /** Marks messages expunged elsewhere as gone; a store query only after an expunge event. */
    void refresh() {
        if (!expungedElsewhere.getAndSet(false)) {
            return;
        }
        List<MessageInfo> now = mail.messages(mailboxId);
        long[] present = new long[now.size()];
        for (int i = 0; i < present.length; i++) {
            present[i] = now.get(i).uid();
        }
        Arrays.sort(present);
        for (int i = 0; i < uids.length; i++) {
            if (Arrays.binarySearch(present, uids[i]) < 0) {
                gone.set(i);
            }
        }
    }

    void close() {
        mail.events().unsubscribe(mailboxId, listener);
    }

    /** Messages in the listing, deleted ones included (numbers run 1..size()). */
    int size() {
        return uids.length;
    }

    /** True if message index i (0-based) is neither marked deleted nor gone. */
    boolean visible(int i) {
        return !deleted.get(i) && !gone.get(i);
    }

    /** The 0-based index of message number msg, or a Failure saying why it cannot be used. */
    int index(long msg) throws Pop3Failure {
        if (msg < 1 || msg > uids.length) {
            throw new Pop3Failure("No such message: " + msg + " (the maildrop has " + uids.length + " messages)");
        }
        int i = (int) msg - 1;
        if (deleted.get(i)) {
            throw new Pop3Failure("Message " + msg + " is already deleted");
        }
        if (gone.get(i)) {
            throw new Pop3Failure("Message " + msg + " was deleted by another session");
        }
        return i;
    }

    /** Called when the message's content is missing (expunged and collected meanwhile). */
    void markGone(int i) {
        gone.set(i);
    }

    long octets(int i) {
        return sizes[i];
    }

    String blob(int i) {
        return blobs[i];
    }

    /**
     * RFC 1939 §7 UIDL unique-id (1 to 70 characters in 0x21..0x7E): UIDVALIDITY "." UID. Both are
     * stored with the mailbox, so the id is the same in every session and after restarts, and it
     * is never reused for another message (UIDs never are within one UIDVALIDITY).
     */
    String uniqueId(int i) {
        return uidValidity + "." + uids[i];
    }

    void delete(int i) {
        deleted.set(i);
    }

    /** RFC 1939 §5 RSET: unmark every message marked deleted in this session. */
    void undeleteAll() {
        deleted.clear();
    }

    int visibleCount() {
        int n = 0;
        for (int i = 0; i < uids.length; i++) {
            if (visible(i)) {
                n++;
            }
        }
        return n;
    }

    long visibleOctets() {
        long total = 0;
        for (int i = 0; i < uids.length; i++) {
            if (visible(i)) {
                total += sizes[i];
            }
        }
        return total;
    }

    /**
     * RFC 1939 §6 UPDATE: removes the messages marked deleted, in one durable store transaction
     * (committed before this returns, so before +OK to QUIT).
     *
     * @return how many messages were removed
     */
    int commitDeletions() {
        List<Long> marked = new ArrayList<>();
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            if (!gone.get(i)) {
                marked.add(uids[i]);
            }
        }
        return marked.isEmpty() ? 0 : mail.expunge(mailboxId, marked).size();
    }
}
