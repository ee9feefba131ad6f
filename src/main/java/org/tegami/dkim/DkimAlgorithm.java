package org.tegami.dkim;

import java.util.Locale;

/** Signing algorithms (RFC 6376 §3.3, RFC 8463 §3). */
public enum DkimAlgorithm {
    /** RFC 6376 §3.3.2; the default for signing. */
    RSA_SHA256("rsa-sha256", "rsa", "sha256"),
    /** RFC 6376 §3.3.1; never passes verification (RFC 8301 §3.1), never used for signing. */
    RSA_SHA1("rsa-sha1", "rsa", "sha1"),
    /** RFC 8463 §3: PureEdDSA over the SHA-256 hash. */
    ED25519_SHA256("ed25519-sha256", "ed25519", "sha256");

    private final String tag;
    private final String keyType;
    private final String hash;

    DkimAlgorithm(String tag, String keyType, String hash) {
        this.tag = tag;
        this.keyType = keyType;
        this.hash = hash;
    }

    /** The a= value. */
    public String tag() {
        return tag;
    }

    /** The key record's k= value for this algorithm. */
    public String keyType() {
        return keyType;
    }

    /** The hash name as in the key record's h= tag. */
    public String hash() {
        return hash;
    }

    /** The java.security MessageDigest name. */
    String digest() {
        return hash.equals("sha1") ? "SHA-1" : "SHA-256";
    }

    /** Parses an a= value (case-insensitive); null when unknown. */
    public static DkimAlgorithm fromTag(String a) {
        String s = a == null ? "" : a.strip().toLowerCase(Locale.ROOT);
        for (DkimAlgorithm alg : values()) {
            if (alg.tag.equals(s)) {
                return alg;
            }
        }
        return null;
    }
}
