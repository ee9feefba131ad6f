package org.tegami.cryptomail;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpKeyInfo;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpPackets;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.smime.CertificateInfo;
import org.tegami.smime.Certificates;
import org.tegami.smime.SmimeCredential;

/**
 * Says what a key file is, for {@code tegami keys import ADDRESS FILE} and {@code tegami trust
 * add}: PEM or DER certificates, CRLs, a PEM private key with its certificate, PKCS #12, or
 * armoured/binary OpenPGP public or secret keys; opening protected ones with the passphrase.
 */
public final class KeyMaterial {

    private KeyMaterial() {}

    /** What the bytes turned out to be. */
    public sealed interface Identified {
        record Certificates(List<X509Certificate> certificates, List<CertificateInfo> info) implements Identified {}

        /** A private key with its certificate (PKCS #12, or PEM holding both). */
        record SmimeKey(SmimeCredential credential, CertificateInfo info) implements Identified {}

        record Crls(List<X509CRL> crls) implements Identified {}

        record PgpPublicKeys(List<PGPPublicKeyRing> keys, List<PgpKeyInfo> info) implements Identified {}

        record PgpSecret(PgpSecretKey key, PgpKeyInfo info) implements Identified {}

        /** Protected material and no passphrase was given. */
        record NeedsPassphrase(String what) implements Identified {}

        record WrongPassphrase(String what) implements Identified {}

        record Unrecognised(String reason) implements Identified {}
    }

