package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.imap.SequenceSet;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MessageFlags;
import org.tegami.store.SystemFlags;

/**
 * A session's view of its selected mailbox (RFC 9051 §2.3.1.2): message sequence numbers are
 * positions in UID order. The messages of the mailbox at SELECT come from a {@link Snapshot}
 * shared by every session that selected it in the same state; this view keeps only its own
 * changes on top — new messages, changed flags, expunged positions, \Recent — from the store's
 * change feed. Nothing is re-read per command (GreenMail's mistake), and 10,000 sessions on one
 * mailbox hold one copy of its arrays.
 *
 * <p>Messages expunged by others stay in place, marked gone, until the session may announce
 * EXPUNGE (RFC 9051 §7.5.1: not during FETCH, STORE or SEARCH), so the sequence numbers the client
 * knows keep their meaning. Used by one session thread only.
 *
 * <p>Internally a message has a virtual index: its position in the snapshot, or the snapshot's
 * size plus its place among the messages appended since. Announced expunges remove virtual
 * indexes; positions map to virtual indexes skipping the removed ones.
 */
final class SelectedMailbox {

    /** Session-local flag bit: \Recent for this session (RFC 3501 §2.3.2), never stored. */
    static final int RECENT = 1 << 30;

    private static final long[] NO_LONGS = new long[0];

    final long id;
    final String name;
    final long uidValidity;
    final boolean readOnly;
    /** The store's \Recent mark when selected (first UID not yet announced to anyone). */
    final long storedFirstRecent;

    /** The shared picture this view starts from (or a private one after many changes). */
    private Snapshot base;
    private int baseSize;
    /** Messages appended since the snapshot, in UID order. */
    private long[] appUids = NO_LONGS;
    private long[] appModSeqs = NO_LONGS;
    private int[] appFlags = new int[0];
    private String[] appKeywords = new String[0];
    private int appCount;
    /** New state of snapshot messages whose flags changed (by virtual index). */
    private final Map<Integer, MessageFlags> overrides = new HashMap<>();
    /** Virtual indexes whose expunge has been announced (no longer in the view). */
    private final BitSet removed = new BitSet();
    private int removedCount;
    /** Position -> virtual index, built when there are removed ones; null = to rebuild. */
    private int[] map;
    /** Per virtual index: \Recent here, expunged but not yet announced, flags not yet announced. */
    private final BitSet recent = new BitSet();
    private final BitSet gone = new BitSet();
    private final BitSet changed = new BitSet();
    private int goneCount;
    private int changedCount;
    /** The EXISTS and RECENT counts last told to the client. */
    private int announcedExists;
    private int announcedRecent;
    private long maxModSeq;
    /** Store changes up to this mod-sequence are applied. */
    long watermark;
    long uidNext;
    /** Keywords known in this mailbox (lower case -> spelling), for FLAGS / PERMANENTFLAGS. */
    private final Map<String, String> keywordSet = new LinkedHashMap<>();
    private boolean keywordsChanged;

    SelectedMailbox(String name, Snapshot snapshot, boolean readOnly) {
        this.id = snapshot.mailboxId;
        this.name = name;
        this.uidValidity = snapshot.uidValidity;
        this.readOnly = readOnly;
        this.storedFirstRecent = snapshot.firstRecentUid;
        this.base = snapshot;
        this.baseSize = snapshot.size();
        this.watermark = snapshot.highestModSeq;
        this.uidNext = snapshot.uidNext;
        this.maxModSeq = snapshot.maxModSeq;
        for (String k : snapshot.keywordList) {
            keywordSet.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
        }
        announcedExists = baseSize;
    }

    // ---- virtual indexes -----------------------------------------------------------------------

    private int total() {
        return baseSize + appCount;
    }

    private int vi(int position) {
        return removedCount == 0 ? position : map()[position];
    }

    private int[] map() {
        if (map == null) {
            int[] m = new int[size()];
            int k = 0;
            for (int v = removed.nextClearBit(0); v < total(); v = removed.nextClearBit(v + 1)) {
                m[k++] = v;
            }
            map = m;
        }
        return map;
    }

    /** Position of a live virtual index. */
    private int pos(int v) {
        return removedCount == 0 ? v : Arrays.binarySearch(map(), v);
    }

    private long uidV(int v) {
        return v < baseSize ? base.uids[v] : appUids[v - baseSize];
    }

    private MessageFlags override(int v) {
        return overrides.isEmpty() ? null : overrides.get(v);
    }

    private int storedFlagsV(int v) {
        if (v >= baseSize) {
            return appFlags[v - baseSize];
        }
        MessageFlags o = override(v);
        return o != null ? o.flags() : base.flags[v];
    }

    private long modSeqV(int v) {
        if (v >= baseSize) {
            return appModSeqs[v - baseSize];
        }
        MessageFlags o = override(v);
        return o != null ? o.modSeq() : base.modSeqs[v];
    }

