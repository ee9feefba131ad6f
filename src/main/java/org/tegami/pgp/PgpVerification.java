package org.tegami.pgp;

import java.time.Instant;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * The evidence from checking an OpenPGP signature.
 *
 * @param status PASS (valid, by a valid key imported as verified), FAIL (content changed or the
 *     signature is damaged), UNTRUSTED (valid, but the key is unverified, revoked, expired or not
 *     allowed to sign), UNKNOWN_KEY (the key is not in the keyring nor attached), NONE (unsigned)
 * @param reason one English sentence for people
 * @param signerUserId the signing key's primary user ID, when the key is known
 * @param signerFingerprint the primary key's fingerprint, when known
 * @param signingKeyId the key ID named by the signature (may be a subkey)
 * @param trust the trust of the key that verified it; null when unknown
 * @param content the signed data (CRLF for MIME; canonical text for cleartext signatures)
 * @param signerKey the key that verified the signature (for harvesting); null if none
 */
public record PgpVerification(
        Status status,
        String reason,
        Form form,
        String signerUserId,
        String signerFingerprint,
        String signingKeyId,
        String hashAlgorithm,
        String keyAlgorithm,
        List<String> weakAlgorithms,
        Instant signatureTime,
        KeyTrust trust,
        byte[] content,
        PGPPublicKeyRing signerKey) {

    public enum Status { PASS, FAIL, UNTRUSTED, UNKNOWN_KEY, NONE }

    /** How the signature was carried. */
    public enum Form { PGP_MIME, INLINE, INSIDE_ENCRYPTION }

    public PgpVerification {
        weakAlgorithms = List.copyOf(weakAlgorithms);
        content = content == null ? new byte[0] : content;
    }

    static PgpVerification of(Status status, String reason, Form form) {
        return new PgpVerification(status, reason, form, null, null, null, null, null, List.of(), null, null, null, null);
    }

    /** True when the signature is mathematically valid (PASS or UNTRUSTED). */
    public boolean cryptographicallyValid() {
        return status == Status.PASS || status == Status.UNTRUSTED;
    }
}
