package org.tegami.keys;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tegami.cryptomail.KeyMaterial;
import org.tegami.cryptomail.KeyMaterial.Identified;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpPackets;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.smime.Certificates;
import org.tegami.smime.SmimeCredential;
import org.tegami.store.KeyStore;

/**
 * {@code tegami keys import ADDRESS FILE}: says what the file is ({@link KeyMaterial#identify}),
 * checks that it belongs to the address, seals private keys with the server key, and stores the
 * result as verified (an administrator or the user put it here). A later import of only the public
 * part keeps the deposited private key; a new copy of an OpenPGP key is merged with the stored one
 * (new user IDs, certifications, revocations: RFC 9580 §10.1).
 */
public final class KeyImport {

    /** What an import did. */
    public sealed interface Result {
        /** @param keys the rows written; @param notes facts for the user (chain stored, etc.) */
        record Imported(List<KeyStore.StoredKey> keys, List<String> notes) implements Result {
            public Imported {
                keys = List.copyOf(keys);
                notes = List.copyOf(notes);
            }
        }

        /** Protected material and no passphrase given: ask for one on standard input. */
        record NeedsPassphrase(String what) implements Result {}

        record WrongPassphrase(String what) implements Result {}

        record Refused(String reason) implements Result {}
    }

    private final CryptoKeys keys;

    public KeyImport(CryptoKeys keys) {
        this.keys = keys;
    }

    /** Imports key material for {@code address} (any form); {@code passphrase} may be null. */
    public Result importKey(String address, byte[] data, char[] passphrase) {
        String a = CryptoKeys.canonical(address);
        Identified id = KeyMaterial.identify(data, passphrase, keys.clock().instant());
        try {
            return switch (id) {
                case Identified.Certificates c -> certificates(a, c.certificates());
                case Identified.SmimeKey k -> smimeKey(a, k.credential());
                case Identified.PgpPublicKeys p -> pgpPublic(a, p.keys());
                case Identified.PgpSecret s -> pgpSecret(a, s.key());
                case Identified.Crls c -> new Result.Refused("the file holds CRLs: list CRL files in [crypto] crl_files instead");
                case Identified.NeedsPassphrase n -> new Result.NeedsPassphrase(n.what());
                case Identified.WrongPassphrase w -> new Result.WrongPassphrase(w.what());
                case Identified.Unrecognised u -> new Result.Refused("not a key or certificate: " + u.reason());
            };
        } catch (IOException e) {
            return new Result.Refused("the server key " + keys.sealKeyFile() + " cannot be used: " + e.getMessage());
        }
    }

    private Result certificates(String address, List<X509Certificate> certs) {
        List<X509Certificate> leaves = new ArrayList<>();
        List<X509Certificate> others = new ArrayList<>();
        for (X509Certificate c : certs) {
            (Certificates.hasAddress(c, address) && c.getBasicConstraints() < 0 ? leaves : others).add(c);
        }
        if (leaves.isEmpty()) {
            return new Result.Refused("no end-entity certificate in the file names " + address + " (found: "
                    + String.join(", ", certs.stream().map(c -> Certificates.describe(c).displayName()).toList())
                    + "); CA certificates are added with: tegami trust add FILE");
        }
        List<KeyStore.StoredKey> rows = new ArrayList<>();
        for (X509Certificate leaf : leaves) {
            String fpr = Certificates.fingerprint(leaf);
            byte[] kept = keys.store().key(address, fpr).map(KeyStore.StoredKey::sealedPrivate).orElse(null);
            rows.add(keys.store().putKey(new KeyStore.NewKey(address, KeyStore.Kind.SMIME, fpr, pem(leaf, others), kept,
                    KeyStore.Trust.VERIFIED, KeyStore.Source.IMPORT)));
        }
        List<String> notes = new ArrayList<>();
        if (!others.isEmpty()) {
            notes.add(others.size() + " more certificate(s) stored as the chain");
        }
        return new Result.Imported(rows, notes);
    }

