package org.tegami.keys;

import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tegami.config.CryptoConfig;
import org.tegami.cryptomail.CryptoGateway;
import org.tegami.cryptomail.KeyMaterial;
import org.tegami.cryptomail.SealedKeys;
import org.tegami.pgp.KeyEvaluator;
import org.tegami.pgp.PgpKeys;
import org.tegami.smime.CertificateInfo;
import org.tegami.smime.Certificates;
import org.tegami.smime.SmimeEncryptor;
import org.tegami.store.KeyStore;

/**
 * The key, trust and policy operations behind {@code tegami keys|trust|crypto} (and later a web
 * page): validated, canonicalised, written straight to the store so a running server sees them at
 * once. Problems are {@link IllegalArgumentException}s with one clear sentence.
 */
public final class KeyAdmin {

    private final CryptoKeys keys;

    public KeyAdmin(CryptoKeys keys) {
        this.keys = keys;
    }

    public KeyImport.Result importKey(String address, byte[] data, char[] passphrase) {
        return new KeyImport(keys).importKey(address, data, passphrase);
    }

    /** Listing lines of every key of an address (or of all addresses). */
    public List<String> list(String addressOrNull) {
        String a = addressOrNull == null ? null : CryptoKeys.canonical(addressOrNull);
        CryptoKeys.Snapshot s = keys.snapshot();
        List<String> out = new ArrayList<>();
        for (KeyStore.StoredKey k : keys.store().keys(a)) {
            out.addAll(KeyListing.describe(k, s, keys.clock().instant()));
        }
        return out;
    }

    /**
     * The public certificates/keys of an address (PEM, armoured OpenPGP), or with {@code
     * withPrivate} the deposited private keys too, unsealed (PEM private key + certificate chain,
     * unprotected armoured OpenPGP secret key). {@code fingerprint} may be null for all.
     */
    public byte[] export(String address, String fingerprint, boolean withPrivate) {
        String a = CryptoKeys.canonical(address);
        List<KeyStore.StoredKey> rows = selected(a, fingerprint);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (KeyStore.StoredKey k : rows) {
            if (withPrivate && !k.hasPrivate()) {
                continue;
            }
            byte[] b = withPrivate ? unsealed(k) : k.kind() == KeyStore.Kind.SMIME ? k.publicData()
                    : PgpKeys.armor(AccountKeys.ring(k));
            out.writeBytes(b);
            Arrays.fill(b, (byte) 0);
        }
        if (out.size() == 0) {
            throw new IllegalArgumentException(withPrivate ? "no private key deposited for " + a : "no key for " + a);
        }
        return out.toByteArray();
    }

    private byte[] unsealed(KeyStore.StoredKey k) {
        try {
            return switch (keys.sealer().unseal(k.sealedPrivate(), CryptoKeys.sealContext(k.address(), k.kind(), k.fingerprint()))) {
                case SealedKeys.Unsealed.Opened o -> o.plaintext();
                case SealedKeys.Unsealed.Failed f -> throw new IllegalArgumentException("the private key " + k.fingerprint()
                        + " cannot be unsealed with " + keys.sealKeyFile() + ": " + f.reason());
            };
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the server key " + keys.sealKeyFile() + " cannot be opened: " + e.getMessage());
        }
    }

    private List<KeyStore.StoredKey> selected(String address, String fingerprint) {
        List<KeyStore.StoredKey> rows = keys.store().keys(address);
        if (fingerprint == null) {
            return rows;
        }
        String f = CryptoKeys.fingerprint(fingerprint);
        List<KeyStore.StoredKey> match = rows.stream().filter(k -> k.fingerprint().equals(f)).toList();
        if (match.isEmpty()) {
            throw new IllegalArgumentException("no key " + f + " for " + address);
        }
        return match;
    }

