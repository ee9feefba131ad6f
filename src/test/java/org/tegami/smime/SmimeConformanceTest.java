package org.tegami.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.testing.Conformance;

/**
 * MimeKit's S/MIME test data (../shared/conformance/mime/mimekit/smime): legacy PKCS #12 files
 * (RC2-40 / 3DES, password "no.secret") with a three-level CA, and a message signed by
 * Thunderbird 24 with a StartCom certificate (SHA-1, long expired).
 */
class SmimeConformanceTest {

    static final char[] PASSWORD = "no.secret".toCharArray();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    static Certificates.Pkcs12Result.Loaded load(String name) throws Exception {
        Path p = Conformance.dir("mime").resolve("mimekit/smime").resolve(name);
        var r = Certificates.readPkcs12(Files.readAllBytes(p), PASSWORD);
        assertThat(r).as(name).isInstanceOf(Certificates.Pkcs12Result.Loaded.class);
        return (Certificates.Pkcs12Result.Loaded) r;
    }

    static X509Certificate root(SmimeCredential c) {
        return c.chain().get(c.chain().size() - 1);
    }

    @Test
    void legacyPkcs12OpensAndWrongPasswordIsReported() throws Exception {
        var rsa = load("rsa/smime.pfx");
        assertThat(rsa.credentials()).hasSize(1);
        SmimeCredential c = rsa.credentials().get(0);
        assertThat(Certificates.emailAddresses(c.certificate())).containsExactly("rsa@mimekit.net");
        assertThat(c.chain()).hasSize(3);
        assertThat(Certificates.describe(c.certificate()).keyAlgorithm()).isEqualTo("RSA-4096");
        byte[] data = Files.readAllBytes(Conformance.dir("mime").resolve("mimekit/smime/rsa/smime.pfx"));
        assertThat(Certificates.readPkcs12(data, "wrong".toCharArray())).isInstanceOf(Certificates.Pkcs12Result.WrongPassword.class);
        assertThat(Certificates.readPkcs12(java.util.Arrays.copyOf(data, 100), PASSWORD))
                .isInstanceOf(Certificates.Pkcs12Result.Malformed.class);
    }

    @Test
    void mimekitRsaAndEcKeysSignEncryptAndVerifyAgainstTheirRoot() throws Exception {
        for (String f : List.of("rsa/smime.pfx", "ec/smime.pfx")) {
            SmimeCredential c = load(f).credentials().get(0);
            TrustStore trust = TrustStore.of(List.of(root(c)));
            byte[] entity = "Content-Type: text/plain\r\n\r\nMimeKit key test\r\n".getBytes(StandardCharsets.US_ASCII);
            var signed = (SmimeSigner.Result.Signed) new SmimeSigner(CLOCK, new SecureRandom()).sign(entity, c, SmimeSigner.Options.DEFAULT);
            SmimeVerification v = new SmimeVerifier(trust, CLOCK).verify(signed.entity());
            assertThat(v.status()).as(f + ": " + v.reason()).isEqualTo(SmimeVerification.Status.PASS);
            assertThat(v.chain().path()).hasSize(3);
            var enc = (SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(CLOCK, new SecureRandom())
                    .encrypt(entity, List.of(c.certificate()), SmimeEncryptor.Options.DEFAULT);
            var dec = new SmimeDecryptor().decryptMessage(enc.bytes(), List.of(c));
            assertThat(dec).as(f).isInstanceOfSatisfying(SmimeDecryptor.Result.Decrypted.class,
                    d -> assertThat(d.entity()).isEqualTo(entity));
        }
    }

    @Test
    void thunderbirdSignedMessageVerifiesButItsCertificateExpiredAndSha1IsFlagged() throws Exception {
        Path dir = Conformance.dir("mime").resolve("mimekit/smime");
        byte[] msg = Files.readAllBytes(dir.resolve("thunderbird-signed.txt"));
        var root = Certificates.readPem(Files.readAllBytes(dir.resolve("StartComCertificationAuthority.crt")), null);
        assertThat(root.certificates()).hasSize(1);
        SmimeVerification v = new SmimeVerifier(TrustStore.of(root.certificates()), CLOCK).verify(msg);
        assertThat(v.cryptographicallyValid()).as(v.reason()).isTrue();
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.UNTRUSTED);
        assertThat(v.reason()).contains("expired");
        assertThat(v.signerName()).isEqualTo("fejj@gnome.org");
        assertThat(v.weakAlgorithms()).contains("SHA-1");
        // At a time when StartCom's certificate was valid, the chain is trusted.
        Clock then = Clock.fixed(Instant.parse("2013-11-03T12:00:00Z"), ZoneOffset.UTC);
        var intermediate = Certificates.readPem(Files.readAllBytes(dir.resolve("StartComClass1PrimaryIntermediateClientCA.crt")), null);
        SmimeVerification old = new SmimeVerifier(TrustStore.of(root.certificates()).withIntermediates(intermediate.certificates()), then)
                .verify(msg);
        assertThat(old.status()).as(old.reason()).isEqualTo(SmimeVerification.Status.PASS);
    }
}