    /** Identifies key material; {@code passphrase} may be null. Never throws on content. */
    public static Identified identify(byte[] data, char[] passphrase, Instant now) {
        try {
            return identifyOrThrow(data, passphrase, now);
        } catch (RuntimeException e) {
            // Bouncy Castle reports some damaged input (e.g. a certificate whose public key does not
            // decode) with unchecked exceptions when the object is used, not when it is read.
            return new Identified.Unrecognised("damaged key material: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    private static Identified identifyOrThrow(byte[] data, char[] passphrase, Instant now) {
        if (data.length == 0) {
            return new Identified.Unrecognised("the file is empty");
        }
        String head = new String(data, 0, Math.min(data.length, 65536), StandardCharsets.ISO_8859_1);
        if (PgpPackets.isArmored(data) || ((data[0] & 0x80) != 0 && !head.contains("-----BEGIN "))) {
            return pgp(data, passphrase, now);
        }
        if (head.contains("-----BEGIN ")) {
            return pem(data, passphrase);
        }
        return der(data, passphrase);
    }

    private static Identified pgp(byte[] data, char[] passphrase, Instant now) {
        PgpKeys.KeyData kd = PgpKeys.read(data);
        if (!kd.secretRings().isEmpty()) {
            return switch (PgpKeys.readSecret(data, passphrase)) {
                case PgpKeys.SecretKeyResult.Loaded l -> new Identified.PgpSecret(l.key(), info(l.key().publicRing(), now));
                case PgpKeys.SecretKeyResult.WrongPassphrase w -> passphrase == null || passphrase.length == 0
                        ? new Identified.NeedsPassphrase("OpenPGP secret key " + w.fingerprint())
                        : new Identified.WrongPassphrase("OpenPGP secret key " + w.fingerprint());
                case PgpKeys.SecretKeyResult.NotASecretKey n -> new Identified.Unrecognised(n.reason());
            };
        }
        if (!kd.publicRings().isEmpty()) {
            List<PgpKeyInfo> info = new ArrayList<>();
            for (PGPPublicKeyRing r : kd.publicRings()) {
                info.add(info(r, now));
            }
            return new Identified.PgpPublicKeys(kd.publicRings(), info);
        }
        return new Identified.Unrecognised(kd.problems().isEmpty() ? "no OpenPGP key in the data" : String.join("; ", kd.problems()));
    }

    private static PgpKeyInfo info(PGPPublicKeyRing r, Instant now) {
        return new KeyRing().info(new KeyRing.Entry(r, KeyTrust.VERIFIED), now);
    }

    private static Identified pem(byte[] data, char[] passphrase) {
        Certificates.PemBundle b = Certificates.readPem(data, passphrase);
        if (b.privateKeys().isEmpty() && b.problems().stream().anyMatch(p -> p.contains("needs a passphrase"))) {
            return new Identified.NeedsPassphrase("encrypted PEM private key");
        }
        if (b.privateKeys().isEmpty() && b.problems().stream().anyMatch(p -> p.contains("wrong passphrase"))) {
            return new Identified.WrongPassphrase("encrypted PEM private key");
        }
        if (!b.privateKeys().isEmpty()) {
            PrivateKey key = b.privateKeys().get(0);
            for (X509Certificate c : b.certificates()) {
                if (matches(key, c)) {
                    List<X509Certificate> chain = new ArrayList<>(b.certificates());
                    chain.remove(c);
                    return new Identified.SmimeKey(new SmimeCredential(key, c, chain), Certificates.describe(c));
                }
            }
            return new Identified.Unrecognised("a private key without its certificate (put the certificate in the same PEM file)");
        }
        if (!b.certificates().isEmpty()) {
            return new Identified.Certificates(b.certificates(), b.certificates().stream().map(Certificates::describe).toList());
        }
        if (!b.crls().isEmpty()) {
            return new Identified.Crls(b.crls());
        }
        return new Identified.Unrecognised(b.problems().isEmpty() ? "no certificate or key in the PEM data" : String.join("; ", b.problems()));
    }

    private static Identified der(byte[] data, char[] passphrase) {
        Certificates.PemBundle b = Certificates.readPem(data, passphrase);
        if (!b.certificates().isEmpty()) {
            return new Identified.Certificates(b.certificates(), b.certificates().stream().map(Certificates::describe).toList());
        }
        if (!b.crls().isEmpty()) {
            return new Identified.Crls(b.crls());
        }
        char[] pw = passphrase == null ? new char[0] : passphrase;
        return switch (Certificates.readPkcs12(data, pw)) {
            case Certificates.Pkcs12Result.Loaded l when !l.credentials().isEmpty() -> new Identified.SmimeKey(l.credentials().get(0),
                    Certificates.describe(l.credentials().get(0).certificate()));
            case Certificates.Pkcs12Result.Loaded l when !l.otherCertificates().isEmpty() -> new Identified.Certificates(
                    l.otherCertificates(), l.otherCertificates().stream().map(Certificates::describe).toList());
            case Certificates.Pkcs12Result.Loaded l -> new Identified.Unrecognised("an empty PKCS #12 file");
            case Certificates.Pkcs12Result.WrongPassword w -> passphrase == null || passphrase.length == 0
                    ? new Identified.NeedsPassphrase("PKCS #12 file") : new Identified.WrongPassphrase("PKCS #12 file");
            case Certificates.Pkcs12Result.Malformed m -> new Identified.Unrecognised("not a certificate, CRL, PKCS #12 file or "
                    + "OpenPGP key");
        };
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) {
        if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa && cert.getPublicKey() instanceof java.security.interfaces.RSAPublicKey pub) {
            return rsa.getModulus().equals(pub.getModulus());
        }
        return signsFor(key, cert);
    }

    /** Whether a test signature by the key verifies with the certificate's public key. */
    private static boolean signsFor(PrivateKey key, X509Certificate cert) {
        try {
            String alg = key.getAlgorithm().startsWith("EC") ? "SHA256withECDSA"
                    : key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : key.getAlgorithm();
            var s = java.security.Signature.getInstance(alg, Bc.PROVIDER);
            s.initSign(key);
            byte[] probe = "tegami key match".getBytes(StandardCharsets.US_ASCII);
            s.update(probe);
            byte[] sig = s.sign();
            var v = java.security.Signature.getInstance(alg, Bc.PROVIDER);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    /** A credential as unencrypted PEM (private key, certificate, chain): to be sealed with {@link SealedKeys}. */
    public static byte[] credentialPem(SmimeCredential c) {
        List<Object> objects = new ArrayList<>();
        objects.add(c.privateKey());
        objects.add(c.certificate());
        objects.addAll(c.chain());
        return Certificates.toPem(objects);
    }
}
