package org.tegami.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tegami.mime.MimeEntities;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;

/**
 * Interoperability with the OpenSSL command line: messages made by {@code openssl cms} and
 * {@code openssl smime} verify and decrypt in Tegami (and tampered copies fail for the right
 * reason); messages made by Tegami verify and decrypt with {@code openssl cms}.
 */
class OpensslInteropTest {

    static final TestPki PKI = TestPki.get();
    static final SecureRandom RANDOM = new SecureRandom();
    static final String ENTITY = "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello from OpenSSL.\r\nSecond line.\r\n";

    @TempDir
    static Path dir;
    static String openssl;

    @BeforeAll
    static void files() throws Exception {
        openssl = ExternalTools.require("openssl");
        TestPki.pem(dir, "root.pem", PKI.root.certificate());
        TestPki.pem(dir, "inter.pem", PKI.intermediate.certificate());
        for (var e : List.of(List.of("alice", PKI.alice), List.of("bob", PKI.bob), List.of("carol", PKI.carol))) {
            SmimeCredential c = (SmimeCredential) e.get(1);
            TestPki.pem(dir, e.get(0) + ".pem", c.certificate());
            TestPki.pem(dir, e.get(0) + ".key", c.privateKey());
        }
        Files.writeString(dir.resolve("entity.txt"), ENTITY);
        Files.writeString(dir.resolve("plain.txt"), "Hello from OpenSSL.\nSecond line.\n");
    }

