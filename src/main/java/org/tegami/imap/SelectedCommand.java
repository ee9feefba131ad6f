package org.tegami.imap;

import java.util.List;
import java.util.Set;

/**
 * Commands of the selected state (RFC 9051 §6.4) and its extensions: CHECK (RFC 3501 §6.4.1),
 * UID EXPUNGE (RFC 4315 §2.1), CONDSTORE/QRESYNC modifiers (RFC 7162), ESEARCH return options
 * (RFC 4731), SORT and THREAD (RFC 5256), ESORT (RFC 5267).
 */
public sealed interface SelectedCommand extends Command {

    /** True for the UID form ("UID FETCH" ...): numbers are UIDs, not sequence numbers. */
    default boolean uid() {
        return false;
    }

    /** CHECK (RFC 3501 §6.4.1; removed by RFC 9051, treated like NOOP). */
    record Check(String tag) implements SelectedCommand {
        public String name() {
            return "CHECK";
        }
    }

    /** RFC 9051 §6.4.1. */
    record Close(String tag) implements SelectedCommand {
        public String name() {
            return "CLOSE";
        }
    }

    /** RFC 9051 §6.4.2. */
    record Unselect(String tag) implements SelectedCommand {
        public String name() {
            return "UNSELECT";
        }
    }

    /**
     * EXPUNGE (RFC 9051 §6.4.3) or UID EXPUNGE (§6.4.9, RFC 4315 §2.1).
     *
     * @param uids the UID set of UID EXPUNGE, or null for EXPUNGE
     */
    record Expunge(String tag, SequenceSet uids) implements SelectedCommand {
        public boolean uid() {
            return uids != null;
        }

        public String name() {
            return uids == null ? "EXPUNGE" : "UID EXPUNGE";
        }
    }

    /** SEARCH/SORT RETURN options (RFC 9051 §6.4.4, RFC 4731 §3.1, RFC 5182 SAVE). */
    enum SearchReturn { MIN, MAX, ALL, COUNT, SAVE }

    /**
     * SEARCH / UID SEARCH (RFC 9051 §6.4.4).
     *
     * @param charset the CHARSET argument (upper case), or null
     * @param returns RETURN options; "RETURN ()" is read as (ALL) per RFC 4731 §3.1
     * @param esearch true if RETURN was given (the reply is ESEARCH, RFC 4731 §3.1)
     */
    record Search(String tag, boolean uid, String charset, SearchKey key, Set<SearchReturn> returns,
            boolean esearch) implements SelectedCommand {
        public Search {
            returns = Set.copyOf(returns);
        }

        public String name() {
            return uid ? "UID SEARCH" : "SEARCH";
        }
    }

    /**
     * FETCH / UID FETCH (RFC 9051 §6.4.5) with the CHANGEDSINCE (RFC 7162 §3.1.4.1) and VANISHED
     * (§3.2.6) modifiers.
     *
     * @param changedSince the CHANGEDSINCE mod-sequence, or null
     * @param vanished VANISHED was given (only with UID FETCH and CHANGEDSINCE)
     */
    record Fetch(String tag, boolean uid, SequenceSet set, List<FetchItem> items, Long changedSince,
            boolean vanished) implements SelectedCommand {
        public Fetch {
            items = List.copyOf(items);
        }

        public String name() {
            return uid ? "UID FETCH" : "FETCH";
        }
    }

    /** How STORE changes flags: "+FLAGS", "-FLAGS" or "FLAGS". */
    enum StoreMode { ADD, REMOVE, REPLACE }

    /**
     * STORE / UID STORE (RFC 9051 §6.4.6) with UNCHANGEDSINCE (RFC 7162 §3.1.3).
     *
     * @param silent ".SILENT": no untagged FETCH for the change itself
     * @param unchangedSince the UNCHANGEDSINCE mod-sequence, or null
     */
    record Store(String tag, boolean uid, SequenceSet set, StoreMode mode, boolean silent,
            List<String> flags, Long unchangedSince) implements SelectedCommand {
        public Store {
            flags = List.copyOf(flags);
        }

        public String name() {
            return uid ? "UID STORE" : "STORE";
        }
    }

    /** COPY / UID COPY (RFC 9051 §6.4.7). */
    record Copy(String tag, boolean uid, SequenceSet set, String mailbox) implements SelectedCommand {
        public String name() {
            return uid ? "UID COPY" : "COPY";
        }
    }

    /** MOVE / UID MOVE (RFC 9051 §6.4.8, RFC 6851). */
    record Move(String tag, boolean uid, SequenceSet set, String mailbox) implements SelectedCommand {
        public String name() {
            return uid ? "UID MOVE" : "MOVE";
        }
    }

    /** RFC 5256 §3 sort-key, with DISPLAYFROM/DISPLAYTO of RFC 5957. */
    enum SortKey { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO }

    /** One sort criterion; {@code reverse} for "REVERSE key". */
    record SortCriterion(SortKey key, boolean reverse) {}

    /**
     * SORT / UID SORT (RFC 5256 §3), with ESORT return options (RFC 5267 §3).
     *
     * @param returns RETURN options; empty without RETURN
     * @param esearch true if RETURN was given (the reply is ESEARCH)
     */
    record Sort(String tag, boolean uid, List<SortCriterion> criteria, String charset, SearchKey key,
            Set<SearchReturn> returns, boolean esearch) implements SelectedCommand {
        public Sort {
            criteria = List.copyOf(criteria);
            returns = Set.copyOf(returns);
        }

        public String name() {
            return uid ? "UID SORT" : "SORT";
        }
    }

    /**
     * THREAD / UID THREAD (RFC 5256 §3).
     *
     * @param algorithm upper case: "ORDEREDSUBJECT", "REFERENCES" (or another the server offers)
     */
    record Thread(String tag, boolean uid, String algorithm, String charset, SearchKey key)
            implements SelectedCommand {
        public String name() {
            return uid ? "UID THREAD" : "THREAD";
        }
    }
}
