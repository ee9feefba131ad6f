package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.imap.SequenceSet;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MailboxView;
import org.tegami.store.MessageFlags;
import org.tegami.store.SystemFlags;

/**
 * A session's view of its selected mailbox (RFC 9051 §2.3.1.2): message sequence numbers are
 * positions in these arrays, in UID order. Loaded once at SELECT with one range scan, then kept
 * up to date from the store's change feed — never re-read per command (the mistake that costs
 * GreenMail seconds per FETCH on large mailboxes).
 *
 * <p>Messages expunged by others stay in place, marked gone, until the session may announce
 * EXPUNGE (RFC 9051 §7.5.1: not during FETCH, STORE or SEARCH), so the sequence numbers the client
 * knows keep their meaning. New messages are appended; flag changes are marked for an untagged
 * FETCH. Used by one session thread only.
 */
final class SelectedMailbox {

    /** Session-local flag bit: \Recent for this session (RFC 3501 §2.3.2), never stored. */
    static final int RECENT = 1 << 30;

    final long id;
    final String name;
    final long uidValidity;
    final boolean readOnly;
    /** The store's \Recent mark when selected (first UID not yet announced to anyone). */
    final long storedFirstRecent;

    private long[] uids;
    private int[] flags;
    private long[] modSeqs;
    private String[] keywords;
    /** Expunged elsewhere (or by a command of ours), not yet announced. */
    private boolean[] gone;
    /** Flags changed elsewhere, not yet announced with an untagged FETCH. */
    private boolean[] changed;
    private int count;
    private int goneCount;
    private int changedCount;
    /** The EXISTS and RECENT counts last told to the client. */
    private int announcedExists;
    private int announcedRecent;
    /** Store changes up to this mod-sequence are applied. */
    long watermark;
    long uidNext;
    /** Keywords known in this mailbox (lower case -> spelling), for FLAGS / PERMANENTFLAGS. */
    private final Map<String, String> keywordSet = new LinkedHashMap<>();
    private boolean keywordsChanged;

    SelectedMailbox(String name, MailboxView v, boolean readOnly) {
        this.id = v.mailbox().id();
        this.name = name;
        this.uidValidity = v.mailbox().uidValidity();
        this.readOnly = readOnly;
        this.storedFirstRecent = v.firstRecentUid();
        this.count = v.size();
        int cap = Math.max(16, count + count / 8);
        this.uids = Arrays.copyOf(v.uids(), cap);
        this.flags = Arrays.copyOf(v.flags(), cap);
        this.modSeqs = Arrays.copyOf(v.modSeqs(), cap);
        this.keywords = Arrays.copyOf(v.keywords(), cap);
        this.gone = new boolean[cap];
        this.changed = new boolean[cap];
        this.watermark = v.mailbox().highestModSeq();
        this.uidNext = Math.max(v.mailbox().uidNext(), count == 0 ? 1 : uids[count - 1] + 1);
        for (int i = 0; i < count; i++) {
            addKeywords(keywords[i]);
        }
        keywordsChanged = false;
        announcedExists = count;
    }

    // ---- reading -------------------------------------------------------------------------------

    int size() {
        return count;
    }

    long uid(int i) {
        return uids[i];
    }

    /** System flag bits, with {@link #RECENT} when recent in this session. */
    int flags(int i) {
        return flags[i];
    }

    long modSeq(int i) {
        return modSeqs[i];
    }

    String keywords(int i) {
        return keywords[i];
    }

    boolean gone(int i) {
        return gone[i];
    }

    long maxUid() {
        return count == 0 ? 0 : uids[count - 1];
    }

    long highestModSeq() {
        long h = watermark;
        for (int i = 0; i < count; i++) {
            h = Math.max(h, modSeqs[i]);
        }
        return h;
    }