    static Processes.Run openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(openssl);
        cmd.addAll(Arrays.asList(args));
        return Processes.run(cmd, null, dir, java.util.Map.of());
    }

    static byte[] ok(Processes.Run r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.stdout();
    }

    SmimeVerifier verifier() {
        return new SmimeVerifier(PKI.trust(), PKI.clock);
    }

    // ---- OpenSSL makes, Tegami reads

    @ParameterizedTest
    @ValueSource(strings = {"cms", "smime"})
    void opensslDetachedSignatureVerifies(String tool) {
        byte[] msg = ok(openssl(tool, "-sign", "-in", "entity.txt", "-signer", "alice.pem", "-inkey", "alice.key",
                "-certfile", "inter.pem", "-from", "alice@example.test", "-to", "bob@example.test", "-subject", "Signed"));
        SmimeVerification v = verifier().verify(msg);
        assertThat(v.status()).as(v.reason()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(v.form()).isEqualTo(SmimeSigner.Form.DETACHED);
        assertThat(v.signerName()).isEqualTo("alice@example.test");
        assertThat(new String(v.content(), StandardCharsets.US_ASCII)).contains("Hello from OpenSSL.");
    }

    @Test
    void opensslTextModeAndEcSignaturesVerify() {
        byte[] text = ok(openssl("cms", "-sign", "-text", "-in", "plain.txt", "-signer", "bob.pem", "-inkey", "bob.key",
                "-certfile", "inter.pem"));
        SmimeVerification v = verifier().verify(text);
        assertThat(v.status()).as(v.reason()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(v.signatureAlgorithm()).contains("ECDSA");
    }

    @Test
    void opensslOpaqueSignatureVerifies() {
        byte[] msg = ok(openssl("cms", "-sign", "-nodetach", "-in", "entity.txt", "-signer", "alice.pem", "-inkey", "alice.key",
                "-certfile", "inter.pem"));
        assertThat(new String(msg, StandardCharsets.US_ASCII)).contains("application/pkcs7-mime").contains("signed-data");
        SmimeVerification v = verifier().verify(msg);
        assertThat(v.status()).as(v.reason()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(v.form()).isEqualTo(SmimeSigner.Form.OPAQUE);
        assertThat(MimeEntities.toCrlf(v.content())).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void tamperedOpensslSignaturesFailWithTheRightReason() {
        String msg = new String(ok(openssl("cms", "-sign", "-in", "entity.txt", "-signer", "alice.pem", "-inkey", "alice.key",
                "-certfile", "inter.pem")), StandardCharsets.US_ASCII);
        String oneByte = msg.replace("Second line.", "Second lime.");
        SmimeVerification v = verifier().verify(oneByte.getBytes(StandardCharsets.US_ASCII));
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.FAIL);
        assertThat(v.reason()).isEqualTo("The signature does not match the content: the message was changed after signing.");
        String header = msg.replaceFirst("Content-Type: text/plain; charset=us-ascii", "Content-Type: text/plain; charset=us-ascii\r\nX-Added: 1");
        assertThat(header).isNotEqualTo(msg);
        SmimeVerification h = verifier().verify(header.getBytes(StandardCharsets.US_ASCII));
        assertThat(h.status()).isEqualTo(SmimeVerification.Status.FAIL);
        assertThat(h.reason()).contains("changed after signing");
    }

    @Test
    void opensslSha1SignatureIsFlagged() {
        byte[] msg = ok(openssl("cms", "-sign", "-md", "sha1", "-in", "entity.txt", "-signer", "alice.pem", "-inkey", "alice.key",
                "-certfile", "inter.pem"));
        SmimeVerification v = verifier().verify(msg);
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.PASS);
        assertThat(v.weakAlgorithms()).contains("SHA-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-aes-256-gcm", "-aes-256-cbc", "-aes-128-gcm", "-aes-128-cbc"})
    void opensslEncryptedMessagesDecrypt(String cipher) {
        byte[] msg = ok(openssl("cms", "-encrypt", cipher, "-in", "entity.txt", "-from", "alice@example.test",
                "-subject", "Secret", "alice.pem", "bob.pem"));
        SmimeStructure s = SmimeStructure.find(org.tegami.mime.MimeParser.parse(msg), msg);
        assertThat(s.encrypted()).isTrue();
        for (SmimeCredential who : List.of(PKI.alice, PKI.bob)) {
            var r = new SmimeDecryptor().decryptMessage(msg, List.of(who));
            assertThat(r).as(r.toString()).isInstanceOf(SmimeDecryptor.Result.Decrypted.class);
            var d = (SmimeDecryptor.Result.Decrypted) r;
            assertThat(d.entity()).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
            assertThat(d.envelope().authenticated()).isEqualTo(cipher.endsWith("gcm"));
            assertThat(d.envelope().cipher()).isEqualTo(cipher.substring(1).toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void opensslOaepAndTripleDesDecrypt() {
        byte[] oaep = ok(openssl("cms", "-encrypt", "-aes-256-cbc", "-in", "entity.txt", "-recip", "alice.pem",
                "-keyopt", "rsa_padding_mode:oaep"));
        var d = (SmimeDecryptor.Result.Decrypted) new SmimeDecryptor().decryptMessage(oaep, List.of(PKI.alice));
        assertThat(d.envelope().keyEncryption()).containsExactly("RSA-OAEP");
        byte[] des3 = ok(openssl("cms", "-encrypt", "-des3", "-in", "entity.txt", "alice.pem"));
        var w = (SmimeDecryptor.Result.Decrypted) new SmimeDecryptor().decryptMessage(des3, List.of(PKI.alice));
        assertThat(w.weakAlgorithms()).containsExactly("3DES-CBC");
    }

    @Test
    void revokedSignerIsUntrustedWithTheCrlFileLikeOpensslCrlCheck() throws Exception {
        TestPki.pem(dir, "revoked.pem", PKI.revoked.certificate());
        TestPki.pem(dir, "revoked.key", PKI.revoked.privateKey());
        TestPki.pem(dir, "inter.crl", PKI.crl);
        byte[] msg = ok(openssl("cms", "-sign", "-in", "entity.txt", "-signer", "revoked.pem", "-inkey", "revoked.key",
                "-certfile", "inter.pem"));
        Files.write(dir.resolve("revoked-signed.eml"), msg);
        // OpenSSL with the same CRL file refuses the signer...
        Files.writeString(dir.resolve("chain-and-crl.pem"), Files.readString(dir.resolve("root.pem"))
                + Files.readString(dir.resolve("inter.crl")));
        Processes.Run r = openssl("cms", "-verify", "-in", "revoked-signed.eml", "-CAfile", "chain-and-crl.pem", "-crl_check");
        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.stderr()).contains("revoked");
        // ...and so does Tegami, reading the CRL from the file.
        var crls = Certificates.readPem(Files.readAllBytes(dir.resolve("inter.crl")), null).crls();
        assertThat(crls).hasSize(1);
        SmimeVerification v = new SmimeVerifier(PKI.trust().withCrls(crls), PKI.clock).verify(msg);
        assertThat(v.status()).isEqualTo(SmimeVerification.Status.UNTRUSTED);
        assertThat(v.chain().status()).isEqualTo(ChainResult.Status.REVOKED);
        assertThat(verifier().verify(msg).status()).isEqualTo(SmimeVerification.Status.PASS); // without the CRL
    }

    // ---- Tegami makes, OpenSSL reads

    @ParameterizedTest
    @ValueSource(strings = {"DETACHED", "OPAQUE"})
    void tegamiSignaturesVerifyWithOpenssl(String form) throws Exception {
        for (SmimeCredential who : List.of(PKI.alice, PKI.bob)) {
            var r = (SmimeSigner.Result.Signed) new SmimeSigner(PKI.clock, RANDOM).sign(ENTITY.getBytes(StandardCharsets.US_ASCII),
                    who, new SmimeSigner.Options(SmimeSigner.Form.valueOf(form), SmimeAlgorithms.Digest.SHA256, true));
            Files.write(dir.resolve("tegami-signed.eml"), r.entity());
            byte[] content = ok(openssl("cms", "-verify", "-in", "tegami-signed.eml", "-CAfile", "root.pem"));
            assertThat(MimeEntities.toCrlf(content)).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
            // and OpenSSL notices tampering too, so the check above is meaningful
            Files.write(dir.resolve("tegami-bad.eml"), new String(r.entity(), StandardCharsets.US_ASCII)
                    .replace("Second line.", "Second lime.").getBytes(StandardCharsets.US_ASCII));
            if (form.equals("DETACHED")) {
                assertThat(openssl("cms", "-verify", "-in", "tegami-bad.eml", "-CAfile", "root.pem").exit()).isNotZero();
            }
        }
    }

    @Test
    void tegamiEncryptedMessagesDecryptWithOpenssl() throws Exception {
        for (SmimeAlgorithms.Cipher cipher : SmimeAlgorithms.Cipher.values()) {
            for (SmimeAlgorithms.KeyTransport kt : SmimeAlgorithms.KeyTransport.values()) {
                var r = (SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(PKI.clock, RANDOM).encrypt(
                        ENTITY.getBytes(StandardCharsets.US_ASCII), List.of(PKI.alice.certificate(), PKI.bob.certificate()),
                        new SmimeEncryptor.Options(cipher, kt));
                Files.write(dir.resolve("tegami-enc.eml"), r.bytes());
                for (String who : List.of("alice", "bob")) {
                    byte[] plain = ok(openssl("cms", "-decrypt", "-in", "tegami-enc.eml", "-recip", who + ".pem", "-inkey", who + ".key"));
                    assertThat(plain).as(cipher + " " + kt + " " + who).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
