package org.tegami.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.cryptomail.CryptoInspector;
import org.tegami.cryptomail.Inspection;
import org.tegami.cryptomail.KeyMaterial;
import org.tegami.mime.MimeParser;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpStructure;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.SmimeCredential;
import org.tegami.smime.TestPki;
import org.tegami.smtp.Reply;
import org.tegami.testing.TestServer;

/**
 * Outbound signing by policy over SMTP submission (issue 7): an OpenPGP signature that gpg
 * verifies; a message the client signed itself is not signed twice; a signer whose key is of the
 * other format than the recipients' is signed first, then encrypted (RFC 3156 §6.1).
 */
class OutboundCryptoSmtpTest {

    static final String PW = "outbound-crypto-pw";
    static final TestPki PKI = TestPki.get();

    TestServer server;
    KeyAdmin admin;

    @BeforeEach
    void start() {
        server = TestServer.start("");
        admin = new KeyAdmin(server.tegami.cryptoKeys());
        server.addUser("alice@example.test", PW);
        server.addUser("bob@example.test", PW);
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    Reply submit(String body) throws Exception {
        return Smtp.submit("127.0.0.1", server.port("submission"), "alice@example.test", PW, List.of("bob@example.test"),
                "From: Alice Example <alice@example.test>\r\nTo: bob@example.test\r\nSubject: signed\r\n" + body);
    }

    byte[] lastAtBob() throws Exception {
        List<byte[]> in = Smtp.inbox(server.tegami.store(), "bob@example.test");
        return in.get(in.size() - 1);
    }

    @Test
    void openPgpSignatureByPolicyVerifiesInGpgAndIsNotAddedTwice() throws Exception {
        admin.importKey("alice@example.test", PgpTestKeys.alice().armored(), "alice-pw".toCharArray());
        admin.setPolicy("example.test", "always", null, null);
        assertThat(submit("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Grüße, signed by the server.\r\n").code()).isEqualTo(250);
        byte[] stored = lastAtBob();
        String text = Smtp.text(stored);
        assertThat(text).contains("multipart/signed").contains("application/pgp-signature").contains("Subject: signed");
        PgpStructure p = PgpStructure.find(MimeParser.parse(stored), stored);
        assertThat(p).isNotNull();
        try (Gpg gpg = new Gpg()) {
            gpg.ok(PgpKeys.armor(PgpTestKeys.alice().publicRing()), "--import");
            var content = gpg.file("content", p.signedContent(stored));
            var sig = gpg.file("sig.asc", p.secondPart(stored));
            var r = gpg.run(null, "--verify", sig.toString(), content.toString());
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.stderr()).contains("Good signature from \"Alice Example <alice@example.test>\"");
        }
        // The server's own inspector agrees, with the key it holds.
        Inspection i = CryptoInspector.inspect(stored, server.tegami.cryptoKeys().snapshot().trust(),
                server.tegami.cryptoKeys().snapshot().keyring(), java.time.Clock.systemUTC());
        assertThat(i.signature()).as(i.reason()).isEqualTo("pass");

        // Already signed by the client: passed on as it is.
        int before = Smtp.inbox(server.tegami.store(), "bob@example.test").size();
        String body = text.substring(text.indexOf("Content-Type: multipart/signed"));
        assertThat(submit(body).code()).isEqualTo(250);
        assertThat(Smtp.inbox(server.tegami.store(), "bob@example.test")).hasSize(before + 1);
        String again = Smtp.text(lastAtBob());
        assertThat(again.split("application/pgp-signature", -1)).hasSize(3); // the protocol parameter and one part: not nested
    }

    @Test
    void smimeSignerAndOpenPgpRecipientSignFirstThenEncrypt() throws Exception {
        KeyPair inter = new KeyPair(PKI.intermediate.certificate().getPublicKey(), PKI.intermediate.privateKey());
        SmimeCredential aliceCert = PKI.user("Alice", "alice@example.test", TestPki.rsa(2048), PKI.intermediate, inter,
                Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        admin.importKey("alice@example.test", KeyMaterial.credentialPem(aliceCert), null);
        admin.importKey("bob@example.test", PgpKeys.armor(PgpTestKeys.bob().publicRing()), null);
        admin.setPolicy("alice@example.test", "always", "required", null);
        assertThat(submit("\r\nNESTED-7 inside.\r\n").code()).isEqualTo(250);
        String stored = Smtp.text(lastAtBob());
        assertThat(stored).contains("multipart/encrypted").doesNotContain("NESTED-7");
        try (Gpg bob = new Gpg()) {
            bob.importSecret(PgpTestKeys.bob().armored(), "bob-pw");
            String block = stored.substring(stored.indexOf("-----BEGIN PGP MESSAGE-----"), stored.indexOf("-----END PGP MESSAGE-----") + 25);
            byte[] inner = bob.ok(block.getBytes(StandardCharsets.US_ASCII), "--pinentry-mode", "loopback", "--passphrase", "bob-pw",
                    "--decrypt");
            String in = Smtp.text(inner);
            assertThat(in).contains("multipart/signed").contains("application/pkcs7-signature").contains("NESTED-7 inside.");
        }
    }
}
