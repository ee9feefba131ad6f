package org.tegami.smime;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * The algorithms Tegami offers for sending (only strong ones: RFC 8551 §2.7, RFC 8551 §2.1-2.2
 * MUST/SHOULD+ sets) and the names and weakness flags of those seen on receipt.
 */
public final class SmimeAlgorithms {

    private SmimeAlgorithms() {}

    /** Message digests for signing (RFC 8551 §2.1); SHA-1 and MD5 are deliberately absent. */
    public enum Digest {
        SHA256("SHA256", "sha-256"),
        SHA384("SHA384", "sha-384"),
        SHA512("SHA512", "sha-512");

        private final String jca;
        private final String micalg;

        Digest(String jca, String micalg) {
            this.jca = jca;
            this.micalg = micalg;
        }

        /** The "micalg" parameter value of multipart/signed (RFC 8551 §3.5.3.2). */
        public String micalg() {
            return micalg;
        }

        String jcaPrefix() {
            return jca;
        }
    }

    /**
     * Content encryption (RFC 8551 §2.7). GCM goes into authEnveloped-data (RFC 5083), which
     * RFC 8551 makes the MUST; CBC into enveloped-data for older clients. RC2, DES, 3DES are absent.
     */
    public enum Cipher {
        AES128_GCM(CMSAlgorithm.AES128_GCM, true, "AES-128-GCM"),
        AES256_GCM(CMSAlgorithm.AES256_GCM, true, "AES-256-GCM"),
        AES128_CBC(CMSAlgorithm.AES128_CBC, false, "AES-128-CBC"),
        AES256_CBC(CMSAlgorithm.AES256_CBC, false, "AES-256-CBC");

        private final ASN1ObjectIdentifier oid;
        private final boolean authenticated;
        private final String label;

        Cipher(ASN1ObjectIdentifier oid, boolean authenticated, String label) {
            this.oid = oid;
            this.authenticated = authenticated;
            this.label = label;
        }

        public boolean authenticated() {
            return authenticated;
        }

        public String label() {
            return label;
        }

        ASN1ObjectIdentifier oid() {
            return oid;
        }
    }

    /** RSA key transport (RFC 8551 §2.3): OAEP (RFC 3560) or PKCS #1 v1.5 for old clients. */
    public enum KeyTransport {
        RSA_OAEP_SHA256,
        RSA_PKCS1_V15
    }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.113549.2.5", "MD5"),
            Map.entry("1.3.14.3.2.26", "SHA-1"),
            Map.entry("2.16.840.1.101.3.4.2.4", "SHA-224"),
            Map.entry(NISTObjectIdentifiers.id_sha256.getId(), "SHA-256"),
            Map.entry(NISTObjectIdentifiers.id_sha384.getId(), "SHA-384"),
            Map.entry(NISTObjectIdentifiers.id_sha512.getId(), "SHA-512"),
            Map.entry("1.2.840.113549.1.1.1", "RSA"),
            Map.entry("1.2.840.113549.1.1.4", "MD5withRSA"),
            Map.entry("1.2.840.113549.1.1.5", "SHA1withRSA"),
            Map.entry("1.2.840.113549.1.1.10", "RSASSA-PSS"),
            Map.entry("1.2.840.113549.1.1.11", "SHA256withRSA"),
            Map.entry("1.2.840.113549.1.1.12", "SHA384withRSA"),
            Map.entry("1.2.840.113549.1.1.13", "SHA512withRSA"),
            Map.entry("1.2.840.113549.1.1.7", "RSA-OAEP"),
            Map.entry("1.2.840.10045.2.1", "ECDSA"),
            Map.entry("1.2.840.10045.4.1", "SHA1withECDSA"),
            Map.entry("1.2.840.10045.4.3.2", "SHA256withECDSA"),
            Map.entry("1.2.840.10045.4.3.3", "SHA384withECDSA"),
            Map.entry("1.2.840.10045.4.3.4", "SHA512withECDSA"),
            Map.entry("1.2.840.10040.4.1", "DSA"),
            Map.entry("1.2.840.10040.4.3", "SHA1withDSA"),
            Map.entry("1.3.101.112", "Ed25519"),
            Map.entry("1.3.101.113", "Ed448"),
            Map.entry("1.2.840.113549.3.2", "RC2-CBC"),
            Map.entry("1.3.14.3.2.7", "DES-CBC"),
            Map.entry("1.2.840.113549.3.7", "3DES-CBC"),
            Map.entry("1.2.840.113549.3.4", "RC4"),
            Map.entry(CMSAlgorithm.AES128_CBC.getId(), "AES-128-CBC"),
            Map.entry(CMSAlgorithm.AES192_CBC.getId(), "AES-192-CBC"),
            Map.entry(CMSAlgorithm.AES256_CBC.getId(), "AES-256-CBC"),
            Map.entry(CMSAlgorithm.AES128_GCM.getId(), "AES-128-GCM"),
            Map.entry(CMSAlgorithm.AES192_GCM.getId(), "AES-192-GCM"),
            Map.entry(CMSAlgorithm.AES256_GCM.getId(), "AES-256-GCM"),
            Map.entry("1.2.840.113549.1.9.16.3.18", "ChaCha20-Poly1305"),
            Map.entry("1.3.132.1.11.1", "ECDH-SHA256KDF"),
            Map.entry("1.3.132.1.11.2", "ECDH-SHA384KDF"),
            Map.entry("1.3.132.1.11.3", "ECDH-SHA512KDF"),
            Map.entry("1.3.133.16.840.63.0.2", "ECDH-SHA1KDF"),
            Map.entry("1.3.101.110", "X25519"),
            Map.entry("1.3.101.111", "X448"));

    /** A readable name for an algorithm OID (digest, signature, cipher, key transport). */
    public static String name(String oid) {
        String n = NAMES.get(oid);
        if (n != null) {
            return n;
        }
        try {
            return new DefaultAlgorithmNameFinder().getAlgorithmName(new ASN1ObjectIdentifier(oid));
        } catch (IllegalArgumentException e) {
            return oid;
        }
    }

    /**
     * True for algorithms RFC 8551 §2 and RFC 6151/6194 retire: MD5, SHA-1 (signatures), RC2,
     * RC4, DES, 3DES. These are never offered for sending and flagged when received.
     */
    public static boolean isWeak(String oid) {
        String n = NAMES.getOrDefault(oid, "");
        return n.contains("MD5") || n.contains("SHA-1") || n.startsWith("SHA1") || n.contains("SHA1KDF")
                || n.startsWith("RC2") || n.equals("RC4") || n.startsWith("DES") || n.startsWith("3DES");
    }
}
