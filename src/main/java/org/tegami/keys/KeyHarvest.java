package org.tegami.keys;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tegami.cryptomail.CryptoGateway;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpPackets;
import org.tegami.smime.Certificates;
import org.tegami.store.KeyStore;

/**
 * Remembers the certificate or OpenPGP key of a validly signed inbound message as an unverified
 * key of its sender, so later mail to that sender can be encrypted (issue 7: keys "harvested
 * automatically from verified signed inbound mail", like Autocrypt's and S/MIME clients'
 * opportunistic collection). Only a key that names the From address is kept, under that address;
 * a key already stored is never downgraded, and a verified one is never touched.
 */
public final class KeyHarvest {

    private final CryptoKeys keys;

    public KeyHarvest(CryptoKeys keys) {
        this.keys = keys;
    }

    /** Stores what is new; returns the fingerprints written. */
    public List<String> remember(CryptoGateway.Harvest h, String fromAddress) {
        List<String> written = new ArrayList<>();
        if (h.isEmpty() || fromAddress == null) {
            return written;
        }
        String from;
        try {
            from = CryptoKeys.canonical(fromAddress);
        } catch (IllegalArgumentException e) {
            return written;
        }
        if (!h.certificates().isEmpty()) {
            X509Certificate signer = h.certificates().get(0);
            if (Certificates.hasAddress(signer, from)) {
                String fpr = Certificates.fingerprint(signer);
                if (keys.store().key(from, fpr).isEmpty()) {
                    keys.store().putKey(new KeyStore.NewKey(from, KeyStore.Kind.SMIME, fpr,
                            KeyImport.pem(signer, h.certificates().subList(1, h.certificates().size())), null,
                            KeyStore.Trust.UNVERIFIED, KeyStore.Source.HARVEST));
                    written.add(fpr);
                }
            }
        }
        for (PGPPublicKeyRing r : h.pgpKeys()) {
            if (!KeyImport.names(r, from)) {
                continue;
            }
            String fpr = PgpPackets.fingerprint(r.getPublicKey());
            KeyStore.StoredKey old = keys.store().key(from, fpr).orElse(null);
            // Merged, never replaced: a replayed older copy must not drop a revocation already known.
            byte[] encoded = PgpKeys.encode(KeyImport.merge(old, r));
            if (old == null || old.trust() == KeyStore.Trust.UNVERIFIED && !java.util.Arrays.equals(old.publicData(), encoded)) {
                // A newer copy from the same sender may carry new subkeys or a revocation.
                keys.store().putKey(new KeyStore.NewKey(from, KeyStore.Kind.PGP, fpr, encoded, null, KeyStore.Trust.UNVERIFIED,
                        KeyStore.Source.HARVEST));
                written.add(fpr);
            }
        }
        return written;
    }
}
