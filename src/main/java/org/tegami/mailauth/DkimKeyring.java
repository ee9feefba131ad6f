package org.tegami.mailauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.cryptomail.SealedKeys;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.dkim.DkimSigner;
import org.tegami.dmarc.FromDomain;
import org.tegami.mime.HeaderField;
import org.tegami.store.DkimKeyStore;

/**
 * Our DKIM keys: generation ({@code tegami dkim keygen}), rotation, and signing of outgoing mail
 * with the newest active key per algorithm of the From domain (or of its nearest parent that has
 * keys). Private keys are sealed with DATA/seal.key before they reach the store
 * (docs/adr/0006-dkim-key-storage.md). Keys are read from the store and cached for
 * {@link #CACHE_MILLIS}, so a running server starts signing with keys the CLI adds.
 */
public final class DkimKeyring {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.dkim");
    /** How long the signing keys of a domain are cached (also "no keys"). */
    static final long CACHE_MILLIS = 10_000;
    /** The file holding the key that seals private keys at rest. */
    public static final String SEALING_KEY_FILE = "seal.key";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** A key as generated, with what to publish. */
    public record Generated(String domain, String selector, DkimAlgorithm algorithm, String publicTxt, DkimKeyStore.State state) {}

    private record Cached(List<DkimSigner.SigningKey> keys, long expires) {}

