package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.store.MailboxView;
import org.tegami.store.SystemFlags;

/**
 * An immutable picture of a mailbox at one mod-sequence, shared by every session that selects the
 * mailbox in that state: 10,000 sessions on one INBOX hold one copy of its message arrays, and
 * each session keeps only what changed since (see {@link SelectedMailbox}). Never modified.
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
        Map<String, String> kw = new LinkedHashMap<>();
        long max = highestModSeq;
        int unseen = -1;
        for (int i = 0; i < uids.length; i++) {
            max = Math.max(max, modSeqs[i]);
            if (unseen < 0 && (flags[i] & SystemFlags.SEEN) == 0) {
                unseen = i;
            }
            if (!keywords[i].isEmpty()) {
                for (String k : keywords[i].split(" ")) {
                    kw.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
                }
            }
        }
        this.keywordList = List.copyOf(new ArrayList<>(kw.values()));
        this.maxModSeq = max;
        this.firstUnseen = unseen;
    }

    static Snapshot of(MailboxView v) {
        return new Snapshot(v.mailbox().id(), v.mailbox().uidValidity(), v.mailbox().highestModSeq(),
                v.mailbox().uidNext(), v.firstRecentUid(), v.uids(), v.modSeqs(), v.flags(), v.keywords());
    }

    int size() {
        return uids.length;
    }
}
