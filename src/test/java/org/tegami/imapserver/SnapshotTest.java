package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MessageFlags;
import org.tegami.store.SystemFlags;

/**
 * {@link Snapshot#advance} against a plain model of the store: after random rounds of new
 * messages, flag and keyword changes and expunges, the advanced snapshot must equal one loaded
 * afresh from the model — arrays, first unseen, keywords, mod-sequences, UIDNEXT.
 */
class SnapshotTest {

    private static Snapshot load(List<MessageFlags> store, long highestModSeq, long uidNext) {
        int n = store.size();
        long[] uids = new long[n];
        long[] mods = new long[n];
        int[] flags = new int[n];
        String[] kws = new String[n];
        for (int i = 0; i < n; i++) {
            MessageFlags m = store.get(i);
            uids[i] = m.uid();
            mods[i] = m.modSeq();
            flags[i] = m.flags();
            kws[i] = m.keywords();
        }
        return new Snapshot(7, 99, highestModSeq, uidNext, 1, uids, mods, flags, kws);
    }

    /** What {@code MailStore.changesSince(since)} answers for the model. */
    private static MailboxChanges changesSince(List<MessageFlags> store, List<long[]> expunged, long since,
            long high, long uidNext) {
        List<MessageFlags> changed = store.stream().filter(m -> m.modSeq() > since).toList();
        long[] ex = expunged.stream().filter(e -> e[1] > since).mapToLong(e -> e[0]).sorted().toArray();
        return new MailboxChanges(high, uidNext, changed, ex);
    }

    private static void assertSame(Snapshot actual, Snapshot expected) {
        assertThat(actual.uids).containsExactly(expected.uids);
        assertThat(actual.modSeqs).containsExactly(expected.modSeqs);
        assertThat(actual.flags).containsExactly(expected.flags);
        assertThat(actual.keywords).containsExactly(expected.keywords);
        assertThat(actual.firstUnseen).isEqualTo(expected.firstUnseen);
        assertThat(actual.keywordList).containsExactlyInAnyOrderElementsOf(expected.keywordList);
        assertThat(actual.highestModSeq).isEqualTo(expected.highestModSeq);
        assertThat(actual.maxModSeq).isEqualTo(expected.maxModSeq);
        assertThat(actual.uidNext).isEqualTo(expected.uidNext);
        assertThat(actual.bytes).isEqualTo(expected.bytes);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void advanceEqualsAFreshLoad(int seed) {
        Random r = new Random(seed);
        List<MessageFlags> store = new ArrayList<>();
        List<long[]> expunged = new ArrayList<>(); // {uid, modseq}
        long modSeq = 1;
        long nextUid = 1;
        for (int i = 0; i < (seed % 2 == 0 ? 3000 : 30); i++) {
            store.add(new MessageFlags(nextUid, ++modSeq, SystemFlags.SEEN, i % 5 == 0 ? "$a" : ""));
            nextUid += 1 + r.nextInt(2);
        }
        Snapshot snap = load(store, modSeq, nextUid);
        for (int round = 0; round < 80; round++) {
            long since = snap.highestModSeq;
            int changes = r.nextInt(4) == 0 ? 0 : r.nextInt(60);
            for (int k = 0; k < changes; k++) {
                int what = r.nextInt(10);
                if (what < 3 || store.isEmpty()) {
                    store.add(new MessageFlags(nextUid, ++modSeq, r.nextInt(32), r.nextBoolean() ? "$b" : ""));
                    nextUid += 1 + r.nextInt(3);
                } else if (what < 5) {
                    MessageFlags gone = store.remove(r.nextInt(store.size()));
                    expunged.add(new long[] {gone.uid(), ++modSeq});
                } else {
                    int i = r.nextInt(store.size());
                    MessageFlags m = store.get(i);
                    String kw = switch (r.nextInt(4)) {
                        case 0 -> "";
                        case 1 -> "$a";
                        case 2 -> "$a $Work";
                        default -> "$Other";
                    };
                    store.set(i, new MessageFlags(m.uid(), ++modSeq, r.nextInt(32), kw));
                }
            }
            if (r.nextInt(5) == 0) {
                nextUid += 5; // a delivery whose transaction rolled back: UIDNEXT moved on, no message
            }
            Snapshot next = snap.advance(changesSince(store, expunged, since, modSeq, nextUid));
            assertSame(next, load(store, modSeq, nextUid));
            if (changes == 0 && since == modSeq && nextUid <= snap.uidNext) {
                assertThat(next).isSameAs(snap);
            }
            snap = next;
        }
    }

    @Test
    void aChangeAlreadyInTheArraysIsTakenOnceAndAnOlderReportDoesNotWin() {
        // The view read the mailbox row at mod-sequence 10, then the messages, one of which had
        // changed at 11 meanwhile: changes since 10 report it again.
        Snapshot snap = new Snapshot(7, 99, 10, 4, 1, new long[] {1, 2, 3}, new long[] {5, 11, 6},
                new int[] {SystemFlags.SEEN, SystemFlags.SEEN | SystemFlags.FLAGGED, 0}, new String[] {"", "", ""});
        Snapshot next = snap.advance(new MailboxChanges(12, 5,
                List.of(new MessageFlags(2, 11, SystemFlags.SEEN | SystemFlags.FLAGGED, ""),
                        new MessageFlags(3, 12, SystemFlags.SEEN, "$x"), new MessageFlags(4, 12, 0, "")),
                new long[] {1}));
        assertThat(next.uids).containsExactly(2, 3, 4);
        assertThat(next.modSeqs).containsExactly(11, 12, 12);
        assertThat(next.flags).containsExactly(SystemFlags.SEEN | SystemFlags.FLAGGED, SystemFlags.SEEN, 0);
        assertThat(next.keywordList).containsExactly("$x");
        assertThat(next.firstUnseen).isEqualTo(2);
        assertThat(next.uidNext).isEqualTo(5);
        assertThat(next.highestModSeq).isEqualTo(12);
        // The picture it came from is untouched (sessions still stand on it).
        assertThat(snap.uids).containsExactly(1, 2, 3);
        assertThat(snap.firstUnseen).isEqualTo(2);
    }

    @Test
    void equalKeywordStringsAreKeptOnce() {
        String[] kws = {new String("$a $b"), new String("$a $b"), "", new String("$c")};
        Snapshot snap = new Snapshot(7, 99, 4, 5, 1, new long[] {1, 2, 3, 4}, new long[] {1, 2, 3, 4},
                new int[4], kws);
        assertThat(snap.keywords[0]).isSameAs(snap.keywords[1]);
        assertThat(snap.keywordList).containsExactly("$a", "$b", "$c");
    }
}
