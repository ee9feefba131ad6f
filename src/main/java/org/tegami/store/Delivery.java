package org.tegami.store;

import java.util.List;

/**
 * A request to store one message (already written to the {@link BlobStore}) into mailboxes.
 *
 * @param blob the stored blob
 * @param structure the parsed structure (mime.StructureCodec bytes), cached for IMAP
 * @param mailboxIds target mailboxes; one copy each (dedupe before)
 * @param flags initial system flags (e.g. \Seen for Sent copies)
 * @param internalDate epoch milliseconds
 */
public record Delivery(BlobStore.Blob blob, byte[] structure, List<Long> mailboxIds, int flags, String keywords, long internalDate) {

    /** Where one copy landed. */
    public record Stored(long mailboxId, long uid, long modSeq, long uidValidity) {}
}