    int recentCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if ((flags[i] & RECENT) != 0) {
                n++;
            }
        }
        return n;
    }

    /** Position of a UID, or -(insertion point) - 1. */
    int indexOfUid(long uid) {
        return Arrays.binarySearch(uids, 0, count, uid);
    }

    /** Flag names for a FETCH response; \Recent only for IMAP4rev1 (RFC 9051 removed it). */
    List<String> flagNames(int i, boolean withRecent) {
        List<String> out = SystemFlags.names(flags[i]);
        if (withRecent && (flags[i] & RECENT) != 0) {
            out.add("\\Recent");
        }
        if (!keywords[i].isEmpty()) {
            out.addAll(Arrays.asList(keywords[i].split(" ")));
        }
        return out;
    }

    /** Keywords for the FLAGS response (RFC 9051 §7.3.5). */
    List<String> knownKeywords() {
        return new ArrayList<>(keywordSet.values());
    }

    // ---- sequence sets -------------------------------------------------------------------------

    /**
     * Positions (ascending) of the messages a set names. Message numbers beyond the mailbox are a
     * client error (BAD, as Dovecot answers); UIDs that do not exist are simply not there.
     *
     * @param saved the UIDs of the last SEARCH RETURN (SAVE), for "$"
     */
    int[] resolve(SequenceSet set, boolean uid, long[] saved) {
        if (set.saved()) {
            return fromUids(saved);
        }
        if (!uid) {
            if (count == 0) {
                if (set.hasStar()) {
                    return new int[0];
                }
                throw ImapFailure.bad("Invalid message sequence number: the mailbox is empty");
            }
            int n = 0;
            List<SequenceSet.Range> ranges = set.resolve(count);
            for (SequenceSet.Range r : ranges) {
                if (r.end() > count) {
                    throw ImapFailure.bad("Invalid message sequence number " + r.end() + " (mailbox has "
                            + count + " messages)");
                }
                n += (int) (r.end() - r.start() + 1);
            }
            int[] out = new int[n];
            int k = 0;
            for (SequenceSet.Range r : ranges) {
                for (long s = r.start(); s <= r.end(); s++) {
                    out[k++] = (int) s - 1;
                }
            }
            return out;
        }
        int[] tmp = new int[16];
        int k = 0;
        for (SequenceSet.Range r : set.resolve(maxUid())) {
            int from = indexOfUid(r.start());
            if (from < 0) {
                from = -from - 1;
            }
            for (int i = from; i < count && uids[i] <= r.end(); i++) {
                if (k == tmp.length) {
                    tmp = Arrays.copyOf(tmp, k * 2);
                }
                tmp[k++] = i;
            }
        }
        return Arrays.copyOf(tmp, k);
    }

    /** Positions of the given UIDs (ascending input), those still in the view. */
    int[] fromUids(long[] list) {
        int[] out = new int[list.length];
        int k = 0;
        for (long u : list) {
            int i = indexOfUid(u);
            if (i >= 0) {
                out[k++] = i;
            }
        }
        return Arrays.copyOf(out, k);
    }

    long[] uidsAt(int[] positions) {
        long[] out = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = uids[positions[i]];
        }
        return out;
    }

    // ---- changes -------------------------------------------------------------------------------

    /**
     * Applies store changes: expunged messages are marked gone, changed flags marked for
     * announcement, new messages appended.
     *
     * @return the position of the first appended message, or -1 if none was
     */
    int apply(MailboxChanges ch) {
        for (long uid : ch.expunged()) {
            int i = indexOfUid(uid);
            if (i >= 0 && !gone[i]) {
                gone[i] = true;
                goneCount++;
            }
        }
        int firstNew = -1;
        for (MessageFlags m : ch.changed()) {
            int i = indexOfUid(m.uid());
            if (i >= 0) {
                if (!gone[i] && m.modSeq() > modSeqs[i]) {
                    boolean differs = (flags[i] & ~RECENT) != m.flags() || !keywords[i].equals(m.keywords());
                    set(i, m);
                    if (differs && !changed[i]) {
                        changed[i] = true;
                        changedCount++;
                    }
                }
            } else if (m.uid() > maxUid()) {
                append(m);
                if (firstNew < 0) {
                    firstNew = count - 1;
                }
            }
        }
        watermark = Math.max(watermark, ch.highestModSeq());
        uidNext = Math.max(uidNext, Math.max(ch.uidNext(), maxUid() + 1));
        return firstNew;
    }

    /** Our own STORE's result: the client learns it from the command's own FETCH responses. */
    void applyOwn(List<MessageFlags> rows) {
        for (MessageFlags m : rows) {
            int i = indexOfUid(m.uid());
            if (i >= 0 && m.modSeq() >= modSeqs[i]) {
                set(i, m);
            }
        }
    }

    /** Marks messages removed by this session's EXPUNGE or MOVE. */
    void markGone(long[] removed) {
        for (long uid : removed) {
            int i = indexOfUid(uid);
            if (i >= 0 && !gone[i]) {
                gone[i] = true;
                goneCount++;
            }
        }
    }

    /** Marks positions from {@code from} on as recent in this session. */
    void markRecentFromUid(long firstUid) {
        int from = indexOfUid(firstUid);
        if (from < 0) {
            from = -from - 1;
        }
        for (int i = from; i < count; i++) {
            flags[i] |= RECENT;
        }
    }

    private void set(int i, MessageFlags m) {
        flags[i] = (flags[i] & RECENT) | m.flags();
        modSeqs[i] = m.modSeq();
        if (!keywords[i].equals(m.keywords())) {
            keywords[i] = m.keywords().isEmpty() ? "" : m.keywords();
            addKeywords(keywords[i]);
        }
    }

    private void append(MessageFlags m) {
        if (count == uids.length) {
            int cap = count * 2 + 16;
            uids = Arrays.copyOf(uids, cap);
            flags = Arrays.copyOf(flags, cap);
            modSeqs = Arrays.copyOf(modSeqs, cap);
            keywords = Arrays.copyOf(keywords, cap);
            gone = Arrays.copyOf(gone, cap);
            changed = Arrays.copyOf(changed, cap);
        }
        uids[count] = m.uid();
        flags[count] = m.flags();
        modSeqs[count] = m.modSeq();
        keywords[count] = m.keywords().isEmpty() ? "" : m.keywords();
        gone[count] = false;
        changed[count] = false;
        addKeywords(keywords[count]);
        count++;
    }

    private void addKeywords(String kw) {
        if (kw.isEmpty()) {
            return;
        }
        for (String k : kw.split(" ")) {
            if (keywordSet.putIfAbsent(k.toLowerCase(Locale.ROOT), k) == null) {
                keywordsChanged = true;
            }
        }
    }

    // ---- announcing ----------------------------------------------------------------------------

    /** What must be told to the client, in the order RFC 9051 §7 lets it be sent. */
    interface Announcer {
        /** Expunged messages: sequence numbers (descending order not required) or UIDs for VANISHED. */
        void expunged(long[] seqsInOrder, long[] uids);

        void keywords(List<String> keywords);

        void exists(int exists, int recent);

        void flagsChanged(int position);
    }

    boolean hasPending(boolean allowExpunge) {
        return allowExpunge && goneCount > 0 || keywordsChanged || count != announcedExists || changedCount > 0;
    }

    /**
     * Reports pending changes: EXPUNGEs first (when allowed) and the arrays compacted, then new
     * keywords, EXISTS (and RECENT), then FETCH FLAGS for changed messages.
     */
    void announce(boolean allowExpunge, Announcer a) {
        if (allowExpunge && goneCount > 0) {
            long[] seqs = new long[goneCount];
            long[] goneUids = new long[goneCount];
            int k = 0;
            int w = 0;
            for (int i = 0; i < count; i++) {
                if (gone[i]) {
                    seqs[k] = i + 1 - k; // each EXPUNGE renumbers the messages after it
                    goneUids[k] = uids[i];
                    k++;
                    if (changed[i]) {
                        changedCount--;
                    }
                    continue;
                }
                uids[w] = uids[i];
                flags[w] = flags[i];
                modSeqs[w] = modSeqs[i];
                keywords[w] = keywords[i];
                changed[w] = changed[i];
                gone[w] = false;
                w++;
            }
            for (int i = w; i < count; i++) {
                keywords[i] = null;
                changed[i] = false;
                gone[i] = false;
            }
            announcedExists -= goneCount;
            count = w;
            goneCount = 0;
            a.expunged(seqs, goneUids);
        }
        if (keywordsChanged) {
            keywordsChanged = false;
            a.keywords(knownKeywords());
        }
        if (count != announcedExists) {
            announcedExists = count;
            int recent = recentCount();
            announcedRecent = recent;
            a.exists(count, recent);
        }
        if (changedCount > 0) {
            for (int i = 0; i < count; i++) {
                if (changed[i]) {
                    changed[i] = false;
                    if (!gone[i]) {
                        a.flagsChanged(i);
                    }
                }
            }
            changedCount = 0;
        }
    }

    int announcedRecent() {
        return announcedRecent;
    }

    /** First position without \Seen (IMAP4rev1 SELECT's UNSEEN code), or -1. */
    int firstUnseen() {
        for (int i = 0; i < count; i++) {
            if ((flags[i] & SystemFlags.SEEN) == 0) {
                return i;
            }
        }
        return -1;
    }
}
