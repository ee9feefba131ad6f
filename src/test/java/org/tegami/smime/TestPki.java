package org.tegami.smime;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small PKI for tests, built once per JVM with Bouncy Castle: root and intermediate CAs, users
 * with RSA and EC keys, and the bad cases (expired, revoked with a CRL, wrong usage, foreign root,
 * weak key). Certificates are valid around the real current time so openssl accepts them too.
 */
public final class TestPki {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static TestPki instance;

    public final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    public final SmimeCredential root;
    public final SmimeCredential intermediate;
    public final SmimeCredential alice;      // RSA-2048, alice@example.test, via intermediate
    public final SmimeCredential bob;        // EC P-256, bob@example.test, via intermediate
    public final SmimeCredential carol;      // RSA-2048, directly under root
    public final SmimeCredential expired;    // expired a year ago
    public final SmimeCredential revoked;    // revoked in crl
    public final SmimeCredential serverOnly; // EKU serverAuth only
    public final SmimeCredential foreign;    // chains to a root nobody trusts
    public final SmimeCredential weak;       // RSA-1024
    public final X509CRL crl;                // issued by intermediate, revokes `revoked`

    private TestPki() throws Exception {
        KeyPair rootKeys = rsa(2048);
        root = ca("CN=Tegami Test Root", rootKeys, null, rootKeys);
        KeyPair interKeys = rsa(2048);
        intermediate = ca("CN=Tegami Test Intermediate", interKeys, root, rootKeys);
        alice = user("Alice", "alice@example.test", rsa(2048), intermediate, interKeys, Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        bob = user("Bob", "bob@example.test", ec(), intermediate, interKeys, Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        carol = user("Carol", "carol@example.test", rsa(2048), root, rootKeys, Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        expired = user("Old", "old@example.test", rsa(2048), intermediate, interKeys, Duration.ofDays(-730), KeyPurposeId.id_kp_emailProtection);
        revoked = user("Revoked", "revoked@example.test", rsa(2048), intermediate, interKeys, Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        serverOnly = user("Server", "server@example.test", rsa(2048), intermediate, interKeys, Duration.ZERO, KeyPurposeId.id_kp_serverAuth);
        KeyPair otherRootKeys = rsa(2048);
        SmimeCredential otherRoot = ca("CN=Somebody Else's Root", otherRootKeys, null, otherRootKeys);
        foreign = user("Mallory", "mallory@example.test", rsa(2048), otherRoot, otherRootKeys, Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        weak = user("Weak", "weak@example.test", rsa(1024), intermediate, interKeys, Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        X509v2CRLBuilder cb = new X509v2CRLBuilder(X500Name.getInstance(intermediate.certificate().getSubjectX500Principal().getEncoded()),
                Date.from(now.minus(Duration.ofDays(1))));
        cb.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
        cb.addCRLEntry(revoked.certificate().getSerialNumber(), Date.from(now.minus(Duration.ofHours(12))), CRLReason.keyCompromise);
        crl = new JcaX509CRLConverter().setProvider(BC).getCRL(cb.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC)
                .build(interKeys.getPrivate())));
    }

    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = new TestPki();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** Trusts the root, with the intermediate known, no CRLs. */
    public TrustStore trust() {
        return TrustStore.of(List.of(root.certificate()));
    }

    public TrustStore trustWithCrl() {
        return trust().withCrls(List.of(crl));
    }

    public static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
        g.initialize(bits, new SecureRandom());
        return g.generateKeyPair();
    }

    public static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private SmimeCredential ca(String dn, KeyPair keys, SmimeCredential issuer, KeyPair issuerKeys) throws Exception {
        X500Name subject = new X500Name(dn);
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(3650))), Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()));
        if (issuer != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer.certificate()));
        }
        X509Certificate cert = sign(b, issuerKeys.getPrivate());
        List<X509Certificate> chain = new ArrayList<>();
        if (issuer != null) {
            chain.add(issuer.certificate());
        }
        return new SmimeCredential(keys.getPrivate(), cert, chain);
    }

    /** A user certificate; {@code shift} moves its validity window (negative: in the past). */
    public SmimeCredential user(String cn, String email, KeyPair keys, SmimeCredential issuer, KeyPair issuerKeys, Duration shift,
            KeyPurposeId eku) throws Exception {
        Instant from = now.minus(Duration.ofDays(1)).plus(shift);
        Instant to = now.plus(Duration.ofDays(365)).plus(shift);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to),
                new X500Name("CN=" + cn + ",E=" + email), keys.getPublic());
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        boolean rsa = keys.getPublic().getAlgorithm().equals("RSA");
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                | (rsa ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement)));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer.certificate()));
        X509Certificate cert = sign(b, issuerKeys.getPrivate());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issuer.certificate());
        chain.addAll(issuer.chain());
        return new SmimeCredential(keys.getPrivate(), cert, chain.subList(0, Math.max(0, chain.size() - 1)));
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(key)));
    }

    /** Writes certificate(s) or a key as PEM to a file and returns the path. */
    public static Path pem(Path dir, String name, Object... objects) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, Certificates.toPem(List.of(objects)));
        return p;
    }

    public static PublicKey publicKey(SmimeCredential c) {
        return c.certificate().getPublicKey();
    }
}
