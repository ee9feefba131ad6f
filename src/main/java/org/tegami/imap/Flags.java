package org.tegami.imap;

import java.util.List;

/** Message flag names (RFC 9051 §2.3.2): system flags start with "\", keywords are atoms. */
public final class Flags {

    public static final String ANSWERED = "\\Answered";
    public static final String FLAGGED = "\\Flagged";
    public static final String DELETED = "\\Deleted";
    public static final String SEEN = "\\Seen";
    public static final String DRAFT = "\\Draft";
    /** IMAP4rev1 only (RFC 3501 §2.3.2); IMAP4rev2 removed it. */
    public static final String RECENT = "\\Recent";

    /** The system flags of RFC 9051 §2.3.2, in the order servers usually list them. */
    public static final List<String> SYSTEM = List.of(ANSWERED, FLAGGED, DELETED, SEEN, DRAFT);

    private Flags() {}

    /** System flags in their canonical spelling ("\seen" → "\Seen"); keywords unchanged. */
    public static String canonical(String flag) {
        if (flag.startsWith("\\")) {
            for (String s : SYSTEM) {
                if (s.equalsIgnoreCase(flag)) {
                    return s;
                }
            }
            if (RECENT.equalsIgnoreCase(flag)) {
                return RECENT;
            }
        }
        return flag;
    }

    public static boolean isSystem(String flag) {
        return flag.startsWith("\\");
    }
}
