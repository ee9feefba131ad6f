package org.tegami.smime;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The evidence from checking an S/MIME signature: what was decided and why, who signed, with
 * which algorithms, and the signed content itself (the inner entity, for further processing).
 *
 * @param status PASS (valid, trusted chain), FAIL (content or signature altered or damaged),
 *     UNTRUSTED (valid signature but the certificate is not trusted, expired, revoked or not for
 *     e-mail), UNKNOWN_KEY (the signer's certificate is not available), NONE (no signature)
 * @param reason one English sentence for people
 * @param form detached (multipart/signed) or opaque (signed-data); null for NONE
 * @param signer the signer's certificate when found, else null
 * @param certificates every certificate carried in the signature (for harvesting)
 * @param weakAlgorithms retired algorithms used (MD5, SHA-1, small RSA keys), flagged not refused
 * @param chain the trust decision for the signer's certificate; null if never reached
 * @param content the signed entity (CRLF); empty when it could not be obtained
 */
public record SmimeVerification(
        Status status,
        String reason,
        SmimeSigner.Form form,
        X509Certificate signer,
        List<X509Certificate> certificates,
        String digestAlgorithm,
        String signatureAlgorithm,
        List<String> weakAlgorithms,
        Instant signingTime,
        ChainResult chain,
        byte[] content) {

    public enum Status { PASS, FAIL, UNTRUSTED, UNKNOWN_KEY, NONE }

    public SmimeVerification {
        certificates = List.copyOf(certificates);
        weakAlgorithms = List.copyOf(weakAlgorithms);
        content = content == null ? new byte[0] : content;
    }

    static SmimeVerification failed(Status status, String reason, SmimeSigner.Form form) {
        return new SmimeVerification(status, reason, form, null, List.of(), null, null, List.of(), null, null, null);
    }

    /** True when the signature is mathematically valid (PASS or UNTRUSTED). */
    public boolean cryptographicallyValid() {
        return status == Status.PASS || status == Status.UNTRUSTED;
    }

    /** Who signed: the certificate's first e-mail address, else its subject; null if unknown. */
    public String signerName() {
        return signer == null ? null : Certificates.describe(signer).displayName();
    }
}
