package org.tegami.store;

import java.util.ArrayList;
import java.util.List;

/** IMAP system flags as bits (RFC 9051 §2.3.2); \Recent is session state, never stored. */
public final class SystemFlags {

    public static final int SEEN = 1;
    public static final int ANSWERED = 2;
    public static final int FLAGGED = 4;
    public static final int DELETED = 8;
    public static final int DRAFT = 16;

    private SystemFlags() {}

    /** The bit of a flag name such as "\\Seen", or 0 if it is not a system flag. */
    public static int bit(String flag) {
        return switch (flag.toLowerCase(java.util.Locale.ROOT)) {
            case "\\seen" -> SEEN;
            case "\\answered" -> ANSWERED;
            case "\\flagged" -> FLAGGED;
            case "\\deleted" -> DELETED;
            case "\\draft" -> DRAFT;
            default -> 0;
        };
    }

    public static List<String> names(int bits) {
        List<String> out = new ArrayList<>(5);
        if ((bits & SEEN) != 0) {
            out.add("\\Seen");
        }
        if ((bits & ANSWERED) != 0) {
            out.add("\\Answered");
        }
        if ((bits & FLAGGED) != 0) {
            out.add("\\Flagged");
        }
        if ((bits & DELETED) != 0) {
            out.add("\\Deleted");
        }
        if ((bits & DRAFT) != 0) {
            out.add("\\Draft");
        }
        return out;
    }
}
