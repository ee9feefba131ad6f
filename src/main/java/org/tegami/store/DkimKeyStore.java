package org.tegami.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DKIM signing keys per domain and selector. Private keys arrive and leave sealed: the store never
 * sees them in the clear (docs/adr/0006-dkim-key-storage.md).
 */
public interface DkimKeyStore {

    /** What a key is used for now. */
    enum State {
        /** Signs: the newest active key per domain and algorithm. */
        ACTIVE,
        /** Published, not signing yet (rotation: publish first, activate once DNS has it). */
        STANDBY,
        /** Superseded by a newer key; stays published until removed. */
        RETIRED;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One key.
     *
     * @param algorithm "rsa-sha256" or "ed25519-sha256" (RFC 6376 a= / RFC 8463)
     * @param sealedPrivateKey the PKCS#8 PEM, sealed
     * @param publicTxt the key record to publish, "v=DKIM1; k=...; p=..."
     * @param retiredAt when it stopped signing, 0 if it never did
     */
    record Key(long id, String domain, String selector, String algorithm, byte[] sealedPrivateKey, String publicTxt,
            State state, long createdAt, long retiredAt) {}

    /**
     * Adds a key; when it is {@link State#ACTIVE}, the domain's other active key of the same
     * algorithm is retired in the same transaction.
     *
     * @throws StoreException (ALREADY_EXISTS) when the selector is taken for that domain
     */
    Key add(String domain, String selector, String algorithm, byte[] sealedPrivateKey, String publicTxt, State state, long now);

    /** Keys of one domain (or all when null), by domain then newest first. */
    List<Key> keys(String domain);

    Optional<Key> key(String domain, String selector);

    /** Makes a key the active one of its algorithm (retiring the current one); false if absent. */
    boolean activate(String domain, String selector, long now);

    /** Deletes a key (it is no longer published nor used); false if absent. */
    boolean remove(String domain, String selector);
}