    private final DkimKeyStore store;
    private final SealedKeys sealer;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public DkimKeyring(DkimKeyStore store, SealedKeys sealer, Clock clock, SecureRandom random) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
        this.random = random;
    }

    /** Opens the keyring of a data directory, creating its sealing key (0600) on first use. */
    public static DkimKeyring open(DkimKeyStore store, Path dataDir, Clock clock) throws IOException {
        SecureRandom random = new SecureRandom();
        Path file = dataDir.resolve(SEALING_KEY_FILE);
        SealedKeys sealer;
        try {
            sealer = SealedKeys.openOrCreate(file, random);
        } catch (SealedKeys.KeyFileException e) {
            if (!e.getMessage().contains("already exists")) {
                throw e;
            }
            sealer = SealedKeys.open(file, random); // created by another process just now
        }
        return new DkimKeyring(store, sealer, clock, random);
    }

    public DkimKeyStore store() {
        return store;
    }

    /**
     * Generates a key per algorithm (RSA-2048 and Ed25519 when {@code algorithm} is null) and
     * stores it sealed. Without a selector: "YYYYMMr" / "YYYYMMe" (then "YYYYMMDDr", "YYYYMMDDr2"...
     * when taken). An active key retires the domain's previous active key of its algorithm.
     */
    public List<Generated> generate(String domain, String selector, DkimAlgorithm algorithm, boolean standby) {
        if (selector != null && algorithm == null) {
            throw new IllegalArgumentException("--selector names one key: give --algorithm rsa or ed25519 too");
        }
        if (selector != null && !validSelector(selector)) {
            throw new IllegalArgumentException("invalid selector \"" + selector + "\": letters, digits, '-' and '.' (RFC 6376 §3.1)");
        }
        List<DkimAlgorithm> algorithms = algorithm == null
                ? List.of(DkimAlgorithm.RSA_SHA256, DkimAlgorithm.ED25519_SHA256) : List.of(algorithm);
        List<Generated> out = new ArrayList<>();
        for (DkimAlgorithm alg : algorithms) {
            String sel = selector != null ? selector.toLowerCase(Locale.ROOT) : freeSelector(domain, alg);
            DkimKeys.GeneratedKey k = DkimKeys.generate(alg, random);
            byte[] sealed = sealer.seal(k.privateKeyPem().getBytes(StandardCharsets.US_ASCII), context(domain, sel));
            DkimKeyStore.State state = standby ? DkimKeyStore.State.STANDBY : DkimKeyStore.State.ACTIVE;
            store.add(domain, sel, alg.tag(), sealed, k.dnsTxt(), state, clock.millis());
            out.add(new Generated(domain, sel, alg, k.dnsTxt(), state));
        }
        cache.clear();
        return out;
    }

    private String freeSelector(String domain, DkimAlgorithm alg) {
        String suffix = alg == DkimAlgorithm.ED25519_SHA256 ? "e" : "r";
        List<String> candidates = List.of(MONTH.format(clock.instant()) + suffix, DAY.format(clock.instant()) + suffix);
        for (String c : candidates) {
            if (store.key(domain, c).isEmpty()) {
                return c;
            }
        }
        for (int n = 2; ; n++) {
            String c = DAY.format(clock.instant()) + suffix + n;
            if (store.key(domain, c).isEmpty()) {
                return c;
            }
        }
    }

    /** RFC 6376 §3.1: selector = sub-domain (dot-separated labels of letters, digits and hyphens). */
    static boolean validSelector(String s) {
        return s.length() <= 253 && s.matches("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    }

    /** The associated data of a sealed key: a sealed key cannot be moved to another domain or selector. */
    static String context(String domain, String selector) {
        return "dkim " + domain + " " + selector;
    }

    public List<DkimKeyStore.Key> list(String domain) {
        return store.keys(domain);
    }

    public boolean remove(String domain, String selector) {
        boolean removed = store.remove(domain, selector.toLowerCase(Locale.ROOT));
        cache.clear();
        return removed;
    }

    public boolean activate(String domain, String selector) {
        boolean done = store.activate(domain, selector.toLowerCase(Locale.ROOT), clock.millis());
        cache.clear();
        return done;
    }

    /**
     * The keys to sign mail from {@code fromDomain} with: the active keys of that domain, or else
     * of its nearest parent domain that has some (relaxed alignment, RFC 7489 §3.1.1). Empty when
     * none; cached briefly.
     */
    public List<DkimSigner.SigningKey> signingKeys(String fromDomain) {
        String d = fromDomain.toLowerCase(Locale.ROOT);
        while (true) {
            List<DkimSigner.SigningKey> keys = activeKeys(d);
            if (!keys.isEmpty()) {
                return keys;
            }
            int dot = d.indexOf('.');
            if (dot < 0 || d.indexOf('.', dot + 1) < 0) {
                return List.of(); // never a top-level domain
            }
            d = d.substring(dot + 1);
        }
    }

    private List<DkimSigner.SigningKey> activeKeys(String domain) {
        long now = clock.millis();
        Cached c = cache.get(domain);
        if (c != null && c.expires() > now) {
            return c.keys();
        }
        List<DkimSigner.SigningKey> keys = new ArrayList<>();
        for (DkimKeyStore.Key k : store.keys(domain)) {
            if (k.state() == DkimKeyStore.State.ACTIVE && keys.stream().noneMatch(x -> sameAlgorithm(x, k))) {
                DkimSigner.SigningKey sk = unseal(k);
                if (sk != null) {
                    keys.add(sk);
                }
            }
        }
        // RSA on top: a verifier that looks only at the first signature most likely knows RSA (RFC 8463 §5)
        keys.sort(java.util.Comparator.comparing(DkimKeyring::isEd25519));
        List<DkimSigner.SigningKey> result = List.copyOf(keys);
        cache.put(domain, new Cached(result, now + CACHE_MILLIS));
        return result;
    }

    private static boolean isEd25519(DkimSigner.SigningKey k) {
        return k.privateKey().getAlgorithm().startsWith("Ed");
    }

    private static boolean sameAlgorithm(DkimSigner.SigningKey have, DkimKeyStore.Key k) {
        try {
            return have.algorithm().tag().equals(k.algorithm());
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    private DkimSigner.SigningKey unseal(DkimKeyStore.Key k) {
        switch (sealer.unseal(k.sealedPrivateKey(), context(k.domain(), k.selector()))) {
            case SealedKeys.Unsealed.Opened o -> {
                try {
                    return new DkimSigner.SigningKey(k.domain(), k.selector(),
                            DkimKeys.readPrivateKey(new String(o.plaintext(), StandardCharsets.US_ASCII)));
                } catch (InvalidKeyException e) {
                    LOG.error("DKIM key {} of {} is unusable: {}", k.selector(), k.domain(), e.getMessage());
                    return null;
                }
            }
            case SealedKeys.Unsealed.Failed f -> {
                LOG.error("DKIM key {} of {} cannot be unsealed ({}); is DATA/{} the one it was made with?", k.selector(),
                        k.domain(), f.reason(), SEALING_KEY_FILE);
                return null;
            }
        }
    }

    /**
     * The DKIM-Signature fields (each ending in CRLF) for a message from one of our domains, or an
     * empty list when its From domain has no keys. A key that fails to sign is logged and skipped;
     * mail is never held back for want of a signature.
     */
    public List<String> signatureFields(byte[] message) {
        String from = fromDomain(message);
        if (from == null) {
            return List.of();
        }
        List<DkimSigner.SigningKey> keys = signingKeys(from);
        if (keys.isEmpty()) {
            return List.of();
        }
        try {
            return new DkimSigner(keys, clock).sign(message);
        } catch (InvalidKeyException e) {
            LOG.error("DKIM signing for {} failed: {}", from, e.getMessage());
            return List.of();
        }
    }

    /** The message with DKIM-Signature fields on top when its From domain has keys, else unchanged. */
    public byte[] sign(byte[] message) {
        List<String> fields = signatureFields(message);
        if (fields.isEmpty()) {
            return message;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length + 1200);
        fields.forEach(f -> out.writeBytes(f.getBytes(StandardCharsets.US_ASCII)));
        out.writeBytes(message);
        return out.toByteArray();
    }

    /** The domain of the (first) From address, or null. */
    static String fromDomain(byte[] message) {
        List<HeaderField> from = new ArrayList<>();
        for (HeaderFields.Field f : HeaderFields.of(message)) {
            if (f.name().equalsIgnoreCase("From")) {
                from.add(HeaderField.of(f.name(), f.value()));
            }
        }
        FromDomain fd = FromDomain.of(from);
        return fd.domains().isEmpty() ? null : fd.domains().get(0);
    }
}
