package org.tegami.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

/**
 * A secret key ring and the passphrase that opens it: what signing and decryption need. Obtain
 * one from {@link PgpKeys#readSecret} (which checks the passphrase) or {@link PgpKeyGenerator}.
 */
public record PgpSecretKey(PGPSecretKeyRing ring, char[] passphrase) {

    public String fingerprint() {
        return PgpPackets.fingerprint(ring.getPublicKey());
    }

    /** The public half (the certificate to hand out). */
    public PGPPublicKeyRing publicRing() {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
            keys.add(it.next());
        }
        return new PGPPublicKeyRing(keys);
    }

    /** The private key with this key ID, or null if absent, a stub, or the passphrase is wrong. */
    public PGPPrivateKey privateKey(long keyId) {
        PGPSecretKey sk = ring.getSecretKey(keyId);
        return sk == null || sk.isPrivateKeyEmpty() ? null : PgpKeys.unlock(sk, passphrase);
    }

    /** True if this ring holds key material for the key ID (whether or not it unlocks). */
    public boolean has(long keyId) {
        PGPSecretKey sk = ring.getSecretKey(keyId);
        return sk != null && !sk.isPrivateKeyEmpty();
    }

    /** The armoured secret key block, still protected by its passphrase. */
    public byte[] armored() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ring.encode(out);
        } catch (IOException e) {
            throw new IllegalStateException("encoding to memory failed", e);
        }
        return PgpPackets.armor(out.toByteArray());
    }

    @Override
    public String toString() {
        return "PgpSecretKey[" + fingerprint() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgpSecretKey k && k.fingerprint().equals(fingerprint());
    }

    @Override
    public int hashCode() {
        return fingerprint().hashCode();
    }
}
