package org.tegami.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.config.CryptoConfig;
import org.tegami.cryptomail.CryptoGateway;
import org.tegami.cryptomail.SealedKeys;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpKeys;
import org.tegami.smime.Certificates;
import org.tegami.smime.TrustStore;
import org.tegami.smtp.AddressException;
import org.tegami.smtp.MailAddress;
import org.tegami.store.KeyStore;

/**
 * The server's view of its mail-crypto state (issue 7): trust anchors, certificates and OpenPGP
 * keys from the {@link KeyStore}, CRL files and defaults from [crypto], and the server key that
 * seals private keys. The parsed trust store and keyring are cached and rebuilt when the store's
 * generation changes (an admin command in another process) or a CRL file changes, so a running
 * server sees new keys and policies at once. Thread-safe.
 */
public final class CryptoKeys {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.crypto");

    /** What the stages work on: built from the store at one generation. */
    public record Snapshot(long generation, TrustStore trust, KeyRing keyring, Map<String, KeyStore.Settings> settings) {}

    private final KeyStore store;
    private final CryptoConfig config;
    private final Path sealKeyFile;
    private final Clock clock;
    private final SecureRandom random;
    private final ReentrantLock lock = new ReentrantLock();
    private Snapshot snapshot;
    private String crlStamp;
    private SealedKeys sealer;

    public CryptoKeys(KeyStore store, CryptoConfig config, Path dataDir, Clock clock, SecureRandom random) {
        this.store = store;
        this.config = config;
        this.sealKeyFile = config.sealKeyFile() == null ? dataDir.resolve("seal.key") : Path.of(config.sealKeyFile());
        this.clock = clock;
        this.random = random;
    }

    public KeyStore store() {
        return store;
    }

    public CryptoConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public SecureRandom random() {
        return random;
    }

    public Path sealKeyFile() {
        return sealKeyFile;
    }

    /** The sealing key, opened (or created with mode 0600) on first use. */
    public SealedKeys sealer() throws IOException {
        lock.lock();
        try {
            if (sealer == null) {
                sealer = SealedKeys.openOrCreate(sealKeyFile, random);
            }
            return sealer;
        } finally {
            lock.unlock();
        }
    }

    /** The current trust store, keyring and settings (rebuilt only when something changed). */
    public Snapshot snapshot() {
        long gen = store.generation();
        String stamp = crlStamp();
        lock.lock();
        try {
            if (snapshot == null || snapshot.generation() != gen || !stamp.equals(crlStamp)) {
                snapshot = load(gen);
                crlStamp = stamp;
            }
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    /** The policy in force for an account (canonical address). */
    public Policy policy(String address) {
        return Policy.resolve(address, snapshot().settings(), config);
    }

    /** A gateway on the current snapshot. */
    public CryptoGateway gateway() {
        Snapshot s = snapshot();
        return new CryptoGateway(s.trust(), s.keyring(), clock, random);
    }

    private Snapshot load(long gen) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (KeyStore.TrustAnchor a : store.trustAnchors()) {
            anchors.addAll(Certificates.readPem(a.der(), null).certificates());
        }
        List<X509Certificate> intermediates = new ArrayList<>();
        for (KeyStore.StoredKey k : store.keys(KeyStore.Kind.SMIME)) {
            List<X509Certificate> certs = Certificates.readPem(k.publicData(), null).certificates();
            intermediates.addAll(certs.subList(Math.min(1, certs.size()), certs.size()));
        }
        KeyRing ring = new KeyRing();
        for (KeyStore.StoredKey k : store.keys(KeyStore.Kind.PGP)) {
            for (PGPPublicKeyRing r : PgpKeys.read(k.publicData()).publicRings()) {
                ring.add(r, k.trust() == KeyStore.Trust.VERIFIED ? KeyTrust.VERIFIED : KeyTrust.UNVERIFIED);
            }
        }
        Map<String, KeyStore.Settings> settings = new HashMap<>();
        for (KeyStore.Settings s : store.allSettings()) {
            settings.put(s.scope(), s);
        }
        TrustStore trust = new TrustStore(anchors, intermediates, crls());
        return new Snapshot(gen, trust, ring, Map.copyOf(settings));
    }

    /** The CRLs of [crypto] crl_files; an unreadable file is logged and skipped (never fetched). */
    private List<X509CRL> crls() {
        List<X509CRL> out = new ArrayList<>();
        for (String f : config.crlFiles()) {
            try {
                Certificates.PemBundle b = Certificates.readPem(Files.readAllBytes(Path.of(f)), null);
                if (b.crls().isEmpty()) {
                    LOG.warn("[crypto] crl_files: {} holds no CRL", f);
                }
                out.addAll(b.crls());
            } catch (IOException e) {
                LOG.warn("[crypto] crl_files: cannot read {}: {}", f, e.getMessage());
            }
        }
        return out;
    }

    private String crlStamp() {
        StringBuilder sb = new StringBuilder();
        for (String f : config.crlFiles()) {
            try {
                Path p = Path.of(f);
                sb.append(Files.getLastModifiedTime(p).toMillis()).append('/').append(Files.size(p)).append(';');
            } catch (IOException e) {
                sb.append("missing;");
            }
        }
        return sb.toString();
    }

    /** Canonical form of an address (lower case); IllegalArgumentException when it is not one. */
    public static String canonical(String address) {
        try {
            return MailAddress.parse(address.strip()).key();
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid address \"" + address + "\": " + e.getMessage());
        }
    }

    /** Canonical form of a fingerprint: upper-case hex without spaces or colons. */
    public static String fingerprint(String input) {
        String f = input.replace(" ", "").replace(":", "").toUpperCase(Locale.ROOT);
        if (!f.matches("[0-9A-F]{16,64}")) {
            throw new IllegalArgumentException("invalid fingerprint \"" + input + "\" (hex digits expected)");
        }
        return f;
    }

    /** The sealing context of an address's private key: binds the sealed blob to its row. */
    static String sealContext(String address, KeyStore.Kind kind, String fingerprint) {
        return "tegami private key; " + kind.name().toLowerCase(Locale.ROOT) + "; " + address + "; " + fingerprint;
    }
}
