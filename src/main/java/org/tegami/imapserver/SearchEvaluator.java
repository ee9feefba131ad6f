package org.tegami.imapserver;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.imap.SearchKey;
import org.tegami.store.MessageKeys;
import org.tegami.store.SystemFlags;
import org.tegami.store.TextQuery;

/**
 * Evaluates a search program (RFC 9051 §6.4.4) over the session's view. Flag, keyword, sequence,
 * UID and MODSEQ keys are answered from the view; text keys by one indexed store query each (FTS5
 * trigram index of the decoded text); dates and sizes from the keys stored at delivery, read once
 * per command. Messages pending expunge are not matched.
 */
final class SearchEvaluator {

    private final ImapSession s;
    private final SelectedMailbox sel;
    /** Keys of every message, aligned with {@link #keyUids}; loaded on first need. */
    private List<MessageKeys> keys;
    private long[] keyUids;
    /** Matching UIDs per text key (each key queried once). */
    private final Map<SearchKey, long[]> text = new HashMap<>();
    /** True if a MODSEQ key was used: the reply then carries the highest mod-sequence (RFC 7162 §3.1.5). */
    boolean usedModSeq;

    SearchEvaluator(ImapSession s, SelectedMailbox sel) {
        this.s = s;
        this.sel = sel;
    }

    /** Positions (ascending) of the messages that match. */
    int[] run(SearchKey key) {
        int[] out = new int[Math.min(sel.size(), 1024)];
        int n = 0;
        for (int i = 0; i < sel.size(); i++) {
            if (!sel.gone(i) && matches(key, i)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    boolean matches(SearchKey key, int i) {
        return switch (key) {
            case SearchKey.Flag f -> flag(f, sel.flags(i));
            case SearchKey.Keyword k -> hasKeyword(sel.keywords(i), k.keyword()) == k.present();
            case SearchKey.Text t -> textMatch(t, i);
            case SearchKey.Header h -> textMatch(h, i);
            case SearchKey.Date d -> date(d, keys(i));
            case SearchKey.Size z -> z.larger() ? keys(i).size() > z.size() : keys(i).size() < z.size();
            case SearchKey.Sequence q -> q.set().saved()
                    ? Arrays.binarySearch(s.savedSearch, sel.uid(i)) >= 0
                    : q.set().contains(i + 1L, sel.size());
            case SearchKey.Uid u -> u.set().saved()
                    ? Arrays.binarySearch(s.savedSearch, sel.uid(i)) >= 0
                    : u.set().contains(sel.uid(i), sel.maxUid());
            case SearchKey.Not n -> !matches(n.key(), i);
            case SearchKey.Or o -> matches(o.left(), i) || matches(o.right(), i);
            case SearchKey.And a -> all(a.keys(), i);
            case SearchKey.ModSeq m -> {
                usedModSeq = true;
                yield sel.modSeq(i) >= m.modSeq();
            }
        };
    }

    private boolean all(List<SearchKey> list, int i) {
        for (SearchKey k : list) {
            if (!matches(k, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean flag(SearchKey.Flag f, int flags) {
        boolean recent = (flags & SelectedMailbox.RECENT) != 0;
        return switch (f) {
            case ALL -> true;
            case ANSWERED -> (flags & SystemFlags.ANSWERED) != 0;
            case DELETED -> (flags & SystemFlags.DELETED) != 0;
            case DRAFT -> (flags & SystemFlags.DRAFT) != 0;
            case FLAGGED -> (flags & SystemFlags.FLAGGED) != 0;
            case SEEN -> (flags & SystemFlags.SEEN) != 0;
            case UNANSWERED -> (flags & SystemFlags.ANSWERED) == 0;
            case UNDELETED -> (flags & SystemFlags.DELETED) == 0;
            case UNDRAFT -> (flags & SystemFlags.DRAFT) == 0;
            case UNFLAGGED -> (flags & SystemFlags.FLAGGED) == 0;
            case UNSEEN -> (flags & SystemFlags.SEEN) == 0;
            case RECENT -> recent;
            case OLD -> !recent;
            case NEW -> recent && (flags & SystemFlags.SEEN) == 0; // RFC 3501 §6.4.4
        };
    }

    static boolean hasKeyword(String keywords, String keyword) {
        if (keywords.isEmpty()) {
            return false;
        }
        for (String k : keywords.split(" ")) {
            if (k.equalsIgnoreCase(keyword)) {
                return true;
            }
        }
        return false;
    }

    private boolean textMatch(SearchKey key, int i) {
        long[] uids = text.computeIfAbsent(key, k -> s.ctx.store().searchText(sel.id, query(k)));
        return Arrays.binarySearch(uids, sel.uid(i)) >= 0;
    }

    private static TextQuery query(SearchKey k) {
        if (k instanceof SearchKey.Header h) {
            return new TextQuery(TextQuery.Where.HEADER, h.field(), h.value());
        }
        SearchKey.Text t = (SearchKey.Text) k;
        return switch (t.field()) {
            case BODY -> new TextQuery(TextQuery.Where.BODY, null, t.value());
            case TEXT -> new TextQuery(TextQuery.Where.TEXT, null, t.value());
            default -> new TextQuery(TextQuery.Where.HEADER, t.field().name().toLowerCase(Locale.ROOT), t.value());
        };
    }

    /**
     * Dates compare "disregarding time and timezone" (RFC 9051 §6.4.4): the day in the zone the date
     * was written in. A message without a readable Date: header is compared by its internal date.
     */
    private static boolean date(SearchKey.Date d, MessageKeys k) {
        LocalDate day;
        if (d.field().sent() && k.sentDate() != null) {
            day = day(k.sentDate(), k.sentTz());
        } else {
            day = day(k.internalDate(), k.internalTz());
        }
        return switch (d.field()) {
            case BEFORE, SENTBEFORE -> day.isBefore(d.date());
            case ON, SENTON -> day.isEqual(d.date());
            case SINCE, SENTSINCE -> !day.isBefore(d.date());
        };
    }

    static LocalDate day(long epochMillis, int tzMinutes) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.ofTotalSeconds(tzMinutes * 60));
    }

    /** The stored keys of position i (all keys of the mailbox are read once, on first need). */
    MessageKeys keys(int i) {
        if (keys == null) {
            keys = s.ctx.store().keys(sel.id);
            keyUids = new long[keys.size()];
            for (int k = 0; k < keyUids.length; k++) {
                keyUids[k] = keys.get(k).uid();
            }
        }
        int k = Arrays.binarySearch(keyUids, sel.uid(i));
        if (k < 0) {
            // Expunged after it was matched by other keys: neutral values that match nothing odd.
            return new MessageKeys(sel.uid(i), 0, 0, 0, null, 0, "", false, "", "", "", "", "", null, "");
        }
        return keys.get(k);
    }
}
