package org.tegami.keys;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tegami.cryptomail.CryptoGateway;
import org.tegami.cryptomail.KeyMaterial;
import org.tegami.cryptomail.SealedKeys;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpPackets;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.smime.Certificates;
import org.tegami.smime.SmimeCredential;
import org.tegami.store.KeyStore;

/**
 * The keys of one address as the gateway needs them: public certificates/keys to encrypt to
 * (verified before unverified, newest first), and the deposited private keys, unsealed for one
 * operation and never logged.
 */
public final class AccountKeys {

    /** Private keys of an address, or why they could not be opened. */
    public sealed interface Unsealed {
        record Keys(List<SmimeCredential> smime, List<PgpSecretKey> pgp) implements Unsealed {
            public Keys {
                smime = List.copyOf(smime);
                pgp = List.copyOf(pgp);
            }

            public boolean isEmpty() {
                return smime.isEmpty() && pgp.isEmpty();
            }
        }

        record Failed(String reason) implements Unsealed {}
    }

    private final CryptoKeys keys;

    public AccountKeys(CryptoKeys keys) {
        this.keys = keys;
    }

    /** The certificates and OpenPGP keys known for an address (canonical), best first. */
    public CryptoGateway.RecipientKeys recipient(String address) {
        List<KeyStore.StoredKey> rows = new ArrayList<>(keys.store().keys(address));
        // Verified (imported) keys first; among equals the newest first.
        rows.sort(Comparator.comparing((KeyStore.StoredKey k) -> k.trust() != KeyStore.Trust.VERIFIED)
                .thenComparing(Comparator.comparingLong(KeyStore.StoredKey::updatedAt).reversed()));
        List<X509Certificate> certs = new ArrayList<>();
        Map<String, PGPPublicKeyRing> rings = new LinkedHashMap<>();
        for (KeyStore.StoredKey k : rows) {
            if (k.kind() == KeyStore.Kind.SMIME) {
                X509Certificate c = certificate(k);
                if (c != null) {
                    certs.add(c);
                }
            } else {
                PGPPublicKeyRing r = ring(k);
                if (r != null) {
                    rings.putIfAbsent(k.fingerprint(), r);
                }
            }
        }
        // Keys naming the address that were imported under another address of the same person.
        for (KeyRing.Entry e : keys.snapshot().keyring().findByEmail(address)) {
            rings.putIfAbsent(e.fingerprint(), e.ring());
        }
        return new CryptoGateway.RecipientKeys(address, certs, new ArrayList<>(rings.values()));
    }

    /** The private keys an address deposited, unsealed. */
    public Unsealed privateKeys(String address) {
        List<SmimeCredential> smime = new ArrayList<>();
        List<PgpSecretKey> pgp = new ArrayList<>();
        List<KeyStore.StoredKey> rows = keys.store().keys(address).stream().filter(KeyStore.StoredKey::hasPrivate).toList();
        if (rows.isEmpty()) {
            return new Unsealed.Keys(smime, pgp);
        }
        SealedKeys sealer;
        try {
            sealer = keys.sealer();
        } catch (IOException e) {
            return new Unsealed.Failed("the server key cannot be opened: " + e.getMessage());
        }
        for (KeyStore.StoredKey k : rows) {
            switch (sealer.unseal(k.sealedPrivate(), CryptoKeys.sealContext(k.address(), k.kind(), k.fingerprint()))) {
                case SealedKeys.Unsealed.Failed f -> {
                    return new Unsealed.Failed("the private key " + k.fingerprint() + " of " + address + " cannot be unsealed: "
                            + f.reason());
                }
                case SealedKeys.Unsealed.Opened o -> {
                    byte[] plain = o.plaintext();
                    try {
                        if (k.kind() == KeyStore.Kind.SMIME) {
                            if (KeyMaterial.identify(plain, null, keys.clock().instant())
                                    instanceof KeyMaterial.Identified.SmimeKey sk) {
                                smime.add(sk.credential());
                            }
                        } else if (PgpKeys.readSecret(plain, new char[0]) instanceof PgpKeys.SecretKeyResult.Loaded l) {
                            pgp.add(l.key());
                        }
                    } finally {
                        Arrays.fill(plain, (byte) 0);
                    }
                }
            }
        }
        return new Unsealed.Keys(smime, pgp);
    }

    /** The key of {@code address} with this fingerprint as an at-rest key, or null if there is none. */
    public CryptoGateway.AtRestKey atRestKey(String address, String fingerprint) {
        return keys.store().key(address, fingerprint).map(AccountKeys::atRestKey).orElse(null);
    }

    static CryptoGateway.AtRestKey atRestKey(KeyStore.StoredKey k) {
        if (k.kind() == KeyStore.Kind.SMIME) {
            X509Certificate c = certificate(k);
            return c == null ? null : new CryptoGateway.AtRestKey.Smime(c);
        }
        PGPPublicKeyRing r = ring(k);
        return r == null ? null : new CryptoGateway.AtRestKey.Pgp(r);
    }

    /** The certificate of an S/MIME row (the first in its PEM), or null if unreadable. */
    static X509Certificate certificate(KeyStore.StoredKey k) {
        List<X509Certificate> certs = Certificates.readPem(k.publicData(), null).certificates();
        return certs.isEmpty() ? null : certs.get(0);
    }

    /** The certificates after the first: the chain stored with it. */
    static List<X509Certificate> chain(KeyStore.StoredKey k) {
        List<X509Certificate> certs = Certificates.readPem(k.publicData(), null).certificates();
        return certs.size() <= 1 ? List.of() : certs.subList(1, certs.size());
    }

    /** The public key ring of an OpenPGP row, or null if unreadable. */
    static PGPPublicKeyRing ring(KeyStore.StoredKey k) {
        List<PGPPublicKeyRing> rings = PgpKeys.read(k.publicData()).publicRings();
        for (PGPPublicKeyRing r : rings) {
            if (PgpPackets.fingerprint(r.getPublicKey()).equals(k.fingerprint())) {
                return r;
            }
        }
        return rings.isEmpty() ? null : rings.get(0);
    }
}
