package org.tegami.dkim;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM public key record from DNS (RFC 6376 §3.6.1, RFC 8463 §4).
 *
 * @param keyType k=: "rsa" or "ed25519"
 * @param publicKey the decoded key
 * @param keyBits RSA modulus size, or 256 for Ed25519
 * @param hashes h=: acceptable hash algorithms, or empty for any
 * @param testing t=y: the domain is testing DKIM
 * @param strict t=s: i= must use exactly the d= domain, no subdomain
 */
public record DkimKeyRecord(String keyType, PublicKey publicKey, int keyBits, List<String> hashes,
        boolean testing, boolean strict) {

    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(DkimKeyRecord key) implements Parsed {}

    /** @param revoked true for an empty p= (RFC 6376 §3.6.1: the key was revoked) */
    public record Invalid(String reason, boolean revoked) implements Parsed {}

    /** X.509 SubjectPublicKeyInfo prefix of a raw 32-byte Ed25519 key (RFC 8410). */
    static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /** Parses a key record (the TXT strings concatenated). Never throws. */
    public static Parsed parse(String txt) {
        TagList.Result tl = TagList.parse(txt);
        if (!tl.ok()) {
            return new Invalid("malformed key record: " + tl.error(), false);
        }
        Map<String, String> t = tl.tags();
        String v = t.get("v");
        if (v != null && (!v.equals("DKIM1") || !txt.strip().startsWith("v"))) {
            // RFC 6376 §3.6.1: if present, v= MUST be DKIM1 and the first tag
            return new Invalid("bad key record version v=" + TagList.abbreviate(v), false);
        }
        String k = t.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        if (!k.equals("rsa") && !k.equals("ed25519")) {
            return new Invalid("unknown key type k=" + TagList.abbreviate(k), false);
        }
        String p = t.get("p");
        if (p == null) {
            return new Invalid("key record without p=", false);
        }
        p = TagList.removeFws(p);
        if (p.isEmpty()) {
            return new Invalid("key revoked (empty p=)", true);
        }
        String s = t.get("s");
        if (s != null) {
            List<String> services = List.of(TagList.removeFws(s).toLowerCase(Locale.ROOT).split(":"));
            if (!services.contains("*") && !services.contains("email")) {
                return new Invalid("key not for e-mail (s=" + TagList.abbreviate(s) + ")", false);
            }
        }
        byte[] der = DkimSignature.base64(p);
        if (der == null || der.length == 0) {
            return new Invalid("invalid base64 in p=", false);
        }
        PublicKey key;
        int bits;
        try {
            if (k.equals("ed25519")) {
                if (der.length != 32) {
                    return new Invalid("Ed25519 key is not 32 bytes (RFC 8463 §4)", false);
                }
                key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, der)));
                bits = 256;
            } else {
                RSAPublicKey rsa = rsaKey(der);
                if (rsa == null) {
                    return new Invalid("p= is not an RSA public key", false);
                }
                key = rsa;
                bits = rsa.getModulus().bitLength();
            }
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return new Invalid("p= is not a usable " + k + " key", false);
        }
        List<String> hashes = t.containsKey("h")
                ? List.of(TagList.removeFws(t.get("h")).toLowerCase(Locale.ROOT).split(":")) : List.of();
        List<String> flags = t.containsKey("t") ? List.of(TagList.removeFws(t.get("t")).toLowerCase(Locale.ROOT).split(":")) : List.of();
        return new Valid(new DkimKeyRecord(k, key, bits, hashes, flags.contains("y"), flags.contains("s")));
    }

    /** SubjectPublicKeyInfo, or a bare PKCS#1 RSAPublicKey as some publishers use. */
    private static RSAPublicKey rsaKey(byte[] der) {
        KeyFactory kf;
        try {
            kf = KeyFactory.getInstance("RSA");
        } catch (java.security.NoSuchAlgorithmException e) {
            return null;
        }
        try {
            return (RSAPublicKey) kf.generatePublic(new X509EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            // fall through to PKCS#1
        }
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey pk = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
            BigInteger n = pk.getModulus();
            return (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(n, pk.getPublicExponent()));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
