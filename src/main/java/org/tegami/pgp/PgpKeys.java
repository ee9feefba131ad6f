package org.tegami.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;

/**
 * Reading OpenPGP keys from the bytes people have (armoured or binary; one or many; public or
 * secret: RFC 9580 §10.1 transferable keys, RFC 4880 v4 keys included), and unlocking secret
 * keys with a passphrase. Never throws on malformed input.
 */
public final class PgpKeys {

    private PgpKeys() {}

    /** What a block of key data held. */
    /**
     * @param revocations stand-alone key revocation signatures (revocation certificates, RFC 9580
     *     §10.1: a key revocation signature published on its own)
     */
    public record KeyData(List<PGPPublicKeyRing> publicRings, List<PGPSecretKeyRing> secretRings,
            List<PGPSignature> revocations, List<String> problems) {
        public KeyData {
            publicRings = List.copyOf(publicRings);
            secretRings = List.copyOf(secretRings);
            revocations = List.copyOf(revocations);
            problems = List.copyOf(problems);
        }

        public boolean isEmpty() {
            return publicRings.isEmpty() && secretRings.isEmpty();
        }
    }

    /** The outcome of opening a secret key with a passphrase. */
    public sealed interface SecretKeyResult {
        record Loaded(PgpSecretKey key) implements SecretKeyResult {}

        record WrongPassphrase(String fingerprint) implements SecretKeyResult {}

        record NotASecretKey(String reason) implements SecretKeyResult {}
    }

    /** Reads every public and secret key ring in the data. */
    public static KeyData read(byte[] data) {
        List<PGPPublicKeyRing> pub = new ArrayList<>();
        List<PGPSecretKeyRing> sec = new ArrayList<>();
        List<PGPSignature> revs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        byte[] bin;
        try {
            bin = PgpPackets.binary(data);
        } catch (IOException e) {
            return new KeyData(pub, sec, revs, List.of("unreadable OpenPGP armour: " + e.getMessage()));
        }
        String bad = PgpPackets.guard(bin);
        if (bad != null) {
            return new KeyData(pub, sec, revs, List.of(bad));
        }
        try {
            JcaPGPObjectFactory f = new JcaPGPObjectFactory(new ByteArrayInputStream(bin));
            for (int n = 0; n < 10_000; n++) {
                Object o = f.nextObject();
                if (o == null) {
                    break;
                }
                if (o instanceof PGPPublicKeyRing r) {
                    pub.add(r);
                } else if (o instanceof PGPSecretKeyRing r) {
                    sec.add(r);
                } else if (o instanceof PGPSignatureList sl) {
                    for (PGPSignature sig : sl) {
                        if (sig.getSignatureType() == PGPSignature.KEY_REVOCATION && revs.size() < 100) {
                            revs.add(sig);
                        } else {
                            problems.add("ignored a signature of type " + sig.getSignatureType() + " that is not attached to a key");
                        }
                    }
                } else {
                    problems.add("ignored " + o.getClass().getSimpleName() + " (not a key)");
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("damaged key data: " + message(e));
        }
        return new KeyData(pub, sec, revs, problems);
    }

    /**
     * Opens the first secret key ring in the data with the passphrase (null or empty for an
     * unprotected key) and checks that the passphrase unlocks every protected key in it.
     */
    public static SecretKeyResult readSecret(byte[] data, char[] passphrase) {
        KeyData kd = read(data);
        if (kd.secretRings().isEmpty()) {
            return new SecretKeyResult.NotASecretKey(kd.problems().isEmpty() ? "no secret key in the data"
                    : String.join("; ", kd.problems()));
        }
        PGPSecretKeyRing ring = kd.secretRings().get(0);
        PgpSecretKey key = new PgpSecretKey(ring, passphrase == null ? new char[0] : passphrase.clone());
        for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext();) {
            PGPSecretKey sk = it.next();
            if (sk.isPrivateKeyEmpty()) {
                continue; // gnu-dummy stub (e.g. primary kept offline)
            }
            if (unlock(sk, key.passphrase()) == null) {
                return new SecretKeyResult.WrongPassphrase(PgpPackets.fingerprint(ring.getPublicKey()));
            }
        }
        return new SecretKeyResult.Loaded(key);
    }

    /** The private key, or null when the passphrase is wrong or the key cannot be opened. */
    static PGPPrivateKey unlock(PGPSecretKey sk, char[] passphrase) {
        try {
            return sk.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(
                    new JcaPGPDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                    .setProvider(Bc.PROVIDER).build(passphrase));
        } catch (PGPException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The same secret key with its protection removed, for storage inside a sealed blob (the
     * server key protects it there; see {@code SealedKeys}); null when the passphrase is wrong.
     */
    public static PgpSecretKey withoutPassphrase(PgpSecretKey key) {
        try {
            PGPSecretKeyRing open = PGPSecretKeyRing.copyWithNewPassword(key.ring(),
                    new JcePBESecretKeyDecryptorBuilder(new JcaPGPDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                            .setProvider(Bc.PROVIDER).build(key.passphrase()), null);
            return new PgpSecretKey(open, new char[0]);
        } catch (PGPException | RuntimeException e) {
            return null;
        }
    }

    /** Binary encoding of a public key ring. */
    public static byte[] encode(PGPPublicKeyRing ring) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ring.encode(out, true);
        } catch (IOException e) {
            throw new IllegalStateException("encoding to memory failed", e);
        }
        return out.toByteArray();
    }

    /** The armoured public key block ("-----BEGIN PGP PUBLIC KEY BLOCK-----"). */
    public static byte[] armor(PGPPublicKeyRing ring) {
        return PgpPackets.armor(encode(ring));
    }

    /** The addr-spec in a user ID ("Alice <alice@example.test>" or a bare address), or null. */
    public static String email(String userId) {
        if (userId == null) {
            return null;
        }
        Address a = AddressParser.parseFirst(userId);
        if (a == null || a.address() == null) {
            return null;
        }
        String addr = a.address();
        int at = addr.lastIndexOf('@');
        return addr.substring(0, at) + addr.substring(at).toLowerCase(Locale.ROOT);
    }

    /** Every e-mail address in the user IDs of a key. */
    public static List<String> emails(PGPPublicKey primary) {
        List<String> out = new ArrayList<>();
        for (Iterator<byte[]> it = primary.getRawUserIDs(); it.hasNext();) {
            String e = email(new String(it.next(), java.nio.charset.StandardCharsets.UTF_8));
            if (e != null && !out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** A key ID for people: 16 hex digits, or a note when the signature named none. */
    static String keyIdOrUnknown(long keyId) {
        return keyId == 0 ? "(unnamed)" : PgpPackets.keyId(keyId);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
