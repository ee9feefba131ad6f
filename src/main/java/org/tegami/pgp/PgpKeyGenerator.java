package org.tegami.pgp;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/**
 * Generates OpenPGP keys: a certify+sign primary key and an encryption subkey. Keys are version 4
 * with the algorithm IDs every deployed implementation reads (RFC 9580 §5.5.2: Ed25519 as
 * EdDSALegacy (22) and X25519 as ECDH (18) on Curve25519), so GnuPG 2.2 and Thunderbird use them;
 * or RSA. Secret keys are protected with AES-256 under an iterated and salted SHA-256 S2K
 * (RFC 9580 §3.7.1.3), or left unprotected when the passphrase is empty.
 */
public final class PgpKeyGenerator {

    public enum KeyType { ED25519, RSA_3072, RSA_4096 }

    private PgpKeyGenerator() {}

    /**
     * @param userId e.g. "Alice <alice@example.test>"
     * @param validity how long the key is valid from {@code created}; null for no expiry
     */
    public static PgpSecretKey generate(String userId, KeyType type, char[] passphrase, Instant created, Duration validity,
            SecureRandom random) {
        try {
            Date when = Date.from(created);
            PGPKeyPair primary;
            PGPKeyPair sub;
            if (type == KeyType.ED25519) {
                primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, pair("Ed25519", 0, random), when);
                sub = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDH, pair("X25519", 0, random), when);
            } else {
                int bits = type == KeyType.RSA_3072 ? 3072 : 4096;
                primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, pair("RSA", bits, random), when);
                sub = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, pair("RSA", bits, random), when);
            }
            long expiry = validity == null ? 0 : validity.toSeconds();
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(true, when);
            hashed.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            hashed.setPrimaryUserID(false, true);
            hashed.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256,
                SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128});
            hashed.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384,
                HashAlgorithmTags.SHA256});
            hashed.setPreferredCompressionAlgorithms(false, new int[] {CompressionAlgorithmTags.UNCOMPRESSED,
                CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.ZIP});
            hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION); // SEIPD v1 (RFC 9580 §5.2.3.32)
            if (expiry > 0) {
                hashed.setKeyExpirationTime(true, expiry);
            }
            PGPSignatureSubpacketGenerator subHashed = new PGPSignatureSubpacketGenerator();
            subHashed.setSignatureCreationTime(true, when);
            subHashed.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
            if (expiry > 0) {
                subHashed.setKeyExpirationTime(true, expiry);
            }
            var digests = new JcaPGPDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build();
            PBESecretKeyEncryptor protector = passphrase == null || passphrase.length == 0 ? null
                    : new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, digests.get(HashAlgorithmTags.SHA256), 0x60)
                            .setProvider(Bc.PROVIDER).setSecureRandom(random).build(passphrase);
            PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                    digests.get(HashAlgorithmTags.SHA1), hashed.generate(), null,
                    new JcaPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512)
                            .setProvider(Bc.PROVIDER).setSecureRandom(random),
                    protector);
            gen.addSubKey(sub, subHashed.generate(), null);
            return new PgpSecretKey(gen.generateSecretKeyRing(), passphrase == null ? new char[0] : passphrase.clone());
        } catch (PGPException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed: " + e.getMessage(), e);
        }
    }

    private static KeyPair pair(String algorithm, int bits, SecureRandom random) throws java.security.GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, Bc.PROVIDER);
        if (bits > 0) {
            g.initialize(bits, random);
        } else {
            g.initialize(255, random);
        }
        return g.generateKeyPair();
    }
}
