package org.tegami.store;

/**
 * Every message of a mailbox as UID order arrays, read in one range scan: what an IMAP session
 * needs at SELECT to number messages and answer flag queries without touching the store again.
 * Arrays are owned by the caller after the call.
 *
 * @param mailbox the mailbox row, read before the messages: changes after its HIGHESTMODSEQ may
 *     already show in the arrays, and a later {@link MailStore#changesSince} from
 *     {@code mailbox.highestModSeq()} reports them again (harmless: same mod-sequence)
 * @param firstRecentUid messages from this UID on have not been announced as \Recent to any session
 */
public record MailboxView(Mailbox mailbox, long[] uids, long[] modSeqs, int[] flags, String[] keywords,
        long firstRecentUid) {

    public int size() {
        return uids.length;
    }
}
