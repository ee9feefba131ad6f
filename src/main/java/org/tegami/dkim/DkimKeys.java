package org.tegami.dkim;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * DKIM key material: generation (RSA-2048, Ed25519), PEM encoding and decoding, and the DNS TXT
 * value to publish at {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.1, RFC 8463 §4).
 */
public final class DkimKeys {

    private DkimKeys() {}

    /**
     * A new key.
     *
     * @param privateKeyPem PKCS#8 "PRIVATE KEY" PEM, to store
     * @param dnsTxt the key record value, e.g. "v=DKIM1; k=rsa; p=MIIB..."
     */
    public record GeneratedKey(DkimAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey,
            String privateKeyPem, String dnsTxt) {}

    /** Generates an RSA-2048 ({@link DkimAlgorithm#RSA_SHA256}) or Ed25519 key. */
    public static GeneratedKey generate(DkimAlgorithm algorithm, SecureRandom random) {
        try {
            KeyPair kp;
            if (algorithm == DkimAlgorithm.ED25519_SHA256) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
                g.initialize(255, random);
                kp = g.generateKeyPair();
            } else if (algorithm == DkimAlgorithm.RSA_SHA256) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, random);
                kp = g.generateKeyPair();
            } else {
                throw new IllegalArgumentException("will not generate keys for " + algorithm.tag() + " (RFC 8301)");
            }
            return new GeneratedKey(algorithm, kp.getPrivate(), kp.getPublic(), privateKeyPem(kp.getPrivate()),
                    dnsTxt(kp.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + algorithm.keyType() + " key generation", e);
        }
    }

    /** PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), 64 characters per line. */
    public static String privateKeyPem(PrivateKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** The algorithm a private or public key signs with. */
    public static DkimAlgorithm algorithmOf(java.security.Key key) throws InvalidKeyException {
        return switch (key.getAlgorithm()) {
            case "RSA" -> DkimAlgorithm.RSA_SHA256;
            case "Ed25519", "EdDSA" -> DkimAlgorithm.ED25519_SHA256;
            default -> throw new InvalidKeyException("not an RSA or Ed25519 key: " + key.getAlgorithm());
        };
    }

    /** The key record value for a public key: "v=DKIM1; k=rsa|ed25519; p=..." (RFC 6376 §3.6.1). */
    public static String dnsTxt(PublicKey pub) {
        if (pub.getAlgorithm().equals("RSA")) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pub.getEncoded());
        }
        byte[] spki = pub.getEncoded();
        // RFC 8463 §4: p= is the raw 32-byte key, the tail of its SubjectPublicKeyInfo
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
    }

    /** Derives the public key of an RSA (CRT) or Ed25519 private key. */
    public static PublicKey publicKeyOf(PrivateKey key) throws InvalidKeyException {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (algorithmOf(key) == DkimAlgorithm.ED25519_SHA256) {
                byte[] seed = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey()).getOctets();
                byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                return KeyFactory.getInstance("Ed25519").generatePublic(
                        new X509EncodedKeySpec(DkimKeyRecord.concat(DkimKeyRecord.ED25519_SPKI_PREFIX, pub)));
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new InvalidKeyException("cannot derive the public key: " + e.getMessage(), e);
        }
        throw new InvalidKeyException("cannot derive the public key of " + key.getAlgorithm());
    }

    /**
     * Reads a private key: PEM PKCS#8 ("PRIVATE KEY", RSA or Ed25519), PEM PKCS#1 ("RSA PRIVATE
     * KEY"), or a bare base64 32-byte Ed25519 seed (dkimpy's format).
     */
    public static PrivateKey readPrivateKey(String text) throws InvalidKeyException {
        String t = text == null ? "" : text.strip();
        if (!t.startsWith("-----BEGIN")) {
            byte[] seed = DkimSignature.base64(TagList.removeFws(t));
            if (seed == null || seed.length != 32) {
                throw new InvalidKeyException("neither a PEM key nor a base64 Ed25519 seed");
            }
            return ed25519FromSeed(seed);
        }
        try (PEMParser p = new PEMParser(new StringReader(t))) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
                String alg = oid.equals("1.3.101.112") ? "Ed25519" : "RSA";
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            }
            throw new InvalidKeyException("PEM does not hold a private key");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof InvalidKeyException ike) {
                throw ike;
            }
            throw new InvalidKeyException("unreadable private key: " + e.getMessage(), e);
        }
    }

    /** An Ed25519 private key from its 32-byte seed (RFC 8032 §5.1.5). */
    public static PrivateKey ed25519FromSeed(byte[] seed) throws InvalidKeyException {
        byte[] prefix = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(DkimKeyRecord.concat(prefix, seed)));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("bad Ed25519 seed", e);
        }
    }

    /** RSA modulus size, or 256 for Ed25519. */
    public static int bits(PublicKey key) {
        return key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 256;
    }

    /**
     * A zone-file line for the key record, the value split into quoted strings of at most 255
     * octets (RFC 1035 §3.3.14; RFC 6376 §3.6.2.2 concatenates them):
     * {@code s1._domainkey.example.com. 3600 IN TXT "v=DKIM1; k=rsa; p=MIIB..." "..."}.
     */
    public static String zoneFileLine(String selector, String domain, String txtValue, int ttl) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < txtValue.length(); i += 255) {
            parts.add("\"" + txtValue.substring(i, Math.min(txtValue.length(), i + 255)) + "\"");
        }
        String d = domain.endsWith(".") ? domain : domain + ".";
        return selector + "._domainkey." + d + " " + ttl + " IN TXT " + String.join(" ", parts);
    }
}