    private String keywordsV(int v) {
        if (v >= baseSize) {
            return appKeywords[v - baseSize];
        }
        MessageFlags o = override(v);
        return o != null ? o.keywords() : base.keywords[v];
    }

    // ---- reading -------------------------------------------------------------------------------

    int size() {
        return total() - removedCount;
    }

    long uid(int i) {
        return uidV(vi(i));
    }

    /** System flag bits, with {@link #RECENT} when recent in this session. */
    int flags(int i) {
        int v = vi(i);
        return storedFlagsV(v) | (recent.get(v) ? RECENT : 0);
    }

    long modSeq(int i) {
        return modSeqV(vi(i));
    }

    String keywords(int i) {
        return keywordsV(vi(i));
    }

    boolean gone(int i) {
        return goneCount > 0 && gone.get(vi(i));
    }

    long maxUid() {
        return size() == 0 ? 0 : uid(size() - 1);
    }

    long highestModSeq() {
        return Math.max(watermark, maxModSeq);
    }

    int recentCount() {
        return recent.cardinality();
    }

    /** Virtual index of the first message with a UID >= uid (total() if none). */
    private int firstVirtualAtOrAfter(long uid) {
        int b = Arrays.binarySearch(base.uids, uid);
        if (b < 0) {
            b = -b - 1;
        }
        if (b < baseSize) {
            return b;
        }
        int a = Arrays.binarySearch(appUids, 0, appCount, uid);
        return baseSize + (a < 0 ? -a - 1 : a);
    }

    /** Position of the first message with a UID >= uid (size() if none). */
    int firstPositionAtOrAfter(long uid) {
        int v = firstVirtualAtOrAfter(uid);
        while (v < total() && removed.get(v)) {
            v++;
        }
        return v >= total() ? size() : pos(v);
    }

    /** Position of a UID, or -(insertion point) - 1. */
    int indexOfUid(long uid) {
        int v = firstVirtualAtOrAfter(uid);
        if (v < total() && uidV(v) == uid && !removed.get(v)) {
            return pos(v);
        }
        return -firstPositionAtOrAfter(uid) - 1;
    }

