package org.tegami.store;

/**
 * One message in a mailbox, without its bytes.
 *
 * @param flags system flags as a {@link SystemFlags} bit set
 * @param keywords user keywords separated by spaces ("" when none)
 * @param internalDate when the message arrived (epoch milliseconds)
 * @param blob SHA-256 of the stored bytes, the key into the {@link BlobStore}
 */
public record MessageInfo(
        long mailboxId,
        long uid,
        long modSeq,
        int flags,
        String keywords,
        long internalDate,
        long size,
        String blob,
        long contentId) {}
