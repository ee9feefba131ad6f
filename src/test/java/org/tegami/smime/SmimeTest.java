package org.tegami.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tegami.mime.MimeEntities;

/** S/MIME sign/verify/encrypt/decrypt with Tegami on both ends, good and bad cases. */
class SmimeTest {

    static final TestPki PKI = TestPki.get();
    static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] MESSAGE = ("From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: hi\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.test>\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Hello Bob,\r\nthis is signed. Grüße!\r\nFrom here on, trailing space \r\n").getBytes(StandardCharsets.UTF_8);

    SmimeSigner signer = new SmimeSigner(PKI.clock, RANDOM);
    SmimeVerifier verifier = new SmimeVerifier(PKI.trust(), PKI.clock);

    byte[] signed(SmimeCredential who, SmimeSigner.Form form) {
        var r = signer.signMessage(MESSAGE, who, new SmimeSigner.Options(form, SmimeAlgorithms.Digest.SHA256, true));
        assertThat(r).isInstanceOf(SmimeSigner.Result.Signed.class);
        return ((SmimeSigner.Result.Signed) r).entity();
    }

    @ParameterizedTest
    @EnumSource(SmimeSigner.Form.class)
    void signedByAliceVerifies(SmimeSigner.Form form) {
        byte[] msg = signed(PKI.alice, form);
        String text = new String(msg, StandardCharsets.UTF_8);
        assertThat(text).startsWith("From: Alice <alice@example.test>\r\n").contains("Subject: hi\r\n");
        assertThat(text).contains(form == SmimeSigner.Form.DETACHED ? "multipart/signed" : "smime-type=signed-data");
        SmimeVerification v = verifier.verify(msg);
        assertThat(v.status()).as(v.reason()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(v.signerName()).isEqualTo("alice@example.test");
        assertThat(v.form()).isEqualTo(form);
        assertThat(v.digestAlgorithm()).isEqualTo("SHA-256");
        assertThat(v.weakAlgorithms()).isEmpty();
        assertThat(v.signingTime()).isEqualTo(PKI.now);
        // The 8-bit text was re-encoded as quoted-printable before signing (RFC 8551 §3.1.3).
        String inner = new String(v.content(), StandardCharsets.US_ASCII);
        assertThat(inner).contains("Content-Transfer-Encoding: quoted-printable").contains("Gr=C3=BC=C3=9Fe!");
    }

    @Test
    void ecSignerVerifies() {
        SmimeVerification v = verifier.verify(signed(PKI.bob, SmimeSigner.Form.DETACHED));
        assertThat(v.status()).as(v.reason()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(v.signatureAlgorithm()).contains("ECDSA");
    }

    @Test
    void oneChangedBodyByteFails() {
        byte[] msg = signed(PKI.alice, SmimeSigner.Form.DETACHED);
        String s = new String(msg, StandardCharsets.US_ASCII).replace("this is signed", "this is sighed");
        SmimeVerification v = verifier.verify(s.getBytes(StandardCharsets.US_ASCII));
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.FAIL);
        assertThat(v.reason()).isEqualTo(SmimeVerifier.CHANGED);
    }

    @Test
    void headerAddedInsideSignedPartFails() {
        byte[] msg = signed(PKI.alice, SmimeSigner.Form.DETACHED);
        String s = new String(msg, StandardCharsets.US_ASCII)
                .replace("Content-Type: text/plain; charset=utf-8\r\n", "Content-Type: text/plain; charset=utf-8\r\nX-Injected: yes\r\n");
        SmimeVerification v = verifier.verify(s.getBytes(StandardCharsets.US_ASCII));
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.FAIL);
        assertThat(v.reason()).contains("changed after signing");
    }

    @Test
    void bareLfCopyOfSignedMessageStillVerifies() {
        byte[] msg = signed(PKI.alice, SmimeSigner.Form.DETACHED);
        byte[] lf = new String(msg, StandardCharsets.US_ASCII).replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(verifier.verify(lf).status()).isEqualTo(SmimeVerification.Status.PASS);
    }

    @Test
    void expiredCertificateIsRefusedForSigningAndUntrustedOnReceipt() {
        assertThat(signer.signMessage(MESSAGE, PKI.expired, SmimeSigner.Options.DEFAULT))
                .isInstanceOf(SmimeSigner.Result.Refused.class);
        Clock past = Clock.fixed(PKI.now.minus(Duration.ofDays(700)), ZoneOffset.UTC);
        var r = (SmimeSigner.Result.Signed) new SmimeSigner(past, RANDOM).signMessage(MESSAGE, PKI.expired, SmimeSigner.Options.DEFAULT);
        SmimeVerification v = verifier.verify(r.entity());
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.UNTRUSTED);
        assertThat(v.reason()).contains("expired on");
        assertThat(v.chain().status()).isEqualTo(ChainResult.Status.EXPIRED);
        // At a time inside its validity the same signature passes: the clock is what decides.
        assertThat(new SmimeVerifier(PKI.trust(), past).verify(r.entity()).status()).isEqualTo(SmimeVerification.Status.PASS);
    }

    @Test
    void revokedCertificateIsUntrustedWhenTheCrlIsGiven() {
        byte[] msg = signed(PKI.revoked, SmimeSigner.Form.DETACHED);
        SmimeVerification noCrl = verifier.verify(msg);
        assertThat(noCrl.status()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(noCrl.chain().notes()).anyMatch(n -> n.contains("revocation not checked"));
        SmimeVerification withCrl = new SmimeVerifier(PKI.trustWithCrl(), PKI.clock).verify(msg);
        assertThat(withCrl.status()).isEqualTo(SmimeVerification.Status.UNTRUSTED);
        assertThat(withCrl.reason()).contains("was revoked on").contains("KEY_COMPROMISE");
        assertThat(new SmimeVerifier(PKI.trustWithCrl(), PKI.clock).verify(signed(PKI.alice, SmimeSigner.Form.DETACHED)).status())
                .isEqualTo(SmimeVerification.Status.PASS);
    }

    @Test
    void foreignRootIsUntrusted() {
        SmimeVerification v = verifier.verify(signed(PKI.foreign, SmimeSigner.Form.DETACHED));
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.UNTRUSTED);
        assertThat(v.reason()).contains("does not chain to a trusted certificate authority");
        assertThat(new SmimeVerifier(TrustStore.empty(), PKI.clock).verify(signed(PKI.alice, SmimeSigner.Form.DETACHED)).reason())
                .contains("no trusted certificate authorities");
    }

    @Test
    void certificateWithoutEmailProtectionIsRefusedAndUntrusted() throws Exception {
        assertThat(signer.signMessage(MESSAGE, PKI.serverOnly, SmimeSigner.Options.DEFAULT))
                .isInstanceOfSatisfying(SmimeSigner.Result.Refused.class, r -> assertThat(r.reason()).contains("e-mail protection"));
        byte[] der = bcSign(PKI.serverOnly, "SHA256withRSA", true);
        SmimeVerification v = verifier.verifySignedData(der);
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.UNTRUSTED);
        assertThat(v.chain().status()).isEqualTo(ChainResult.Status.WRONG_USAGE);
    }

    @Test
    void weakKeyIsRefusedForSending() {
        assertThat(signer.signMessage(MESSAGE, PKI.weak, SmimeSigner.Options.DEFAULT))
                .isInstanceOfSatisfying(SmimeSigner.Result.Refused.class, r -> assertThat(r.reason()).contains("1024 bits"));
        var enc = new SmimeEncryptor(PKI.clock, RANDOM).encrypt(MESSAGE, List.of(PKI.weak.certificate()), SmimeEncryptor.Options.DEFAULT);
        assertThat(enc).isInstanceOf(SmimeEncryptor.Result.Refused.class);
    }

    @Test
    void sha1SignatureIsFlaggedOnReceipt() throws Exception {
        SmimeVerification v = verifier.verifySignedData(bcSign(PKI.alice, "SHA1withRSA", true));
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(v.weakAlgorithms()).contains("SHA-1");
        assertThat(v.reason()).contains("weak algorithm SHA-1");
    }

    @Test
    void signatureWithoutCertificatesIsUnknownKey() throws Exception {
        SmimeVerification v = verifier.verifySignedData(bcSign(PKI.alice, "SHA256withRSA", false));
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.UNKNOWN_KEY);
        // Once the administrator knows the certificate (as an intermediate), it verifies.
        var knowing = new SmimeVerifier(PKI.trust().withIntermediates(List.of(PKI.alice.certificate(),
                PKI.intermediate.certificate())), PKI.clock);
        assertThat(knowing.verifySignedData(bcSign(PKI.alice, "SHA256withRSA", false)).status())
                .isEqualTo(SmimeVerification.Status.PASS);
    }

    @Test
    void unsignedMessageIsNone() {
        assertThat(verifier.verify(MESSAGE).status()).isEqualTo(SmimeVerification.Status.NONE);
    }

    static byte[] bcSign(SmimeCredential who, String alg, boolean withCerts) throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(bc).build())
                .build(new JcaContentSignerBuilder(alg).setProvider(bc).build(who.privateKey()), who.certificate()));
        if (withCerts) {
            gen.addCertificates(new JcaCertStore(List.of(who.certificate(), PKI.intermediate.certificate())));
        }
        CMSSignedData sd = gen.generate(new CMSProcessableByteArray(MimeEntities.split(MESSAGE).entity()), true);
        return sd.getEncoded();
    }

    // ---- encryption

    @ParameterizedTest
    @EnumSource(SmimeAlgorithms.Cipher.class)
    void encryptDecryptEveryCipherAndTransport(SmimeAlgorithms.Cipher cipher) {
        for (var transport : SmimeAlgorithms.KeyTransport.values()) {
            var enc = new SmimeEncryptor(PKI.clock, RANDOM).encryptMessage(MESSAGE, List.of(PKI.alice.certificate(),
                    PKI.bob.certificate()), new SmimeEncryptor.Options(cipher, transport));
            byte[] msg = ((SmimeEncryptor.Result.Encrypted) enc).bytes();
            String text = new String(msg, StandardCharsets.US_ASCII);
            assertThat(text).startsWith("From: Alice").contains("Subject: hi").doesNotContain("Hello Bob");
            assertThat(text).contains(cipher.authenticated() ? "smime-type=authEnveloped-data" : "smime-type=enveloped-data");
            for (SmimeCredential who : List.of(PKI.alice, PKI.bob)) {
                var dec = new SmimeDecryptor().decryptMessage(msg, List.of(PKI.carol, who));
                assertThat(dec).isInstanceOf(SmimeDecryptor.Result.Decrypted.class);
                var d = (SmimeDecryptor.Result.Decrypted) dec;
                assertThat(d.entity()).isEqualTo(MimeEntities.split(MESSAGE).entity());
                assertThat(d.envelope().cipher()).isEqualTo(cipher.label());
                assertThat(d.envelope().authenticated()).isEqualTo(cipher.authenticated());
                assertThat(d.recipient()).isEqualTo(who.certificate());
                assertThat(d.weakAlgorithms()).isEmpty();
            }
            var d = (SmimeDecryptor.Result.Decrypted) new SmimeDecryptor().decryptMessage(msg, List.of(PKI.alice));
            assertThat(d.envelope().keyEncryption()).contains(
                    transport == SmimeAlgorithms.KeyTransport.RSA_OAEP_SHA256 ? "RSA-OAEP" : "RSA");
        }
    }

    @Test
    void notARecipientIsNoMatchingKey() {
        byte[] msg = encrypted(SmimeEncryptor.Options.DEFAULT);
        var r = new SmimeDecryptor().decryptMessage(msg, List.of(PKI.carol));
        assertThat(r).isInstanceOfSatisfying(SmimeDecryptor.Result.NoMatchingKey.class,
                n -> assertThat(n.envelope().recipients()).hasSize(1).allMatch(s -> s.contains("Intermediate")));
    }

    @Test
    void tamperedGcmCiphertextFailsIntegrity() {
        byte[] msg = encrypted(SmimeEncryptor.Options.DEFAULT);
        var s = SmimeStructure.find(org.tegami.mime.MimeParser.parse(msg), msg);
        byte[] der = s.cmsBytes(msg);
        der[der.length - 40] ^= 1; // inside the encrypted content, before the 16-byte tag
        var r = new SmimeDecryptor().decrypt(der, List.of(PKI.alice));
        assertThat(r).isInstanceOfSatisfying(SmimeDecryptor.Result.Failed.class, f -> assertThat(f.reason()).contains("altered"));
    }

    @Test
    void truncatedCmsIsAFailureNotAnException() {
        byte[] msg = encrypted(SmimeEncryptor.Options.DEFAULT);
        var s = SmimeStructure.find(org.tegami.mime.MimeParser.parse(msg), msg);
        byte[] der = s.cmsBytes(msg);
        for (int cut : new int[] {0, 1, 2, 10, der.length / 2, der.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(der, cut);
            assertThat(new SmimeDecryptor().decrypt(part, List.of(PKI.alice))).isInstanceOf(SmimeDecryptor.Result.Failed.class);
            assertThat(verifier.verifySignedData(part).status()).isEqualTo(SmimeVerification.Status.FAIL);
        }
    }

    @Test
    void deeplyNestedAsn1IsRejectedWithoutStackOverflow() {
        int depth = 100_000;
        byte[] der = new byte[depth * 2];
        for (int i = 0; i < depth; i++) {
            der[2 * i] = 0x30;
            der[2 * i + 1] = (byte) 0x80; // indefinite-length SEQUENCE, never closed
        }
        assertThat(verifier.verifySignedData(der).reason()).contains("nested too deeply");
        assertThat(new SmimeDecryptor().decrypt(der, List.of(PKI.alice))).isInstanceOf(SmimeDecryptor.Result.Failed.class);
    }

    @Test
    void tripleDesIsDecryptedButFlagged() throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(PKI.alice.certificate()).setProvider(bc));
        byte[] der = gen.generate(new CMSProcessableByteArray(MimeEntities.split(MESSAGE).entity()),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.DES_EDE3_CBC).setProvider(bc).build()).getEncoded();
        var d = (SmimeDecryptor.Result.Decrypted) new SmimeDecryptor().decrypt(der, List.of(PKI.alice));
        assertThat(d.weakAlgorithms()).containsExactly("3DES-CBC");
        assertThat(d.envelope().weakCipher()).isTrue();
    }

    @Test
    void expiredOrSigningOnlyCertificatesAreRefusedAsRecipients() throws Exception {
        var enc = new SmimeEncryptor(PKI.clock, RANDOM);
        assertThat(enc.encrypt(MESSAGE, List.of(PKI.expired.certificate()), SmimeEncryptor.Options.DEFAULT))
                .isInstanceOfSatisfying(SmimeEncryptor.Result.Refused.class, r -> assertThat(r.reason()).contains("not valid now"));
        assertThat(enc.encrypt(MESSAGE, List.of(), SmimeEncryptor.Options.DEFAULT)).isInstanceOf(SmimeEncryptor.Result.Refused.class);
        var serverAuth = PKI.user("S", "s@example.test", TestPki.rsa(2048), PKI.intermediate,
                new java.security.KeyPair(PKI.intermediate.certificate().getPublicKey(), PKI.intermediate.privateKey()),
                Duration.ZERO, KeyPurposeId.id_kp_serverAuth);
        assertThat(enc.encrypt(MESSAGE, List.of(serverAuth.certificate()), SmimeEncryptor.Options.DEFAULT))
                .isInstanceOfSatisfying(SmimeEncryptor.Result.Refused.class, r -> assertThat(r.reason()).contains("e-mail protection"));
    }

    byte[] encrypted(SmimeEncryptor.Options o) {
        return ((SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(PKI.clock, RANDOM)
                .encryptMessage(MESSAGE, List.of(PKI.alice.certificate()), o)).bytes();
    }
}
