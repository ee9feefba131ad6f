package org.tegami.pgp;

import org.bouncycastle.bcpg.ECPublicBCPGKey;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;

/** Names and weakness flags for OpenPGP algorithm IDs (RFC 9580 §9.1-9.5). */
public final class PgpAlgorithms {

    private PgpAlgorithms() {}

    public static String hashName(int id) {
        return switch (id) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            case HashAlgorithmTags.SHA224 -> "SHA-224";
            case HashAlgorithmTags.SHA256 -> "SHA-256";
            case HashAlgorithmTags.SHA384 -> "SHA-384";
            case HashAlgorithmTags.SHA512 -> "SHA-512";
            case HashAlgorithmTags.SHA3_256 -> "SHA3-256";
            case HashAlgorithmTags.SHA3_512 -> "SHA3-512";
            default -> "hash-" + id;
        };
    }

    /** MD5, SHA-1 and RIPEMD-160 must not be trusted for new signatures (RFC 9580 §9.5). */
    public static boolean weakHash(int id) {
        return id == HashAlgorithmTags.MD5 || id == HashAlgorithmTags.SHA1 || id == HashAlgorithmTags.RIPEMD160
                || id == HashAlgorithmTags.MD2;
    }

    public static String symmetricName(int id) {
        return switch (id) {
            case SymmetricKeyAlgorithmTags.IDEA -> "IDEA";
            case SymmetricKeyAlgorithmTags.TRIPLE_DES -> "3DES";
            case SymmetricKeyAlgorithmTags.CAST5 -> "CAST5";
            case SymmetricKeyAlgorithmTags.BLOWFISH -> "Blowfish";
            case SymmetricKeyAlgorithmTags.AES_128 -> "AES-128";
            case SymmetricKeyAlgorithmTags.AES_192 -> "AES-192";
            case SymmetricKeyAlgorithmTags.AES_256 -> "AES-256";
            case SymmetricKeyAlgorithmTags.TWOFISH -> "Twofish";
            case SymmetricKeyAlgorithmTags.CAMELLIA_128 -> "Camellia-128";
            case SymmetricKeyAlgorithmTags.CAMELLIA_192 -> "Camellia-192";
            case SymmetricKeyAlgorithmTags.CAMELLIA_256 -> "Camellia-256";
            default -> "cipher-" + id;
        };
    }

    /** 64-bit block ciphers (IDEA, 3DES, CAST5, Blowfish) are legacy (RFC 9580 §9.3). */
    public static boolean weakSymmetric(int id) {
        return id == SymmetricKeyAlgorithmTags.IDEA || id == SymmetricKeyAlgorithmTags.TRIPLE_DES
                || id == SymmetricKeyAlgorithmTags.CAST5 || id == SymmetricKeyAlgorithmTags.BLOWFISH
                || id == SymmetricKeyAlgorithmTags.DES || id == SymmetricKeyAlgorithmTags.SAFER;
    }

    /** "RSA-3072", "Ed25519", "X25519", "ECDSA-P-256", "DSA-1024"... */
    public static String keyName(PGPPublicKey key) {
        int bits = key.getBitStrength();
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT, PublicKeyAlgorithmTags.RSA_SIGN -> "RSA-" + bits;
            case PublicKeyAlgorithmTags.DSA -> "DSA-" + bits;
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, PublicKeyAlgorithmTags.ELGAMAL_GENERAL -> "ElGamal-" + bits;
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> curve(key, "EdDSA");
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            case PublicKeyAlgorithmTags.ECDH -> curve(key, "ECDH");
            case PublicKeyAlgorithmTags.ECDSA -> curve(key, "ECDSA");
            default -> "algorithm-" + key.getAlgorithm();
        };
    }

    private static String curve(PGPPublicKey key, String kind) {
        if (key.getPublicKeyPacket().getKey() instanceof ECPublicBCPGKey ec) {
            String oid = ec.getCurveOID().getId();
            return switch (oid) {
                case "1.3.6.1.4.1.11591.15.1" -> "Ed25519";
                case "1.3.6.1.4.1.3029.1.5.1" -> "X25519";
                case "1.2.840.10045.3.1.7" -> kind + "-P-256";
                case "1.3.132.0.34" -> kind + "-P-384";
                case "1.3.132.0.35" -> kind + "-P-521";
                default -> kind + "-" + oid;
            };
        }
        return kind;
    }

    /** A reason the key is too weak to use for sending (RSA/DSA/ElGamal below 2048 bits), or null. */
    public static String weakKey(PGPPublicKey key) {
        int a = key.getAlgorithm();
        boolean finiteField = a == PublicKeyAlgorithmTags.RSA_GENERAL || a == PublicKeyAlgorithmTags.RSA_ENCRYPT
                || a == PublicKeyAlgorithmTags.RSA_SIGN || a == PublicKeyAlgorithmTags.DSA
                || a == PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT || a == PublicKeyAlgorithmTags.ELGAMAL_GENERAL;
        if (finiteField && key.getBitStrength() < 2048) {
            return keyName(key) + " is too small (2048 bits or more are required)";
        }
        return null;
    }
}
