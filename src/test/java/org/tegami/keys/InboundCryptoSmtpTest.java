package org.tegami.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.TestPki;
import org.tegami.smtp.Reply;
import org.tegami.store.KeyStore;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * Inbound mail crypto over real SMTP (issue 7): the X-Tegami-Signature header from outside is
 * removed and the server's own verdict added, for messages made by gpg and openssl; keys are
 * learned from validly signed mail and then used to encrypt; accounts that opted in get mail
 * decrypted (with the original kept when configured); damaged crypto is delivered with a defined
 * header.
 */
class InboundCryptoSmtpTest {

    static final TestPki PKI = TestPki.get();
    static final String PW = "inbound-crypto-pw";
    static final String ENTITY = "Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet at the north gate at nine.\r\n";

    static Gpg alice;
    static String openssl;
    static Path dir;

    TestServer server;
    KeyAdmin admin;

    @BeforeAll
    static void tools() throws Exception {
        openssl = ExternalTools.require("openssl");
        alice = new Gpg();
        alice.importSecret(PgpTestKeys.alice().armored(), "alice-pw");
        alice.ok(PgpKeys.armor(PgpTestKeys.bob().publicRing()), "--import");
        alice.file("entity.txt", ENTITY.getBytes(StandardCharsets.US_ASCII));
        dir = alice.home;
        TestPki.pem(dir, "alice.pem", PKI.alice.certificate());
        TestPki.pem(dir, "alice.key", PKI.alice.privateKey());
        TestPki.pem(dir, "inter.pem", PKI.intermediate.certificate());
        TestPki.pem(dir, "root.pem", PKI.root.certificate());
    }

    @AfterAll
    static void cleanup() {
        if (alice != null) {
            alice.close();
        }
    }

    @BeforeEach
    void start() {
        server = TestServer.start("[crypto]\nkeep_original = true\n");
        admin = new KeyAdmin(server.tegami.cryptoKeys());
        server.addUser("bob@example.test", PW);
        server.addUser("dave@example.test", PW);
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    static byte[] openssl(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(openssl));
        cmd.addAll(Arrays.asList(args));
        Processes.Run r = Processes.run(cmd, null, dir, Map.of());
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.stdout();
    }

    static String pgpMimeSigned(String extraHeaders) {
        byte[] sig = alice.ok(null, "--pinentry-mode", "loopback", "--passphrase", "alice-pw", "-u", "alice@example.test",
                "--armor", "--detach-sign", "-o", "-", "entity.txt");
        return "From: Alice Example <alice@example.test>\r\nTo: bob@example.test\r\nSubject: gate\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: multipart/signed; micalg=pgp-sha512;"
                + " protocol=\"application/pgp-signature\"; boundary=\"s\"\r\n\r\n--s\r\n" + ENTITY + "\r\n--s\r\n"
                + "Content-Type: application/pgp-signature\r\n\r\n" + new String(sig, StandardCharsets.US_ASCII) + "\r\n--s--\r\n";
    }

    /** RFC 3156 §4 multipart/encrypted around an armoured OpenPGP message. */
    static String pgpMimeEncrypted(byte[] armored) {
        return "From: Alice Example <alice@example.test>\r\nTo: bob@example.test\r\nSubject: sealed\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"e\"\r\n\r\n"
                + "--e\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n--e\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + new String(armored, StandardCharsets.US_ASCII).replace("\r\n", "\n")
                        .replace("\n", "\r\n") + "\r\n--e--\r\n";
    }

    Reply mx(String to, String message) throws Exception {
        return Smtp.mx(server.port("smtp"), "alice@example.test", List.of(to), message.getBytes(StandardCharsets.US_ASCII));
    }

    static String header(String message) {
        return message.substring(0, message.indexOf("\r\n\r\n"));
    }

    static List<String> signatureFields(String message) {
        return header(message).lines().filter(l -> l.regionMatches(true, 0, "X-Tegami-Signature:", 0, 19)).toList();
    }

    @Test
    void gpgSignedMailGetsTheServersVerdictAndHeadersFromOutsideAreNeverBelieved() throws Exception {
        String forged = "X-Tegami-Signature: smime; pass; signer=ceo@example.test\r\nx-tegami-signature: pgp; pass\r\n";
        String signed = pgpMimeSigned(forged);
        assertThat(mx("bob@example.test", signed).code()).isEqualTo(250);
        // Alice's key is not known yet.
        String first = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(0));
        assertThat(signatureFields(first)).singleElement().asString().startsWith("X-Tegami-Signature: pgp; unknown-key");

