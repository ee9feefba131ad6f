package org.tegami.smime;

import java.time.Instant;
import java.util.List;

/**
 * What a certificate is, for listings and reports ({@code tegami keys list}).
 *
 * @param fingerprint SHA-256 of the DER encoding, upper-case hex
 * @param keyAlgorithm e.g. "RSA-3072", "EC-P-256", "Ed25519"
 * @param keyUsage names from RFC 5280 §4.2.1.3 present in the certificate
 * @param extendedKeyUsage OIDs or names (emailProtection, ...) from RFC 5280 §4.2.1.12
 */
public record CertificateInfo(
        String subject,
        String issuer,
        String serialHex,
        Instant notBefore,
        Instant notAfter,
        List<String> emailAddresses,
        String fingerprint,
        String keyAlgorithm,
        String signatureAlgorithm,
        boolean certificateAuthority,
        boolean selfSigned,
        List<String> keyUsage,
        List<String> extendedKeyUsage) {

    public CertificateInfo {
        emailAddresses = List.copyOf(emailAddresses);
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
    }

    /** The first e-mail address, else the subject: who this certificate names. */
    public String displayName() {
        return emailAddresses.isEmpty() ? subject : emailAddresses.get(0);
    }

    public boolean validAt(Instant t) {
        return !t.isBefore(notBefore) && !t.isAfter(notAfter);
    }
}