    private Result smimeKey(String address, SmimeCredential cred) throws IOException {
        if (!Certificates.hasAddress(cred.certificate(), address)) {
            return new Result.Refused("the certificate names " + String.join(", ", Certificates.emailAddresses(cred.certificate()))
                    + ", not " + address);
        }
        String fpr = Certificates.fingerprint(cred.certificate());
        byte[] plain = KeyMaterial.credentialPem(cred);
        byte[] sealed;
        try {
            sealed = keys.sealer().seal(plain, CryptoKeys.sealContext(address, KeyStore.Kind.SMIME, fpr));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        KeyStore.StoredKey row = keys.store().putKey(new KeyStore.NewKey(address, KeyStore.Kind.SMIME, fpr,
                pem(cred.certificate(), cred.chain()), sealed, KeyStore.Trust.VERIFIED, KeyStore.Source.IMPORT));
        return new Result.Imported(List.of(row), List.of("private key sealed with " + keys.sealKeyFile()));
    }

    private Result pgpPublic(String address, List<PGPPublicKeyRing> rings) {
        List<KeyStore.StoredKey> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (PGPPublicKeyRing r : rings) {
            String fpr = PgpPackets.fingerprint(r.getPublicKey());
            if (!names(r, address)) {
                skipped.add(fpr);
                continue;
            }
            KeyStore.StoredKey old = keys.store().key(address, fpr).orElse(null);
            rows.add(keys.store().putKey(new KeyStore.NewKey(address, KeyStore.Kind.PGP, fpr, PgpKeys.encode(merge(old, r)),
                    old == null ? null : old.sealedPrivate(), KeyStore.Trust.VERIFIED, KeyStore.Source.IMPORT)));
        }
        if (rows.isEmpty()) {
            return new Result.Refused("no OpenPGP key in the file has a user ID with " + address + " (keys: "
                    + String.join(", ", skipped) + ")");
        }
        List<String> notes = skipped.isEmpty() ? List.of()
                : List.of("skipped key(s) without a user ID for " + address + ": " + String.join(", ", skipped));
        return new Result.Imported(rows, notes);
    }

    private Result pgpSecret(String address, PgpSecretKey key) throws IOException {
        PGPPublicKeyRing pub = key.publicRing();
        if (!names(pub, address)) {
            return new Result.Refused("the OpenPGP key " + key.fingerprint() + " has no user ID with " + address);
        }
        PgpSecretKey open = PgpKeys.withoutPassphrase(key);
        if (open == null) {
            return new Result.WrongPassphrase("OpenPGP secret key " + key.fingerprint());
        }
        String fpr = key.fingerprint();
        byte[] plain = open.armored();
        byte[] sealed;
        try {
            sealed = keys.sealer().seal(plain, CryptoKeys.sealContext(address, KeyStore.Kind.PGP, fpr));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        KeyStore.StoredKey old = keys.store().key(address, fpr).orElse(null);
        KeyStore.StoredKey row = keys.store().putKey(new KeyStore.NewKey(address, KeyStore.Kind.PGP, fpr,
                PgpKeys.encode(merge(old, pub)), sealed, KeyStore.Trust.VERIFIED, KeyStore.Source.IMPORT));
        return new Result.Imported(List.of(row), List.of("secret key sealed with " + keys.sealKeyFile()
                + " (its passphrase protection is replaced by the seal)"));
    }

    /** The stored copy joined with the new one (signatures and user IDs of both). */
    static PGPPublicKeyRing merge(KeyStore.StoredKey old, PGPPublicKeyRing fresh) {
        PGPPublicKeyRing prev = old == null ? null : AccountKeys.ring(old);
        if (prev == null) {
            return fresh;
        }
        KeyRing r = new KeyRing();
        r.add(prev, KeyTrust.VERIFIED);
        r.add(fresh, KeyTrust.VERIFIED);
        return r.get(PgpPackets.fingerprint(fresh.getPublicKey())).map(KeyRing.Entry::ring).orElse(fresh);
    }

    static boolean names(PGPPublicKeyRing r, String address) {
        for (String e : PgpKeys.emails(r.getPublicKey())) {
            if (e.equalsIgnoreCase(address)) {
                return true;
            }
        }
        return false;
    }

    static byte[] pem(X509Certificate leaf, List<X509Certificate> chain) {
        List<Object> all = new ArrayList<>();
        all.add(leaf);
        all.addAll(chain);
        return Certificates.toPem(all);
    }
}