    /** Flag names for a FETCH response; \Recent only for IMAP4rev1 (RFC 9051 removed it). */
    List<String> flagNames(int i, boolean withRecent) {
        int v = vi(i);
        List<String> out = SystemFlags.names(storedFlagsV(v));
        if (withRecent && recent.get(v)) {
            out.add("\\Recent");
        }
        String kw = keywordsV(v);
        if (!kw.isEmpty()) {
            out.addAll(Arrays.asList(kw.split(" ")));
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
        int count = size();
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
            for (int i = firstPositionAtOrAfter(r.start()); i < count && uid(i) <= r.end(); i++) {
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
            out[i] = uid(positions[i]);
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
            markGone(uid);
        }
        int firstNew = -1;
        for (MessageFlags m : ch.changed()) {
            int p = indexOfUid(m.uid());
            if (p >= 0) {
                int v = vi(p);
                if (!gone.get(v) && m.modSeq() > modSeqV(v)) {
                    boolean differs = storedFlagsV(v) != m.flags() || !keywordsV(v).equals(m.keywords());
                    set(v, m);
                    if (differs && !changed.get(v)) {
                        changed.set(v);
                        changedCount++;
                    }
                }
            } else if (m.uid() > maxUid() && (appCount == 0 || m.uid() > appUids[appCount - 1])) {
                append(m);
                if (firstNew < 0) {
                    firstNew = size() - 1;
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
            int p = indexOfUid(m.uid());
            if (p >= 0) {
                int v = vi(p);
                if (m.modSeq() >= modSeqV(v)) {
                    set(v, m);
                }
            }
        }
    }

    /** Marks messages removed by this session's EXPUNGE or MOVE. */
    void markGone(long[] uids) {
        for (long uid : uids) {
            markGone(uid);
        }
    }

    private void markGone(long uid) {
        int p = indexOfUid(uid);
        if (p >= 0) {
            int v = vi(p);
            if (!gone.get(v)) {
                gone.set(v);
                goneCount++;
            }
        }
    }

    /** Marks the messages from this UID on as recent in this session. */
    void markRecentFromUid(long firstUid) {
        int v = firstVirtualAtOrAfter(firstUid);
        for (; v < total(); v++) {
            if (!removed.get(v)) {
                recent.set(v);
            }
        }
    }

    private void set(int v, MessageFlags m) {
        if (v < baseSize) {
            overrides.put(v, m);
        } else {
            appFlags[v - baseSize] = m.flags();
            appModSeqs[v - baseSize] = m.modSeq();
            appKeywords[v - baseSize] = m.keywords().isEmpty() ? "" : m.keywords();
        }
        maxModSeq = Math.max(maxModSeq, m.modSeq());
        addKeywords(m.keywords());
    }

    private void append(MessageFlags m) {
        if (appCount == appUids.length) {
            int cap = appCount * 2 + 8;
            appUids = Arrays.copyOf(appUids, cap);
            appModSeqs = Arrays.copyOf(appModSeqs, cap);
            appFlags = Arrays.copyOf(appFlags, cap);
            appKeywords = Arrays.copyOf(appKeywords, cap);
        }
        appUids[appCount] = m.uid();
        appModSeqs[appCount] = m.modSeq();
        appFlags[appCount] = m.flags();
        appKeywords[appCount] = m.keywords().isEmpty() ? "" : m.keywords();
        appCount++;
        map = null;
        maxModSeq = Math.max(maxModSeq, m.modSeq());
        addKeywords(m.keywords());
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
        /** Expunged messages: their sequence numbers as announced one after another, and UIDs. */
        void expunged(long[] seqsInOrder, long[] uids);

        void keywords(List<String> keywords);

        void exists(int exists, int recent);

        void flagsChanged(int position);
    }

    boolean hasPending(boolean allowExpunge) {
        return allowExpunge && goneCount > 0 || keywordsChanged || size() != announcedExists || changedCount > 0;
    }

    /**
     * Reports pending changes: EXPUNGEs first (when allowed) and the view compacted, then new
     * keywords, EXISTS (and RECENT), then FETCH FLAGS for changed messages.
     */
    void announce(boolean allowExpunge, Announcer a) {
        if (allowExpunge && goneCount > 0) {
            expungeGone(a);
        }
        if (keywordsChanged) {
            keywordsChanged = false;
            a.keywords(knownKeywords());
        }
        if (size() != announcedExists) {
            announcedExists = size();
            announcedRecent = recentCount();
            a.exists(announcedExists, announcedRecent);
        }
        if (changedCount > 0) {
            for (int v = changed.nextSetBit(0); v >= 0; v = changed.nextSetBit(v + 1)) {
                if (!removed.get(v) && !gone.get(v)) {
                    a.flagsChanged(pos(v));
                }
            }
            changed.clear();
            changedCount = 0;
        }
    }

    private void expungeGone(Announcer a) {
        long[] seqs = new long[goneCount];
        long[] goneUids = new long[goneCount];
        int k = 0;
        for (int v = gone.nextSetBit(0); v >= 0; v = gone.nextSetBit(v + 1)) {
            seqs[k] = pos(v) + 1 - k; // each EXPUNGE renumbers the messages after it
            goneUids[k] = uidV(v);
            k++;
        }
        for (int v = gone.nextSetBit(0); v >= 0; v = gone.nextSetBit(v + 1)) {
            removed.set(v);
            removedCount++;
            recent.clear(v);
            if (changed.get(v)) {
                changed.clear(v);
                changedCount--;
            }
            overrides.remove(v);
        }
        gone.clear();
        map = null;
        announcedExists -= goneCount;
        goneCount = 0;
        a.expunged(seqs, goneUids);
        compactIfWorthIt();
    }

    /**
     * After many changes the overlay costs more than a private copy: the live messages become a
     * snapshot of their own (the shared one is left to the other sessions).
     */
    private void compactIfWorthIt() {
        int live = size();
        if (removedCount + overrides.size() < 256 || (removedCount + overrides.size()) * 8 < total()) {
            return;
        }
        long[] uids = new long[live];
        long[] mods = new long[live];
        int[] fl = new int[live];
        String[] kw = new String[live];
        BitSet newRecent = new BitSet();
        BitSet newChanged = new BitSet();
        for (int p = 0; p < live; p++) {
            int v = vi(p);
            uids[p] = uidV(v);
            mods[p] = modSeqV(v);
            fl[p] = storedFlagsV(v);
            kw[p] = keywordsV(v);
            if (recent.get(v)) {
                newRecent.set(p);
            }
            if (changed.get(v)) {
                newChanged.set(p);
            }
        }
        base = new Snapshot(id, uidValidity, watermark, uidNext, storedFirstRecent, uids, mods, fl, kw);
        baseSize = live;
        appUids = NO_LONGS;
        appModSeqs = NO_LONGS;
        appFlags = new int[0];
        appKeywords = new String[0];
        appCount = 0;
        overrides.clear();
        removed.clear();
        removedCount = 0;
        map = null;
        recent.clear();
        recent.or(newRecent);
        changed.clear();
        changed.or(newChanged);
    }

    int announcedRecent() {
        return announcedRecent;
    }

    /** First position without \Seen (IMAP4rev1 SELECT's UNSEEN code), or -1. */
    int firstUnseen() {
        if (overrides.isEmpty() && removedCount == 0 && appCount == 0) {
            return base.firstUnseen;
        }
        for (int i = 0; i < size(); i++) {
            if ((flags(i) & SystemFlags.SEEN) == 0) {
                return i;
            }
        }
        return -1;
    }
}
