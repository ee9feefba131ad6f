package org.tegami.sasl;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.MD5Digest;

/**
 * The stored secret for CRAM-MD5 (RFC 2195): the HMAC-MD5 inner and outer digest states after the
 * key pads, as Dovecot's CRAM-MD5 scheme keeps them. Not the password itself, though equivalent
 * to it for CRAM-MD5 — which is why CRAM-MD5 is off unless enabled.
 */
public record CramMd5Secret(byte[] innerState, byte[] outerState) {

    public static CramMd5Secret derive(String password) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        if (key.length > 64) {
            MD5Digest d = new MD5Digest();
            d.update(key, 0, key.length);
            key = new byte[16];
            d.doFinal(key, 0);
        }
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        MD5Digest inner = new MD5Digest();
        inner.update(ipad, 0, 64);
        MD5Digest outer = new MD5Digest();
        outer.update(opad, 0, 64);
        return new CramMd5Secret(inner.getEncodedState(), outer.getEncodedState());
    }

    /** HMAC-MD5(password, challenge) from the stored states. */
    public byte[] hmac(byte[] challenge) {
        MD5Digest inner = new MD5Digest(innerState);
        inner.update(challenge, 0, challenge.length);
        byte[] ih = new byte[16];
        inner.doFinal(ih, 0);
        MD5Digest outer = new MD5Digest(outerState);
        outer.update(ih, 0, 16);
        byte[] out = new byte[16];
        outer.doFinal(out, 0);
        return out;
    }

    public String encode() {
        HexFormat h = HexFormat.of();
        return h.formatHex(innerState) + ":" + h.formatHex(outerState);
    }

    public static CramMd5Secret decode(String s) {
        if (s == null) {
            return null;
        }
        String[] p = s.split(":");
        if (p.length != 2) {
            return null;
        }
        try {
            return new CramMd5Secret(HexFormat.of().parseHex(p[0]), HexFormat.of().parseHex(p[1]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "CramMd5Secret[hidden]";
    }
}
