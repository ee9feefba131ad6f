package org.tegami.imapserver;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.tegami.store.MailStore;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MailboxEvents;

/**
 * Change notifications for selected mailboxes, shared by all sessions of a mailbox: one store
 * listener per mailbox (however many sessions watch it) wakes the sessions, and the changes since
 * a mod-sequence are read once and shared by the sessions at that point — so a new message seen by
 * 10,000 idling sessions costs one query, not 10,000.
 *
 * <p>It also keeps each mailbox's latest {@link Snapshot}: shared while sessions have the mailbox
 * selected, kept in a bounded {@link SnapshotCache} after the last one leaves, and moved on by the
 * changes since its mod-sequence when selected again — the mailbox is read in full only the first
 * time, or when its snapshot was evicted.
 */
final class ChangeFeed {

    /** A session's wake-up call (sets its dirty flag, unparks its IDLE wait). */
    interface Waker {
        void wake(MailboxEvents.Change change);
    }

    private final MailStore store;
    private final ConcurrentHashMap<Long, Watch> watches = new ConcurrentHashMap<>();
    /** Snapshots of the mailboxes nobody watches now. */
    private final SnapshotCache idle;

    private record Cached(long since, long version, MailboxChanges changes) {}

    private final class Watch implements MailboxEvents.Listener {
        final long mailboxId;
        final CopyOnWriteArrayList<Waker> sessions = new CopyOnWriteArrayList<>();
        /** Bumped by every event: a cached read is reused only while no event came after it. */
        final AtomicLong version = new AtomicLong();
        final ReentrantLock lock = new ReentrantLock();
        volatile Cached cached;
        /** The latest snapshot, shared by the sessions that select the mailbox in that state. */
        volatile Snapshot snapshot;

        Watch(long mailboxId) {
            this.mailboxId = mailboxId;
        }

        @Override
        public void changed(long id, MailboxEvents.Change change) {
            version.incrementAndGet();
            for (Waker w : sessions) {
                w.wake(change);
            }
        }
    }

    ChangeFeed(MailStore store) {
        this(store, SnapshotCache.defaultMaxBytes());
    }

    /** @param idleSnapshotBytes bound on the snapshots kept for mailboxes no session has selected */
    ChangeFeed(MailStore store, long idleSnapshotBytes) {
        this.store = store;
        this.idle = new SnapshotCache(idleSnapshotBytes);
    }

    void attach(long mailboxId, Waker w) {
        while (true) {
            Watch watch = watches.computeIfAbsent(mailboxId, id -> {
                Watch nw = new Watch(id);
                store.events().subscribe(id, nw);
                return nw;
            });
            watch.sessions.add(w);
            if (watches.get(mailboxId) == watch) {
                return;
            }
            watch.sessions.remove(w); // raced with the last detach: try again
        }
    }

    void detach(long mailboxId, Waker w) {
        watches.computeIfPresent(mailboxId, (id, watch) -> {
            watch.sessions.remove(w);
            if (watch.sessions.isEmpty()) {
                store.events().unsubscribe(id, watch);
                Snapshot last = watch.snapshot;
                if (last != null) {
                    idle.put(last);
                }
                return null;
            }
            return watch;
        });
    }

    /**
     * A snapshot of the mailbox as it is now ({@code highestModSeq} or later): the one its sessions
     * share, or the one kept since the last session left, moved on by the changes since; loaded in
     * full only when there is none (or it belongs to an earlier mailbox of that id).
     */
    Snapshot snapshot(long mailboxId, long uidValidity, long highestModSeq, Supplier<Snapshot> load) {
        Watch w = watches.get(mailboxId);
        if (w == null) {
            return load.get();
        }
        w.lock.lock();
        try {
            Snapshot s = w.snapshot;
            if (s == null) {
                s = idle.take(mailboxId);
            }
            s = current(s, uidValidity, highestModSeq, load);
            w.snapshot = s;
            return s;
        } finally {
            w.lock.unlock();
        }
    }

    private Snapshot current(Snapshot s, long uidValidity, long highestModSeq, Supplier<Snapshot> load) {
        if (s == null || s.uidValidity != uidValidity) {
            return load.get();
        }
        if (s.highestModSeq >= highestModSeq) {
            return s; // the caller read the mailbox row before the latest change: still current
        }
        MailboxChanges ch = store.changesSince(s.mailboxId, s.highestModSeq);
        if (ch.highestModSeq() < s.highestModSeq) {
            return load.get(); // mod-sequences went back: not the mailbox this snapshot was of
        }
        return s.advance(ch);
    }

    /** Drops what is kept of a deleted mailbox. */
    void forget(long mailboxId) {
        idle.forget(mailboxId);
    }

    /** The snapshots kept for mailboxes nobody has selected (for tests). */
    SnapshotCache idle() {
        return idle;
    }

    /** The changes after {@code since}, read from the store or shared with another session. */
    MailboxChanges changesSince(long mailboxId, long since) {
        Watch w = watches.get(mailboxId);
        if (w == null) {
            return store.changesSince(mailboxId, since);
        }
        w.lock.lock();
        try {
            long v = w.version.get();
            Cached c = w.cached;
            if (c != null && c.since == since && c.version == v) {
                return c.changes;
            }
            MailboxChanges changes = store.changesSince(mailboxId, since);
            w.cached = new Cached(since, v, changes);
            return changes;
        } finally {
            w.lock.unlock();
        }
    }
}
