package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tegami.imap.SequenceSet;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MessageFlags;

/**
 * The view against a plain model: random rounds of new messages, flag changes and expunges from
 * "other sessions", announced at random points (expunges only when allowed). After each round the
 * client's picture — what the view announced — and the view itself must equal the model, whether
 * the view still stands on the shared snapshot or has compacted into a private one.
 */
class SelectedMailboxTest {

    /** What the client knows: UIDs by sequence number, and the flags it was told. */
    record Known(long uid, int flags) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void viewMatchesModel(int seed) {
        Random r = new Random(seed);
        int n = seed % 2 == 0 ? 2000 : 20;
        long[] uids = new long[n];
        long[] mods = new long[n];
        int[] flags = new int[n];
        String[] kws = new String[n];
        for (int i = 0; i < n; i++) {
            uids[i] = i * 2 + 1; // gaps, as after earlier expunges
            mods[i] = 1 + i;
            flags[i] = r.nextInt(32);
            kws[i] = i % 7 == 0 ? "$k" : "";
        }
        Snapshot snap = new Snapshot(1, 99, n, uids[n - 1] + 1, 1, uids, mods, flags, kws);
        SelectedMailbox view = new SelectedMailbox("INBOX", snap, false);
        // the store's truth and the client's knowledge
        List<MessageFlags> store = new ArrayList<>();
        List<Known> client = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            store.add(new MessageFlags(uids[i], mods[i], flags[i], kws[i]));
            client.add(new Known(uids[i], flags[i]));
        }
        long modSeq = n;
        long nextUid = uids[n - 1] + 2;
        for (int round = 0; round < 60; round++) {
            List<MessageFlags> changed = new ArrayList<>();
            List<Long> expunged = new ArrayList<>();
            modSeq++;
            for (int k = r.nextInt(40); k > 0 && !store.isEmpty(); k--) {
                int i = r.nextInt(store.size());
                MessageFlags m = store.get(i);
                if (r.nextInt(3) == 0) {
                    store.remove(i);
                    expunged.add(m.uid());
                } else {
                    MessageFlags nm = new MessageFlags(m.uid(), modSeq, r.nextInt(32), r.nextBoolean() ? "$x" : "");
                    store.set(i, nm);
                }
            }
            for (int k = r.nextInt(5); k > 0; k--) {
                store.add(new MessageFlags(nextUid, modSeq, 0, ""));
                nextUid += 1 + r.nextInt(3);
            }
            for (MessageFlags m : store) {
                if (m.modSeq() == modSeq) {
                    changed.add(m);
                }
            }
            changed.sort((a, b) -> Long.compare(a.uid(), b.uid()));
            expunged.sort(Long::compare);
            view.apply(new MailboxChanges(modSeq, nextUid, changed,
                    expunged.stream().mapToLong(Long::longValue).toArray()));
            boolean allow = r.nextInt(3) != 0;
            view.announce(allow, new SelectedMailbox.Announcer() {
                public void expunged(long[] seqs, long[] goneUids) {
                    for (long seq : seqs) {
                        client.remove((int) seq - 1);
                    }
                }

                public void keywords(List<String> keywords) {
                }

                public void exists(int exists, int recent) {
                    while (client.size() < exists) {
                        int i = client.size();
                        client.add(new Known(view.uid(i), view.flags(i) & ~SelectedMailbox.RECENT));
                    }
                    assertThat(client).hasSize(exists);
                }

                public void flagsChanged(int position) {
                    client.set(position, new Known(view.uid(position), view.flags(position) & ~SelectedMailbox.RECENT));
                }
            });
            // The client's numbering is the view's numbering.
            assertThat(view.size()).isEqualTo(client.size());
            for (int i = 0; i < client.size(); i++) {
                assertThat(view.uid(i)).isEqualTo(client.get(i).uid());
                assertThat(view.indexOfUid(client.get(i).uid())).isEqualTo(i);
            }
            if (allow) {
                // Everything announced: the view equals the store.
                assertThat(client).hasSize(store.size());
                for (int i = 0; i < store.size(); i++) {
                    MessageFlags m = store.get(i);
                    assertThat(view.uid(i)).isEqualTo(m.uid());
                    assertThat(view.flags(i) & ~SelectedMailbox.RECENT).isEqualTo(m.flags());
                    assertThat(view.keywords(i)).isEqualTo(m.keywords());
                    assertThat(client.get(i)).isEqualTo(new Known(m.uid(), m.flags()));
                }
                int[] all = view.resolve(SequenceSet.of("1:*"), true, new long[0]);
                assertThat(all).hasSize(store.size());
            }
        }
    }
}
