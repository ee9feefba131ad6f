package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MailboxView;
import org.tegami.store.MessageFlags;
import org.tegami.store.SystemFlags;

/**
 * An immutable picture of a mailbox at one mod-sequence, shared by every session that selects the
 * mailbox in that state: 10,000 sessions on one INBOX hold one copy of its message arrays, and
 * each session keeps only what changed since (see {@link SelectedMailbox}). Never modified: a
 * newer picture is made with {@link #advance} from the store's changes, without re-reading the
 * mailbox.
 */
final class Snapshot {

    final long mailboxId;
    final long uidValidity;
    /** Changes up to this mod-sequence are in the arrays. */
    final long highestModSeq;
    final long uidNext;
    final long firstRecentUid;
    final long[] uids;
    final long[] modSeqs;
    final int[] flags;
    final String[] keywords;
    /** Keywords in use (for FLAGS), computed once for all sessions. */
    final List<String> keywordList;
    /** Largest mod-sequence of any message (or the mailbox's, if higher). */
    final long maxModSeq;
    /** Position of the first message without \Seen, or -1. */
    final int firstUnseen;
    /** Approximate heap footprint, for the bound on snapshots kept while no session uses them. */
    final long bytes;

    Snapshot(long mailboxId, long uidValidity, long highestModSeq, long uidNext, long firstRecentUid, long[] uids,
            long[] modSeqs, int[] flags, String[] keywords) {
        this.mailboxId = mailboxId;
        this.uidValidity = uidValidity;
        this.highestModSeq = highestModSeq;
        this.uidNext = Math.max(uidNext, uids.length == 0 ? 1 : uids[uids.length - 1] + 1);
        this.firstRecentUid = firstRecentUid;
        this.uids = uids;
        this.modSeqs = modSeqs;
        this.flags = flags;
        this.keywords = keywords;
        // Keyword strings are few distinct values repeated over many messages: each distinct one is
        // split once and kept once (the arrays are ours, see MailboxView).
        Map<String, String> distinct = new HashMap<>();
        Map<String, String> kw = new LinkedHashMap<>();
        long max = highestModSeq;
        int unseen = -1;
        long kwBytes = 0;
        for (int i = 0; i < uids.length; i++) {
            max = Math.max(max, modSeqs[i]);
            if (unseen < 0 && (flags[i] & SystemFlags.SEEN) == 0) {
                unseen = i;
            }
            String k = keywords[i];
            if (k.isEmpty()) {
                keywords[i] = "";
                continue;
            }
            String same = distinct.putIfAbsent(k, k);
            if (same != null) {
                keywords[i] = same;
                continue;
            }
            kwBytes += 48 + k.length();
            for (String one : k.split(" ")) {
                kw.putIfAbsent(one.toLowerCase(Locale.ROOT), one);
            }
        }
        this.keywordList = List.copyOf(new ArrayList<>(kw.values()));
        this.maxModSeq = max;
        this.firstUnseen = unseen;
        // three arrays of 8, 8 and 4 bytes and one of references (4 with compressed oops) per message
        this.bytes = 128 + 24L * uids.length + kwBytes;
    }

    static Snapshot of(MailboxView v) {
        return new Snapshot(v.mailbox().id(), v.mailbox().uidValidity(), v.mailbox().highestModSeq(),
                v.mailbox().uidNext(), v.firstRecentUid(), v.uids(), v.modSeqs(), v.flags(), v.keywords());
    }

    int size() {
        return uids.length;
    }

    /**
     * This picture moved on by the store's changes after {@link #highestModSeq} ({@code
     * MailStore.changesSince}): expunged UIDs dropped, changed flags taken, new messages merged in
     * UID order. One pass over the arrays in memory instead of re-reading every message of the
     * mailbox; {@code this} when nothing changed.
     */
    Snapshot advance(MailboxChanges ch) {
        long high = Math.max(highestModSeq, ch.highestModSeq());
        if (ch.isEmpty() && high == highestModSeq && ch.uidNext() <= uidNext) {
            return this;
        }
        List<MessageFlags> changed = ch.changed();
        long[] expunged = ch.expunged();
        int n = uids.length;
        int k = changed.size();
        long[] u = new long[n + k];
        long[] m = new long[n + k];
        int[] f = new int[n + k];
        String[] kw = new String[n + k];
        int i = 0;
        int j = 0;
        int e = 0;
        int out = 0;
        while (i < n || j < k) {
            long ui = i < n ? uids[i] : Long.MAX_VALUE;
            long uj = j < k ? changed.get(j).uid() : Long.MAX_VALUE;
            long uid = Math.min(ui, uj);
            while (e < expunged.length && expunged[e] < uid) {
                e++;
            }
            boolean gone = e < expunged.length && expunged[e] == uid; // UIDs are never reused
            MessageFlags c = uj == uid ? changed.get(j++) : null;
            boolean mine = ui == uid;
            if (mine) {
                i++;
            }
            if (gone) {
                continue;
            }
            u[out] = uid;
            if (c != null && (!mine || c.modSeq() >= modSeqs[i - 1])) {
                m[out] = c.modSeq();
                f[out] = c.flags();
                kw[out] = c.keywords();
            } else {
                m[out] = modSeqs[i - 1];
                f[out] = flags[i - 1];
                kw[out] = keywords[i - 1];
            }
            out++;
        }
        return new Snapshot(mailboxId, uidValidity, high, Math.max(uidNext, ch.uidNext()), firstRecentUid,
                Arrays.copyOf(u, out), Arrays.copyOf(m, out), Arrays.copyOf(f, out), Arrays.copyOf(kw, out));
    }
}
