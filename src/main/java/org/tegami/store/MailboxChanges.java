package org.tegami.store;

import java.util.List;

/**
 * What changed in a mailbox after a mod-sequence (RFC 7162 §3.1): messages added or whose flags
 * changed, and UIDs expunged, each with a mod-sequence in (since, highestModSeq].
 *
 * @param changed new and changed messages in UID order
 * @param expunged expunged UIDs in ascending order
 */
public record MailboxChanges(long highestModSeq, long uidNext, List<MessageFlags> changed, long[] expunged) {

    public boolean isEmpty() {
        return changed.isEmpty() && expunged.length == 0;
    }
}
