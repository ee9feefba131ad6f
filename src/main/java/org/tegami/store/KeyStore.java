package org.tegami.store;

import java.util.List;
import java.util.Optional;

/**
 * Certificates and OpenPGP keys per address, S/MIME trust anchors and the mail-crypto gateway
 * settings per domain or account (issue 7). The store keeps bytes, fingerprints, addresses and
 * kinds; what they mean is the business of the layers above (it never parses a key). Private key
 * material arrives already sealed with the server key and is returned as it was given.
 * Addresses and domains are given in canonical form (lower case).
 */
public interface KeyStore {

    /** What {@code publicData} holds. */
    enum Kind {
        /** An X.509 certificate as PEM, followed by the chain that came with it. */
        SMIME,
        /** A binary OpenPGP public key ring (RFC 9580 §10.1). */
        PGP
    }

    /** How the key came to be here. */
    enum Trust {
        /** Imported by an administrator or the account's owner. */
        VERIFIED,
        /** Learned from signed mail: usable, but never trusted by itself. */
        UNVERIFIED
    }

    /** How the key arrived. */
    enum Source { IMPORT, HARVEST }

    /**
     * One key for one address.
     *
     * @param fingerprint upper-case hex (SHA-256 of the certificate, or the OpenPGP v4 fingerprint)
     * @param sealedPrivate the private key sealed with the server key, or null
     */
    record StoredKey(long id, String address, Kind kind, String fingerprint, byte[] publicData, byte[] sealedPrivate,
            Trust trust, Source source, long createdAt, long updatedAt) {
        public boolean hasPrivate() {
            return sealedPrivate != null;
        }
    }

    /** A key to store; replaces the row with the same address and fingerprint. */
    record NewKey(String address, Kind kind, String fingerprint, byte[] publicData, byte[] sealedPrivate, Trust trust,
            Source source) {}

    /** A directly trusted CA certificate (DER). */
    record TrustAnchor(String fingerprint, String subject, byte[] der, long addedAt) {}

    /**
     * Gateway settings of one scope (a domain, or an account address). Null fields inherit: an
     * account from its domain, a domain from the config defaults. Values are the words of the
     * config ("never", "always", "when-possible", "required"), checked by the caller.
     *
     * @param decrypt decrypt inbound mail with the deposited private keys (opt-in)
     * @param atRestKey fingerprint of the key every stored message is encrypted to (accounts only)
     */
    record Settings(String scope, String sign, String encrypt, Boolean decrypt, String atRestKey) {
        public static Settings empty(String scope) {
            return new Settings(scope, null, null, null, null);
        }
    }

    /** Inserts the key, or replaces the one with the same address and fingerprint. */
    StoredKey putKey(NewKey key);

    /** Keys of one address (or all with null), by address then creation. */
    List<StoredKey> keys(String addressOrNull);

    /** Every key of a kind (to build the keyring and the intermediate certificates). */
    List<StoredKey> keys(Kind kind);

    Optional<StoredKey> key(String address, String fingerprint);

    boolean removeKey(String address, String fingerprint);

    /** Adds a trust anchor; false if one with this fingerprint exists already. */
    boolean addTrustAnchor(TrustAnchor anchor);

    boolean removeTrustAnchor(String fingerprint);

    List<TrustAnchor> trustAnchors();

    Optional<Settings> settings(String scope);

    /** Stores the settings of a scope; a scope whose fields are all null is removed. */
    void putSettings(Settings settings);

    List<Settings> allSettings();

    /** A number that changes whenever any key, anchor or setting changes (also in another process). */
    long generation();
}
