package org.tegami.cryptomail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.cryptomail.KeyMaterial.Identified;
import org.tegami.pgp.PgpKeyInfo;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.Certificates;
import org.tegami.smime.TestPki;
import org.tegami.testing.Conformance;

/** What `tegami keys import` will be told about each kind of file. */
class KeyMaterialTest {

    static final TestPki PKI = TestPki.get();

    Identified id(byte[] data, String pass) {
        return KeyMaterial.identify(data, pass == null ? null : pass.toCharArray(), PKI.now);
    }

    @Test
    void certificatesCrlsAndPemKeys() throws Exception {
        byte[] pem = Certificates.toPem(List.of(PKI.alice.certificate(), PKI.intermediate.certificate()));
        assertThat(id(pem, null)).isInstanceOfSatisfying(Identified.Certificates.class,
                c -> assertThat(c.info().get(0).emailAddresses()).containsExactly("alice@example.test"));
        assertThat(id(PKI.alice.certificate().getEncoded(), null)).isInstanceOf(Identified.Certificates.class);
        assertThat(id(Certificates.toPem(List.of(PKI.crl)), null)).isInstanceOf(Identified.Crls.class);
        byte[] keyAndCert = KeyMaterial.credentialPem(PKI.bob);
        assertThat(id(keyAndCert, null)).isInstanceOfSatisfying(Identified.SmimeKey.class, k -> {
            assertThat(k.credential().certificate()).isEqualTo(PKI.bob.certificate());
            assertThat(k.info().keyAlgorithm()).isEqualTo("EC-P-256");
        });
        assertThat(id(Certificates.toPem(List.of(PKI.alice.privateKey())), null)).isInstanceOf(Identified.Unrecognised.class);
    }

    @Test
    void encryptedPemKeyNeedsTheRightPassphrase() throws Exception {
        var enc = new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(PKI.alice.privateKey(),
                new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("pw".toCharArray()).build());
        var sw = new java.io.StringWriter();
        try (var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(sw)) {
            w.writeObject(enc);
            w.writeObject(PKI.alice.certificate());
        }
        byte[] pem = sw.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(id(pem, null)).isInstanceOf(Identified.NeedsPassphrase.class);
        assertThat(id(pem, "nope")).isInstanceOf(Identified.WrongPassphrase.class);
        assertThat(id(pem, "pw")).isInstanceOf(Identified.SmimeKey.class);
    }

    @Test
    void pkcs12FromMimeKit() throws Exception {
        byte[] p12 = Files.readAllBytes(Conformance.dir("mime").resolve("mimekit/smime/rsa/smime.pfx"));
        assertThat(id(p12, "no.secret")).isInstanceOfSatisfying(Identified.SmimeKey.class,
                k -> assertThat(k.info().emailAddresses()).containsExactly("rsa@mimekit.net"));
        assertThat(id(p12, null)).isInstanceOf(Identified.NeedsPassphrase.class);
        assertThat(id(p12, "wrong")).isInstanceOf(Identified.WrongPassphrase.class);
    }

    @Test
    void openpgpKeys() {
        assertThat(id(PgpKeys.armor(PgpTestKeys.alice().publicRing()), null)).isInstanceOfSatisfying(Identified.PgpPublicKeys.class,
                k -> {
                    PgpKeyInfo info = k.info().get(0);
                    assertThat(info.fingerprint()).isEqualTo(PgpTestKeys.alice().fingerprint());
                    assertThat(info.primaryUserId()).isEqualTo("Alice Example <alice@example.test>");
                });
        assertThat(id(PgpKeys.encode(PgpTestKeys.alice().publicRing()), null)).isInstanceOf(Identified.PgpPublicKeys.class);
        byte[] sec = PgpTestKeys.alice().armored();
        assertThat(id(sec, null)).isInstanceOf(Identified.NeedsPassphrase.class);
        assertThat(id(sec, "bad")).isInstanceOf(Identified.WrongPassphrase.class);
        assertThat(id(sec, "alice-pw")).isInstanceOfSatisfying(Identified.PgpSecret.class, s -> {
            var open = PgpKeys.withoutPassphrase(s.key());
            assertThat(id(open.armored(), null)).isInstanceOf(Identified.PgpSecret.class);
        });
    }

    @Test
    void garbageIsUnrecognised() {
        assertThat(id(new byte[0], null)).isInstanceOf(Identified.Unrecognised.class);
        assertThat(id("just text".getBytes(StandardCharsets.US_ASCII), null)).isInstanceOf(Identified.Unrecognised.class);
        assertThat(id(new byte[] {(byte) 0x99, 0x01, 0x02}, null)).isInstanceOf(Identified.Unrecognised.class);
        assertThat(id(new byte[] {0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f}, "x")).isInstanceOf(Identified.Unrecognised.class);
    }

}