        admin.importKey("alice@example.test", PgpKeys.armor(PgpTestKeys.alice().publicRing()), null);
        assertThat(mx("bob@example.test", signed).code()).isEqualTo(250);
        String second = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(1));
        assertThat(signatureFields(second)).containsExactly("X-Tegami-Signature: pgp; pass; signer=\"Alice Example"
                + " <alice@example.test> [" + PgpTestKeys.alice().fingerprint() + "]\"");
        assertThat(second).doesNotContain("ceo@example.test");

        assertThat(mx("bob@example.test", signed.replace("north gate", "south gate")).code()).isEqualTo(250);
        String third = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(2));
        assertThat(signatureFields(third)).singleElement().asString().startsWith("X-Tegami-Signature: pgp; fail;");

        // A local user's submission cannot plant one either (and gets none: submitted mail is not verified).
        Reply sub = Smtp.submit("127.0.0.1", server.port("submission"), "dave@example.test", PW, List.of("bob@example.test"),
                "From: dave@example.test\r\nTo: bob@example.test\r\nSubject: x\r\n" + forged + "\r\nhello\r\n");
        assertThat(sub.code()).isEqualTo(250);
        String fourth = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(3));
        assertThat(signatureFields(fourth)).isEmpty();
        // A plain message from outside has none (the forged ones removed): no field means no signature.
        assertThat(mx("bob@example.test", "From: alice@example.test\r\nSubject: plain\r\n" + forged + "\r\nhi\r\n").code())
                .isEqualTo(250);
        String fifth = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(4));
        assertThat(signatureFields(fifth)).isEmpty();
        // Our own trace and authentication fields come first; no X-Tegami-Signature among them.
        assertThat(fifth).startsWith("Return-Path: <alice@example.test>\r\nAuthentication-Results: mx.example.test;")
                .contains("\r\nReceived: from client.test");
    }

    @Test
    void smimeSignedMailTeachesTheSendersCertificateThenUsedToEncrypt() throws Exception {
        server.addUser("alice@example.test", PW);
        admin.trustAdd(Files.readAllBytes(dir.resolve("root.pem")));
        byte[] signed = openssl("cms", "-sign", "-in", "entity.txt", "-signer", "alice.pem", "-inkey", "alice.key", "-certfile",
                "inter.pem", "-from", "alice@example.test", "-to", "bob@example.test", "-subject", "hello");
        assertThat(Smtp.mx(server.port("smtp"), "alice@example.test", List.of("bob@example.test"), signed).code()).isEqualTo(250);
        String got = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(0));
        assertThat(signatureFields(got)).containsExactly("X-Tegami-Signature: smime; pass; signer=alice@example.test");
        KeyStore.StoredKey learned = server.tegami.store().keys().keys("alice@example.test").get(0);
        assertThat(learned.kind()).isEqualTo(KeyStore.Kind.SMIME);
        assertThat(learned.trust()).isEqualTo(KeyStore.Trust.UNVERIFIED);
        assertThat(learned.source()).isEqualTo(KeyStore.Source.HARVEST);
        assertThat(learned.hasPrivate()).isFalse();
        assertThat(Smtp.text(learned.publicData())).contains("BEGIN CERTIFICATE");

        // Bob's mail must be encrypted: to alice it is (with the learned certificate) ...
        admin.setPolicy("bob@example.test", null, "required", null);
        Reply r = Smtp.submit("127.0.0.1", server.port("submission"), "bob@example.test", PW, List.of("alice@example.test"),
                "From: bob@example.test\r\nTo: alice@example.test\r\nSubject: re\r\n\r\nNINE IS FINE\r\n");
        assertThat(r.code()).as(r.toString()).isEqualTo(250);
        byte[] atAlice = Smtp.inbox(server.tegami.store(), "alice@example.test").get(0);
        assertThat(Smtp.text(atAlice)).contains("application/pkcs7-mime").doesNotContain("NINE IS FINE").contains("Subject: re");
        Path enc = alice.file("to-alice.eml", atAlice);
        assertThat(Smtp.text(openssl("cms", "-decrypt", "-in", enc.toString(), "-recip", "alice.pem", "-inkey", "alice.key")))
                .contains("NINE IS FINE");
        // ... to dave, who has no key, it is refused at the end of DATA naming him, and nothing is stored.
        Reply refused = Smtp.submit("127.0.0.1", server.port("submission"), "bob@example.test", PW,
                List.of("alice@example.test", "dave@example.test"), "From: bob@example.test\r\nSubject: both\r\n\r\nx\r\n");
        assertThat(refused.code()).isEqualTo(554);
        assertThat(refused.enhanced()).isEqualTo("5.7.5");
        assertThat(refused.text()).contains("dave@example.test").doesNotContain("alice@example.test");
        assertThat(Smtp.inbox(server.tegami.store(), "alice@example.test")).hasSize(1);
        assertThat(Smtp.inbox(server.tegami.store(), "dave@example.test")).isEmpty();
    }

    @Test
    void accountsThatOptedInGetMailDecryptedAndKeepTheOriginal() throws Exception {
        admin.importKey("bob@example.test", PgpTestKeys.bob().armored(), "bob-pw".toCharArray());
        admin.importKey("alice@example.test", PgpKeys.armor(PgpTestKeys.alice().publicRing()), null);
        byte[] armored = alice.ok(null, "--pinentry-mode", "loopback", "--passphrase", "alice-pw", "--trust-model", "always",
                "-u", "alice@example.test", "-r", "bob@example.test", "--armor", "--sign", "--encrypt", "-o", "-", "entity.txt");
        String message = pgpMimeEncrypted(armored);
        // Not opted in: stored as it came.
        assertThat(mx("bob@example.test", message).code()).isEqualTo(250);
        assertThat(Smtp.inbox(server.tegami.store(), "bob@example.test")).hasSize(1);

        admin.setPolicy("bob@example.test", null, null, "on");
        assertThat(mx("bob@example.test", message).code()).isEqualTo(250);
        List<byte[]> inbox = Smtp.inbox(server.tegami.store(), "bob@example.test");
        assertThat(inbox).hasSize(3);
        String original = Smtp.text(inbox.get(1));
        String decrypted = Smtp.text(inbox.get(2));
        assertThat(original).contains("-----BEGIN PGP MESSAGE-----").doesNotContain("north gate");
        assertThat(signatureFields(original)).containsExactly("X-Tegami-Signature: pgp; none; encrypted");
        assertThat(decrypted).contains("Meet at the north gate at nine.").doesNotContain("BEGIN PGP MESSAGE")
                .startsWith("Return-Path: <alice@example.test>\r\n").contains("Subject: sealed");
        assertThat(signatureFields(decrypted)).containsExactly("X-Tegami-Signature: pgp; pass; signer=\"Alice Example"
                + " <alice@example.test> [" + PgpTestKeys.alice().fingerprint() + "]\"; decrypted");
        // Mail not encrypted to bob's keys is left alone.
        byte[] toOther = alice.ok(null, "--trust-model", "always", "-r", "alice@example.test", "--armor", "--encrypt", "-o", "-",
                "entity.txt");
        assertThat(mx("bob@example.test", pgpMimeEncrypted(toOther)).code()).isEqualTo(250);
        assertThat(Smtp.inbox(server.tegami.store(), "bob@example.test")).hasSize(4);
    }

    @Test
    void damagedCryptoIsDeliveredWithADefinedHeaderNeverACrash() throws Exception {
        admin.importKey("bob@example.test", PgpTestKeys.bob().armored(), "bob-pw".toCharArray());
        admin.setPolicy("bob@example.test", null, null, "on");
        byte[] armored = alice.ok(null, "--trust-model", "always", "-r", "bob@example.test", "--armor", "--encrypt", "-o", "-",
                "entity.txt");
        String pgp = pgpMimeEncrypted(armored);
        int cut = pgp.indexOf("-----END PGP MESSAGE-----") - 200;
        String truncatedPgp = pgp.substring(0, cut) + "\r\n-----END PGP MESSAGE-----\r\n--e--\r\n";
        byte[] cms = openssl("cms", "-encrypt", "-aes-256-gcm", "-in", "entity.txt", "alice.pem");
        String cmsText = new String(cms, StandardCharsets.US_ASCII);
        String truncatedCms = cmsText.substring(0, cmsText.length() * 2 / 3) + "\r\n";
        String badSignature = pgpMimeSigned("").replace("-----BEGIN PGP SIGNATURE-----\n\n",
                "-----BEGIN PGP SIGNATURE-----\n\nAAAA").replaceAll("(?s)BEGIN PGP SIGNATURE-----\\R\\R(.{20})", "BEGIN PGP SIGNATURE-----\r\n\r\n!!!!");
        String nested = "Content-Type: multipart/mixed; boundary=a\r\n\r\n" + "--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n"
                .repeat(200) + "x\r\n";
        List<String> hostile = List.of(truncatedPgp, truncatedCms, badSignature, nested,
                "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%\r\n",
                "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n");
        int n = 0;
        for (String h : hostile) {
            Reply r = mx("bob@example.test", h);
            assertThat(r.code()).as("message %d: %s", n, r).isEqualTo(250);
            n++;
            String stored = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(n - 1));
            List<String> fields = signatureFields(stored);
            assertThat(fields).as("message %d", n).hasSizeLessThanOrEqualTo(1);
            fields.forEach(f -> assertThat(f).matches("X-Tegami-Signature: (smime|pgp); (pass|fail|untrusted|unknown-key|none)(; .*)?"));
            if (n <= 2) {
                // Truncated OpenPGP and CMS are still recognised as such, and say why they fail.
                assertThat(fields).as("message %d", n).singleElement().asString().startsWith("X-Tegami-Signature: " + (n == 1 ? "pgp" : "smime"));
            }
        }
        assertThat(Smtp.inbox(server.tegami.store(), "bob@example.test")).hasSize(hostile.size());
    }
}
