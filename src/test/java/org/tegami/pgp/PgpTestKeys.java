package org.tegami.pgp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;

/** OpenPGP keys for tests, generated once per JVM, plus helpers to revoke and certify keys. */
public final class PgpTestKeys {

    public static final SecureRandom RANDOM = new SecureRandom();
    public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final Instant CREATED = NOW.minus(Duration.ofDays(30));

    private static PgpSecretKey alice;
    private static PgpSecretKey bob;
    private static PgpSecretKey carol;

    private PgpTestKeys() {}

    /** Ed25519/X25519, passphrase "alice-pw", valid two years. */
    public static synchronized PgpSecretKey alice() {
        if (alice == null) {
            alice = PgpKeyGenerator.generate("Alice Example <alice@example.test>", PgpKeyGenerator.KeyType.ED25519,
                    "alice-pw".toCharArray(), CREATED, Duration.ofDays(730), RANDOM);
        }
        return alice;
    }

    /** RSA-3072, passphrase "bob-pw", no expiry. */
    public static synchronized PgpSecretKey bob() {
        if (bob == null) {
            bob = PgpKeyGenerator.generate("Bob Example <bob@example.test>", PgpKeyGenerator.KeyType.RSA_3072,
                    "bob-pw".toCharArray(), CREATED, null, RANDOM);
        }
        return bob;
    }

    /** Ed25519/X25519, no passphrase. */
    public static synchronized PgpSecretKey carol() {
        if (carol == null) {
            carol = PgpKeyGenerator.generate("Carol <carol@example.test>", PgpKeyGenerator.KeyType.ED25519,
                    new char[0], CREATED, null, RANDOM);
        }
        return carol;
    }

    /** A copy of the key's public ring with a key revocation signature added (RFC 9580 §5.2.1.10). */
    public static PGPPublicKeyRing revoked(PgpSecretKey key, byte reason, Instant when) throws Exception {
        PGPPublicKey pub = key.publicRing().getPublicKey();
        PGPPrivateKey priv = key.privateKey(pub.getKeyID());
        PGPSignatureGenerator g = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(pub.getAlgorithm(),
                HashAlgorithmTags.SHA512).setProvider(Bc.PROVIDER), pub);
        g.init(PGPSignature.KEY_REVOCATION, priv);
        PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
        h.setSignatureCreationTime(true, Date.from(when));
        h.setRevocationReason(true, reason, reason == RevocationReasonTags.KEY_COMPROMISED ? "stolen laptop" : "new key");
        g.setHashedSubpackets(h.generate());
        PGPSignature rev = g.generateCertification(pub);
        return PGPPublicKeyRing.insertPublicKey(key.publicRing(), PGPPublicKey.addCertification(pub, rev));
    }

    /** {@code certified}'s public ring with a certification of its first user ID by {@code issuer}. */
    public static PGPPublicKeyRing certifiedBy(PGPPublicKeyRing certified, PgpSecretKey issuer, Instant when) throws Exception {
        PGPPublicKey target = certified.getPublicKey();
        String uid = target.getUserIDs().next();
        PGPPublicKey ipub = issuer.publicRing().getPublicKey();
        PGPSignatureGenerator g = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(ipub.getAlgorithm(),
                HashAlgorithmTags.SHA512).setProvider(Bc.PROVIDER), ipub);
        g.init(PGPSignature.CASUAL_CERTIFICATION, issuer.privateKey(ipub.getKeyID()));
        PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
        h.setSignatureCreationTime(true, Date.from(when));
        h.setIssuerFingerprint(false, ipub);
        g.setHashedSubpackets(h.generate());
        PGPSignature cert = g.generateCertification(uid, target);
        return PGPPublicKeyRing.insertPublicKey(certified, PGPPublicKey.addCertification(target, uid, cert));
    }

    public static KeyRing ring(KeyTrust trust, PgpSecretKey... keys) {
        KeyRing r = new KeyRing();
        for (PgpSecretKey k : keys) {
            r.add(k.publicRing(), trust);
        }
        return r;
    }
}
