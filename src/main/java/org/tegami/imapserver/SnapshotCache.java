package org.tegami.imapserver;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Snapshots of mailboxes that no session has selected any more, least recently used first, within
 * a bound on their total size. The next SELECT takes one back and moves it on by the store's
 * changes since its mod-sequence ({@link Snapshot#advance}) instead of reading every message
 * again: a client that connects, selects INBOX and logs out, again and again, reads its 100,000
 * messages once. A snapshot in use by sessions is not here (the sessions hold it).
 */
final class SnapshotCache {

    /** 64 MiB, or 1/16 of the heap when that is smaller: ~2.7 million messages at 24 bytes each. */
    static long defaultMaxBytes() {
        return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
    }

    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** By mailbox id, in access order (the eldest is evicted first). */
    private final LinkedHashMap<Long, Snapshot> byMailbox = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    SnapshotCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Removes and returns the mailbox's snapshot (the caller's sessions hold it now), or null. */
    Snapshot take(long mailboxId) {
        lock.lock();
        try {
            Snapshot s = byMailbox.remove(mailboxId);
            if (s != null) {
                bytes -= s.bytes;
            }
            return s;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps a snapshot the last session let go of, unless a newer one of the same mailbox is
     * already kept; evicts the least recently used ones beyond the bound. A snapshot larger than
     * the whole bound is not kept.
     */
    void put(Snapshot s) {
        if (s.bytes > maxBytes) {
            return;
        }
        lock.lock();
        try {
            Snapshot old = byMailbox.get(s.mailboxId);
            if (old != null) {
                if (old.uidValidity == s.uidValidity && old.highestModSeq > s.highestModSeq) {
                    return;
                }
                bytes -= old.bytes;
            }
            byMailbox.put(s.mailboxId, s);
            bytes += s.bytes;
            Iterator<Map.Entry<Long, Snapshot>> it = byMailbox.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                bytes -= it.next().getValue().bytes;
                it.remove();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops a mailbox's snapshot (the mailbox was deleted). */
    void forget(long mailboxId) {
        take(mailboxId);
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    boolean contains(long mailboxId) {
        lock.lock();
        try {
            return byMailbox.containsKey(mailboxId);
        } finally {
            lock.unlock();
        }
    }
}
