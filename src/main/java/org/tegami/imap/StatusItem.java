package org.tegami.imap;

import java.util.Locale;

/** STATUS data items (RFC 9051 §6.3.11, status-att), with RECENT (RFC 3501), HIGHESTMODSEQ (RFC 7162) and APPENDLIMIT (RFC 7889). */
public enum StatusItem {
    MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE, RECENT, HIGHESTMODSEQ, APPENDLIMIT;

    /** The item for a wire name (case-insensitive), or null. */
    public static StatusItem of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
