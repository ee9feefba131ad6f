package org.tegami.imapserver;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;
import org.tegami.store.MailStore;

/**
 * \Recent for IMAP4rev1 sessions (RFC 3501 §2.3.2): a message is recent in exactly one session,
 * the first one told about it. Per mailbox, the first UID not yet claimed; a session claims a UID
 * range with one compare-and-set, so thousands of sessions on one mailbox never query or write
 * for it. The mark is also written to the store (in the background) so a restart does not
 * present old messages as recent again.
 */
final class RecentClaims {

    private final MailStore store;
    private final ConcurrentHashMap<Long, AtomicLong> next = new ConcurrentHashMap<>();
    /** Mailboxes whose mark is being written: one writer at a time, which writes the latest. */
    private final java.util.Set<Long> writing = ConcurrentHashMap.newKeySet();

    RecentClaims(MailStore store) {
        this.store = store;
    }

    private AtomicLong mark(long mailboxId, long stored) {
        AtomicLong m = next.computeIfAbsent(mailboxId, k -> new AtomicLong(stored));
        m.accumulateAndGet(stored, Math::max);
        return m;
    }

    /** The first UID nobody has claimed yet (EXAMINE and STATUS report from here without claiming). */
    long firstUnclaimed(long mailboxId, long stored) {
        return mark(mailboxId, stored).get();
    }

    /**
     * Claims every UID below {@code uidNext} not yet claimed.
     *
     * @return the first UID claimed; the range is [result, uidNext), empty if result >= uidNext
     */
    long claim(long mailboxId, long stored, long uidNext) {
        AtomicLong m = mark(mailboxId, stored);
        while (true) {
            long cur = m.get();
            if (cur >= uidNext) {
                return uidNext;
            }
            if (m.compareAndSet(cur, uidNext)) {
                if (writing.add(mailboxId)) {
                    Thread.ofVirtual().name("recent-mark").start(() -> persist(mailboxId, m));
                }
                return cur;
            }
        }
    }

    /** Writes the mark until it stops moving; claims meanwhile cost no extra write. */
    private void persist(long mailboxId, AtomicLong mark) {
        long written = 0;
        try {
            while (true) {
                long uid = mark.get();
                if (uid != written) {
                    store.markRecentSeen(mailboxId, uid);
                    written = uid;
                }
                writing.remove(mailboxId);
                if (mark.get() == written || !writing.add(mailboxId)) {
                    return; // nothing new, or another writer took over
                }
            }
        } catch (RuntimeException e) {
            writing.remove(mailboxId);
            // Only \Recent depends on it; the mailbox may have been deleted meanwhile.
            LoggerFactory.getLogger(RecentClaims.class).debug("recent mark not stored: {}", e.getMessage());
        }
    }

    void forget(long mailboxId) {
        next.remove(mailboxId);
    }
}
