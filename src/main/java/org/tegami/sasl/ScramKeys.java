package org.tegami.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 salted keys (RFC 5802 §3, RFC 7677), stored in the RFC 5803 form
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}. From these the server can
 * verify a client without ever holding the password.
 */
public record ScramKeys(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    /** RFC 7677 §4: at least 4096. */
    public static final int DEFAULT_ITERATIONS = 4096;

    public static ScramKeys derive(String password, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return derive(password, salt, DEFAULT_ITERATIONS);
    }

    public static ScramKeys derive(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = sha256(clientKey);
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramKeys(iterations, salt, storedKey, serverKey);
    }

    public String encode() {
        Base64.Encoder b = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + b.encodeToString(salt) + "$" + b.encodeToString(storedKey)
                + ":" + b.encodeToString(serverKey);
    }

    /** Parses the stored form; null if malformed. */
    public static ScramKeys decode(String s) {
        if (s == null || !s.startsWith("SCRAM-SHA-256$")) {
            return null;
        }
        String[] parts = s.substring(14).split("\\$");
        if (parts.length != 2) {
            return null;
        }
        String[] a = parts[0].split(":");
        String[] k = parts[1].split(":");
        if (a.length != 2 || k.length != 2) {
            return null;
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            return new ScramKeys(Integer.parseInt(a[0]), d.decode(a[1]), d.decode(k[0]), d.decode(k[1]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            PBEKeySpec spec = new PBEKeySpec(saslPrep(password).toCharArray(), salt, iterations, 256);
            return f.generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SASLprep (RFC 4013) as far as passwords in practice need it: non-ASCII spaces become
     * spaces, "commonly mapped to nothing" characters go, then NFKC. Identity for ASCII.
     */
    public static String saslPrep(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u00AD' || c == '\u034F' || c == '\u1806' || (c >= '\u180B' && c <= '\u180D')
                    || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060'
                    || (c >= '\uFE00' && c <= '\uFE0F') || c == '\uFEFF') {
                continue;
            }
            if (Character.isSpaceChar(c) && c != ' ') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return Normalizer.normalize(sb, Normalizer.Form.NFKC);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ScramKeys[hidden]";
    }
}
