package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bound on snapshots of unselected mailboxes: least recently used out first, never over. */
class SnapshotCacheTest {

    private static Snapshot snapshot(long mailboxId, long highestModSeq, int messages) {
        long[] uids = new long[messages];
        long[] mods = new long[messages];
        String[] kws = new String[messages];
        for (int i = 0; i < messages; i++) {
            uids[i] = i + 1;
            mods[i] = 1;
            kws[i] = "";
        }
        return new Snapshot(mailboxId, 99, highestModSeq, messages + 1, 1, uids, mods, new int[messages], kws);
    }

    @Test
    void evictsLeastRecentlyUsedBeyondTheBound() {
        Snapshot a = snapshot(1, 5, 100);
        Snapshot b = snapshot(2, 5, 100);
        Snapshot c = snapshot(3, 5, 100);
        SnapshotCache cache = new SnapshotCache(2 * a.bytes + 10);
        cache.put(a);
        cache.put(b);
        assertThat(cache.bytes()).isEqualTo(2 * a.bytes);
        cache.put(a); // used again: b is now the eldest
        cache.put(c);
        assertThat(cache.contains(1)).isTrue();
        assertThat(cache.contains(2)).isFalse();
        assertThat(cache.contains(3)).isTrue();
        assertThat(cache.bytes()).isEqualTo(2 * a.bytes);
        assertThat(cache.take(3)).isSameAs(c);
        assertThat(cache.take(3)).isNull();
        assertThat(cache.bytes()).isEqualTo(a.bytes);
    }

    @Test
    void aSnapshotLargerThanTheBoundIsNotKeptAndEvictsNothing() {
        Snapshot small = snapshot(1, 5, 10);
        SnapshotCache cache = new SnapshotCache(small.bytes * 3);
        cache.put(small);
        cache.put(snapshot(2, 5, 1000));
        assertThat(cache.contains(2)).isFalse();
        assertThat(cache.take(1)).isSameAs(small);
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void aNewerSnapshotOfTheMailboxIsNotReplacedByAnOlderOne() {
        SnapshotCache cache = new SnapshotCache(1 << 20);
        Snapshot newer = snapshot(1, 9, 10);
        cache.put(newer);
        cache.put(snapshot(1, 5, 10));
        assertThat(cache.take(1)).isSameAs(newer);
        Snapshot older = snapshot(1, 5, 10);
        cache.put(older);
        Snapshot newest = snapshot(1, 12, 11);
        cache.put(newest);
        assertThat(cache.bytes()).isEqualTo(newest.bytes);
        cache.forget(1);
        assertThat(cache.contains(1)).isFalse();
        assertThat(cache.bytes()).isZero();
    }
}
