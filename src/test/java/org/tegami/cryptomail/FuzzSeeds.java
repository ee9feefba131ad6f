package org.tegami.cryptomail;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.tegami.mime.MimeParser;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpEncryptor;
import org.tegami.pgp.PgpKeyGenerator;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.pgp.PgpSigner;
import org.tegami.smime.SmimeCredential;
import org.tegami.smime.SmimeEncryptor;
import org.tegami.smime.SmimeSigner;
import org.tegami.smime.TestPki;

/**
 * Writes the fixed fuzzing keys and the seed corpora of the fuzz tests (run once by hand:
 * {@code java ... org.tegami.cryptomail.FuzzSeeds src/test/resources}); kept so the corpora can
 * be regenerated. The keys are test-only and valid until 2036.
 */
public final class FuzzSeeds {

    static final byte[] MESSAGE = ("From: fuzz@example.test\r\nTo: fuzz@example.test\r\nSubject: seed\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nSeed text, ünïcode.\r\n")
            .getBytes(StandardCharsets.UTF_8);

    private FuzzSeeds() {}

    public static void main(String[] args) throws Exception {
        Path res = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        Path keys = res.resolve("org/tegami/fuzzkeys");
        Files.createDirectories(keys);
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
        SecureRandom rnd = new SecureRandom();
        SmimeCredential cred = credential(clock.instant());
        Files.write(keys.resolve("smime.pem"), KeyMaterial.credentialPem(cred));
        PgpSecretKey pgp = PgpKeyGenerator.generate("Fuzz <fuzz@example.test>", PgpKeyGenerator.KeyType.ED25519, new char[0],
                clock.instant(), null, rnd);
        Files.write(keys.resolve("pgp-secret.asc"), pgp.armored());

        byte[] smimeDetached = ((SmimeSigner.Result.Signed) new SmimeSigner(clock, rnd).signMessage(MESSAGE, cred,
                SmimeSigner.Options.DEFAULT)).entity();
        byte[] smimeOpaque = ((SmimeSigner.Result.Signed) new SmimeSigner(clock, rnd).signMessage(MESSAGE, cred,
                new SmimeSigner.Options(SmimeSigner.Form.OPAQUE, org.tegami.smime.SmimeAlgorithms.Digest.SHA256, true))).entity();
        byte[] smimeGcm = ((SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(clock, rnd).encryptMessage(smimeDetached,
                List.of(cred.certificate()), SmimeEncryptor.Options.DEFAULT)).bytes();
        byte[] smimeCbc = ((SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(clock, rnd).encryptMessage(MESSAGE,
                List.of(cred.certificate()), SmimeEncryptor.Options.COMPATIBLE)).bytes();
        byte[] pgpSigned = ((PgpSigner.Result.Signed) new PgpSigner(clock, rnd).signMessage(MESSAGE, pgp)).bytes();
        byte[] pgpEnc = ((PgpEncryptor.Result.Encrypted) new PgpEncryptor(clock, rnd).encryptMessage(MESSAGE,
                List.of(pgp.publicRing()), pgp)).bytes();
        byte[] clearsigned = clearsignedMessage(pgp, clock.instant());

        Path cms = res.resolve("org/tegami/smime/CmsFuzzTestInputs");
        write(cms.resolve("verifySignedData"), "opaque", cmsOf(smimeOpaque));
        write(cms.resolve("verifySignedData"), "detached", cmsOf(smimeDetached));
        write(cms.resolve("decryptCms"), "gcm", cmsOf(smimeGcm));
        write(cms.resolve("decryptCms"), "cbc", cmsOf(smimeCbc));
        for (String m : List.of("verifyMessage", "decryptMessage")) {
            write(cms.resolve(m), "detached", smimeDetached);
            write(cms.resolve(m), "opaque", smimeOpaque);
            write(cms.resolve(m), "gcm", smimeGcm);
        }
        Path pgpDir = res.resolve("org/tegami/pgp/PgpFuzzTestInputs");
        write(pgpDir.resolve("readKeys"), "public.asc", PgpKeys.armor(pgp.publicRing()));
        write(pgpDir.resolve("readKeys"), "public.bin", PgpKeys.encode(pgp.publicRing()));
        write(pgpDir.resolve("readKeys"), "secret.asc", pgp.armored());
        write(pgpDir.resolve("verifyMessage"), "pgpmime", pgpSigned);
        write(pgpDir.resolve("verifyMessage"), "clearsigned", clearsigned);
        write(pgpDir.resolve("decryptMessage"), "pgpmime", pgpEnc);
        write(pgpDir.resolve("decryptData"), "armored", MimeParserPart.second(pgpEnc));
        Path insp = res.resolve("org/tegami/cryptomail/CryptoInspectorFuzzTestInputs/inspect");
        int n = 0;
        for (byte[] m : List.of(MESSAGE, smimeDetached, smimeOpaque, smimeGcm, smimeCbc, pgpSigned, pgpEnc, clearsigned)) {
            write(insp, "message" + n++, m);
        }
    }

    private static byte[] cmsOf(byte[] message) {
        var s = org.tegami.smime.SmimeStructure.find(MimeParser.parse(message), message);
        return s.cmsBytes(message);
    }

    /** A cleartext-signed body (RFC 9580 §7) signed with BC's classic API, as gpg frames it. */
    private static byte[] clearsignedMessage(PgpSecretKey key, Instant when) throws Exception {
        String canonical = "Hello inline.\r\n- dashed";
        var pub = key.publicRing().getPublicKey();
        var g = new org.bouncycastle.openpgp.PGPSignatureGenerator(new org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder(
                pub.getAlgorithm(), org.bouncycastle.bcpg.HashAlgorithmTags.SHA512).setProvider(new BouncyCastleProvider()), pub);
        g.init(org.bouncycastle.openpgp.PGPSignature.CANONICAL_TEXT_DOCUMENT, key.privateKey(pub.getKeyID()));
        var h = new org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator();
        h.setSignatureCreationTime(true, Date.from(when));
        g.setHashedSubpackets(h.generate());
        g.update(canonical.getBytes(StandardCharsets.US_ASCII));
        byte[] sig = org.tegami.pgp.PgpPackets.armor(g.generate().getEncoded());
        return ("From: fuzz@example.test\r\nContent-Type: text/plain\r\n\r\n-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA512\r\n\r\n"
                + "Hello inline.\r\n- - dashed\r\n" + new String(sig, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(Path dir, String name, byte[] data) throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), data);
    }

    private static SmimeCredential credential(Instant now) throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        KeyPair kp = TestPki.rsa(2048);
        X500Name name = new X500Name("CN=Fuzz,E=fuzz@example.test");
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(7), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name,
                "fuzz@example.test")));
        var cert = new JcaX509CertificateConverter().setProvider(bc).getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(bc).build(kp.getPrivate())));
        return new SmimeCredential(kp.getPrivate(), cert, List.of());
    }

    /** The body of the second part of a multipart message (the armoured data of PGP/MIME). */
    static final class MimeParserPart {
        static byte[] second(byte[] msg) {
            var p = MimeParser.parse(msg).root().children().get(1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(msg, p.bodyStart(), p.end() - p.bodyStart());
            return out.toByteArray();
        }
    }

    static KeyRing ring(PgpSecretKey k) {
        KeyRing r = new KeyRing();
        r.add(k.publicRing(), KeyTrust.VERIFIED);
        return r;
    }
}
