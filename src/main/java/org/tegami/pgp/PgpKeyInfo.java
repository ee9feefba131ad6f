package org.tegami.pgp;

import java.time.Instant;
import java.util.List;

/**
 * One OpenPGP key as {@code tegami keys list} shows it: identity, algorithms, validity at the
 * listing instant, revocation, trust, user IDs with the certifications others made on them (the
 * web of trust: who vouched for this key), and subkeys.
 *
 * @param fingerprint upper-case hex, 40 digits for v4 keys (RFC 9580 §5.5.4.2)
 * @param validity at the instant the listing was made
 * @param revocationReason null unless revoked
 * @param hasSecretKey false for keys in a {@link KeyRing} (it holds public keys only)
 * @param weakAlgorithms e.g. "SHA-1 self-signature", "RSA-1024 is too small ..."
 */
public record PgpKeyInfo(
        String fingerprint,
        String keyId,
        String algorithm,
        Instant created,
        Instant expires,
        Validity validity,
        String revocationReason,
        KeyTrust trust,
        List<UserId> userIds,
        List<Subkey> subkeys,
        boolean canSign,
        boolean canEncrypt,
        boolean hasSecretKey,
        List<String> weakAlgorithms) {

    public enum Validity { VALID, EXPIRED, REVOKED, NOT_YET_VALID, NO_SELF_SIGNATURE }

    public PgpKeyInfo {
        userIds = List.copyOf(userIds);
        subkeys = List.copyOf(subkeys);
        weakAlgorithms = List.copyOf(weakAlgorithms);
    }

    /** @param email the addr-spec inside the user ID, lower-cased domain; null if none */
    public record UserId(String userId, String email, boolean primary, boolean selfCertified, boolean revoked,
            List<Certification> certifications) {
        public UserId {
            certifications = List.copyOf(certifications);
        }
    }

    /**
     * A certification of a user ID by another key (RFC 9580 §5.2.1.2-5).
     *
     * @param issuerFingerprint null when the issuer is not in the keyring and did not say
     * @param issuerUserId the issuer's primary user ID when it is in the keyring
     * @param status VERIFIED: the issuer is in the keyring and the signature checks out;
     *     UNKNOWN_ISSUER: not in the keyring, so unchecked; INVALID: does not verify;
     *     REVOKED: the issuer withdrew it
     * @param issuerTrust the issuer's trust when it is in the keyring, else null
     */
    public record Certification(String issuerKeyId, String issuerFingerprint, String issuerUserId, Instant created,
            String level, Status status, KeyTrust issuerTrust) {
        public enum Status { VERIFIED, UNKNOWN_ISSUER, INVALID, REVOKED }
    }

    public record Subkey(String fingerprint, String keyId, String algorithm, Instant created, Instant expires,
            List<String> usage, boolean revoked, boolean bound) {
        public Subkey {
            usage = List.copyOf(usage);
        }
    }

    /** The primary user ID, or null. */
    public String primaryUserId() {
        for (UserId u : userIds) {
            if (u.primary() && !u.revoked()) {
                return u.userId();
            }
        }
        for (UserId u : userIds) {
            if (!u.revoked() && u.selfCertified()) {
                return u.userId();
            }
        }
        return userIds.isEmpty() ? null : userIds.get(0).userId();
    }
}