    /** Removes one key of an address; false if there was none. Also ends encryption at rest to it. */
    public boolean remove(String address, String fingerprint) {
        String a = CryptoKeys.canonical(address);
        String f = CryptoKeys.fingerprint(fingerprint);
        KeyStore.Settings s = keys.store().settings(a).orElse(null);
        if (s != null && f.equals(s.atRestKey())) {
            throw new IllegalArgumentException("key " + f + " encrypts " + a + "'s mail at rest; first run: tegami crypto at-rest "
                    + a + " --off (or choose another key)");
        }
        return keys.store().removeKey(a, f);
    }

    // ---- trust anchors

    /** Adds every certificate of a PEM/DER file as a trust anchor; returns their descriptions. */
    public List<String> trustAdd(byte[] data) {
        KeyMaterial.Identified id = KeyMaterial.identify(data, null, keys.clock().instant());
        if (!(id instanceof KeyMaterial.Identified.Certificates c)) {
            throw new IllegalArgumentException("the file holds no CA certificate (PEM or DER expected)");
        }
        List<String> out = new ArrayList<>();
        for (X509Certificate cert : c.certificates()) {
            CertificateInfo i = Certificates.describe(cert);
            boolean added;
            try {
                added = keys.store().addTrustAnchor(new KeyStore.TrustAnchor(i.fingerprint(), i.subject(), cert.getEncoded(),
                        System.currentTimeMillis()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode the certificate " + i.subject());
            }
            out.add((added ? "added " : "already trusted: ") + i.fingerprint() + "  " + i.subject()
                    + (i.certificateAuthority() ? "" : "  (warning: not a CA certificate; trusted directly)"));
        }
        return out;
    }

    public List<String> trustList() {
        List<String> out = new ArrayList<>();
        for (KeyStore.TrustAnchor a : keys.store().trustAnchors()) {
            List<X509Certificate> c = Certificates.readPem(a.der(), null).certificates();
            String valid = c.isEmpty() ? "" : "  valid to " + c.get(0).getNotAfter().toInstant().toString().substring(0, 10);
            out.add(a.fingerprint() + "  " + a.subject() + valid);
        }
        return out;
    }

    public boolean trustRemove(String fingerprint) {
        return keys.store().removeTrustAnchor(CryptoKeys.fingerprint(fingerprint));
    }

    // ---- policies

    /**
     * Sets the gateway settings of a domain or an account; null arguments leave a setting as it
     * is, "inherit" clears it. Returns the scope in canonical form.
     */
    public String setPolicy(String scopeInput, String sign, String encrypt, String decrypt) {
        String scope = scope(scopeInput);
        KeyStore.Settings s = keys.store().settings(scope).orElse(KeyStore.Settings.empty(scope));
        String newSign = s.sign();
        if (sign != null) {
            newSign = sign.equals("inherit") ? null : check(sign, CryptoConfig.signPolicy(sign), "--sign", "never, always");
        }
        String newEncrypt = s.encrypt();
        if (encrypt != null) {
            newEncrypt = encrypt.equals("inherit") ? null
                    : check(encrypt, CryptoConfig.encryptPolicy(encrypt), "--encrypt", "never, when-possible, required");
        }
        Boolean newDecrypt = s.decrypt();
        if (decrypt != null) {
            newDecrypt = switch (decrypt) {
                case "inherit" -> null;
                case "on", "yes", "true" -> true;
                case "off", "no", "false" -> false;
                default -> throw new IllegalArgumentException("--decrypt must be on, off or inherit (got \"" + decrypt + "\")");
            };
        }
        keys.store().putSettings(new KeyStore.Settings(scope, newSign, newEncrypt, newDecrypt, s.atRestKey()));
        return scope;
    }

    private static String check(String word, Enum<?> parsed, String option, String allowed) {
        if (parsed == null) {
            throw new IllegalArgumentException(option + " must be one of " + allowed + " or inherit (got \"" + word + "\")");
        }
        return word;
    }

    /** The effective policy of an account, or the settings of a domain, as lines. */
    public List<String> showPolicy(String scopeInput) {
        String scope = scope(scopeInput);
        List<String> out = new ArrayList<>();
        if (scope.contains("@")) {
            Policy p = keys.policy(scope);
            out.add("sign = " + CryptoConfig.word(p.sign()) + "  (from " + p.signFrom() + ")");
            out.add("encrypt = " + CryptoConfig.word(p.encrypt()) + "  (from " + p.encryptFrom() + ")");
            out.add("decrypt = " + (p.decrypt() ? "on" : "off") + "  (from " + p.decryptFrom() + ")");
            out.add("at-rest = " + (p.atRestKey() == null ? "off" : p.atRestKey()));
        } else {
            KeyStore.Settings s = keys.store().settings(scope).orElse(KeyStore.Settings.empty(scope));
            out.add("sign = " + (s.sign() == null ? CryptoConfig.word(keys.config().sign()) + "  (from config)" : s.sign()));
            out.add("encrypt = " + (s.encrypt() == null ? CryptoConfig.word(keys.config().encrypt()) + "  (from config)" : s.encrypt()));
            out.add("decrypt = " + (s.decrypt() == null ? "off  (default)" : s.decrypt() ? "on" : "off"));
        }
        return out;
    }

    /** Scopes with settings of their own, one line each. */
    public List<String> listPolicies() {
        List<String> out = new ArrayList<>();
        for (KeyStore.Settings s : keys.store().allSettings()) {
            out.add(s.scope() + "  sign=" + orInherit(s.sign()) + "  encrypt=" + orInherit(s.encrypt()) + "  decrypt="
                    + (s.decrypt() == null ? "inherit" : s.decrypt() ? "on" : "off")
                    + (s.atRestKey() == null ? "" : "  at-rest=" + s.atRestKey()));
        }
        return out;
    }

    private static String orInherit(String s) {
        return s == null ? "inherit" : s;
    }

    /**
     * Turns encryption at rest on (with one of the account's own keys, one that can encrypt now)
     * or off ({@code fingerprint} null).
     */
    public String setAtRest(String address, String fingerprint) {
        String a = CryptoKeys.canonical(address);
        KeyStore.Settings s = keys.store().settings(a).orElse(KeyStore.Settings.empty(a));
        String f = null;
        if (fingerprint != null) {
            f = CryptoKeys.fingerprint(fingerprint);
            KeyStore.StoredKey k = keys.store().key(a, f).orElseThrow(() -> new IllegalArgumentException(
                    "no key " + CryptoKeys.fingerprint(fingerprint) + " for " + a + "; import it first: tegami keys import " + a + " FILE"));
            if (k.trust() != KeyStore.Trust.VERIFIED) {
                throw new IllegalArgumentException("key " + k.fingerprint() + " was learned from mail; import the account's own key");
            }
            String problem = encryptionProblem(k);
            if (problem != null) {
                throw new IllegalArgumentException("key " + k.fingerprint() + " cannot be encrypted to: " + problem);
            }
        }
        keys.store().putSettings(new KeyStore.Settings(a, s.sign(), s.encrypt(), s.decrypt(), f));
        return a;
    }

    private String encryptionProblem(KeyStore.StoredKey k) {
        var now = keys.clock().instant();
        CryptoGateway.AtRestKey key = AccountKeys.atRestKey(k);
        return switch (key) {
            case null -> "the stored key cannot be read";
            case CryptoGateway.AtRestKey.Smime s -> SmimeEncryptor.recipientProblem(s.certificate(), now);
            case CryptoGateway.AtRestKey.Pgp p -> KeyEvaluator.evaluate(p.key(), now).encryptionKey(now) == null
                    ? "it has no valid encryption subkey (expired or revoked?)" : null;
        };
    }

    /** A domain (lower-case) or an account address (canonical). */
    private static String scope(String input) {
        String s = input.strip();
        if (s.contains("@")) {
            return CryptoKeys.canonical(s);
        }
        String d = s.toLowerCase(Locale.ROOT);
        if (!d.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("\"" + input + "\" is neither a domain nor an address");
        }
        return d;
    }
}
