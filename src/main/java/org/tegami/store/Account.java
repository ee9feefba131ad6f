package org.tegami.store;

/**
 * A local account.
 *
 * @param address canonical address, lower-case local@ascii-domain
 * @param displayName the person's name ("Alice Liddell"), used in impersonation checks; may be null
 * @param allowAnySender relay account (devices, other servers): may use any sender address
 * @param quotaBytes storage limit in bytes, 0 = unlimited
 */
public record Account(
        long id,
        String address,
        String domain,
        String displayName,
        Credentials credentials,
        boolean allowAnySender,
        long quotaBytes,
        boolean disabled) {}
