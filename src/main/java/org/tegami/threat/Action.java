package org.tegami.threat;

import java.util.Locale;

/** What delivery does with a message, in increasing order of severity. */
public enum Action {
    /** Deliver unchanged (apart from the X-Tegami-Verdict header). */
    DELIVER,
    /** Deliver to the inbox with a subject prefix and a visible warning banner. */
    TAG,
    /** Deliver to the Junk mailbox. */
    JUNK,
    /** Keep out of every mailbox; listed and releasable by an administrator. */
    QUARANTINE,
    /** Refuse at SMTP time (5xx after DATA). */
    REJECT;

    /** The lower-case name used in headers and JSON ("deliver", "tag", ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Action other) {
        return compareTo(other) >= 0;
    }
}
