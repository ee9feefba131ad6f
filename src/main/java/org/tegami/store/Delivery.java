package org.tegami.store;

import java.util.List;

/**
 * A request to store one message (already written to the {@link BlobStore}) into mailboxes.
 *
 * @param blob the stored blob
 * @param structure the parsed structure (mime.StructureCodec bytes), cached for IMAP
 * @param mailboxIds target mailboxes; one copy each (dedupe before)
 * @param flags initial system flags (e.g. \Seen for Sent copies)
 * @param keywords initial keywords, space-separated ("" for none)
 * @param internalDate epoch milliseconds
 * @param internalTz offset of the internal date from UTC in minutes (IMAP APPEND keeps the one given)
 * @param index search and sort index of the content, stored in the same transaction; null lets the
 *     store's background indexer compute it later
 */
public record Delivery(BlobStore.Blob blob, byte[] structure, List<Long> mailboxIds, int flags, String keywords,
        long internalDate, int internalTz, ContentIndex index) {

    public Delivery(BlobStore.Blob blob, byte[] structure, List<Long> mailboxIds, int flags, String keywords,
            long internalDate) {
        this(blob, structure, mailboxIds, flags, keywords, internalDate, 0, null);
    }

    /** Where one copy landed. */
    public record Stored(long mailboxId, long uid, long modSeq, long uidValidity) {}
}
