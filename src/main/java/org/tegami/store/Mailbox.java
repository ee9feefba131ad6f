package org.tegami.store;

/**
 * A mailbox (IMAP folder) of an account.
 *
 * @param specialUse RFC 6154 role such as "\\Sent", or null
 */
public record Mailbox(
        long id,
        long accountId,
        String name,
        String specialUse,
        boolean subscribed,
        long uidValidity,
        long uidNext,
        long highestModSeq) {

    public static final String INBOX = "INBOX";
    /** Created for every account (RFC 6154 \Junk); where mail judged as junk goes. */
    public static final String JUNK = "Junk";
}
