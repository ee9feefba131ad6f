package org.tegami.imap;

import java.time.LocalDate;
import java.util.List;

/**
 * A search criterion (RFC 9051 §6.4.4, search-key), with NEW/OLD/RECENT of RFC 3501 §6.4.4 and
 * MODSEQ of CONDSTORE (RFC 7162 §3.1.5). String values are decoded with the command's CHARSET.
 * The top level of a SEARCH with several keys is an {@link And}.
 */
public sealed interface SearchKey {

    /** Keys that test a flag or nothing at all. */
    enum Flag implements SearchKey {
        ALL, ANSWERED, DELETED, DRAFT, FLAGGED, SEEN, NEW, OLD, RECENT,
        UNANSWERED, UNDELETED, UNDRAFT, UNFLAGGED, UNSEEN
    }

    /** KEYWORD / UNKEYWORD flag-keyword. */
    record Keyword(String keyword, boolean present) implements SearchKey {}

    /** Which text a {@link Text} key searches. */
    enum TextField { BCC, BODY, CC, FROM, SUBJECT, TEXT, TO }

    /** BCC/BODY/CC/FROM/SUBJECT/TEXT/TO astring: substring match (RFC 9051 §6.4.4). */
    record Text(TextField field, String value) implements SearchKey {}

    /** HEADER field-name string; an empty value matches every message that has the field. */
    record Header(String field, String value) implements SearchKey {}

    /** Which date a {@link Date} key compares, and how. */
    enum DateField {
        BEFORE, ON, SINCE, SENTBEFORE, SENTON, SENTSINCE;

        /** True for the Date: header comparisons, false for the internal date. */
        public boolean sent() {
            return this == SENTBEFORE || this == SENTON || this == SENTSINCE;
        }
    }

    record Date(DateField field, LocalDate date) implements SearchKey {}

    /** LARGER n (larger = true) or SMALLER n: RFC822.SIZE comparison. */
    record Size(boolean larger, long size) implements SearchKey {}

    /** A sequence set of message numbers (may be "$", RFC 9051 §6.4.4.1). */
    record Sequence(SequenceSet set) implements SearchKey {}

    /** UID sequence-set. */
    record Uid(SequenceSet set) implements SearchKey {}

    record Not(SearchKey key) implements SearchKey {}

    record Or(SearchKey left, SearchKey right) implements SearchKey {}

    /** All keys must match: a parenthesised group, or the keys of the command itself. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    /**
     * MODSEQ [entry-name entry-type] mod-sequence (RFC 7162 §3.1.5).
     *
     * @param entryName e.g. "/flags/\\Seen", or null
     * @param entryType "priv", "shared" or "all" (lower case), or null
     */
    record ModSeq(String entryName, String entryType, long modSeq) implements SearchKey {}
}
