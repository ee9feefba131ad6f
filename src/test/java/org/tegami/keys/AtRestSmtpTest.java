package org.tegami.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.Certificates;
import org.tegami.smime.TestPki;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * Encryption at rest (issue 7): once an account turns it on, every message stored for it — from
 * port 25, from a local submission, from the IMAP APPEND helper — is encrypted to its own key
 * before it reaches the store. A search of the whole data directory finds no plaintext; gpg and
 * openssl open the stored copies.
 */
class AtRestSmtpTest {

    static final TestPki PKI = TestPki.get();
    static final String PW = "at-rest-password";

    TestServer server;
    KeyAdmin admin;

    @BeforeEach
    void start() {
        server = TestServer.start("");
        admin = new KeyAdmin(server.tegami.cryptoKeys());
        server.addUser("bob@example.test", PW);
        server.addUser("carol@example.test", PW);
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    static String message(String marker) {
        return "From: Alice <alice@remote.test>\r\nTo: bob@example.test\r\nSubject: quarterly numbers\r\n"
                + "Message-ID: <q@remote.test>\r\n\r\nThe secret is " + marker + ".\r\n";
    }

    /** Every file under the data directory (database, WAL, blob files) that contains the bytes. */
    List<Path> filesContaining(String marker) throws Exception {
        return filesContaining(server.dataDir, marker);
    }

    static List<Path> filesContaining(Path dataDir, String marker) throws Exception {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                    hits.add(p);
                }
            }
        }
        return hits;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void openPgpAtRestCoversSmtpSubmissionAndAppendAndGpgOpensIt() throws Exception {
        admin.importKey("bob@example.test", PgpKeys.armor(PgpTestKeys.bob().publicRing()), null);
        // Before: stored as it came (this is what the check below would find).
        Smtp.mx(server.port("smtp"), "alice@remote.test", List.of("bob@example.test"), message("BEFORE-7731").getBytes(StandardCharsets.US_ASCII));
        assertThat(filesContaining("BEFORE-7731")).isNotEmpty();

        admin.setAtRest("bob@example.test", PgpTestKeys.bob().fingerprint());
        assertThat(Smtp.mx(server.port("smtp"), "alice@remote.test", List.of("bob@example.test"),
                message("PLAINTEXT-MARKER-4412").getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
        assertThat(Smtp.submit("127.0.0.1", server.port("submission"), "carol@example.test", PW, List.of("bob@example.test"),
                "From: carol@example.test\r\nSubject: local\r\n\r\nLOCAL-MARKER-9931\r\n").code()).isEqualTo(250);
        MailboxCrypto.Result appended = server.tegami.mailboxCrypto().forAppend("Bob@Example.Test",
                message("APPEND-MARKER-1203").getBytes(StandardCharsets.US_ASCII));
        assertThat(appended).isInstanceOf(MailboxCrypto.Result.Store.class);
        byte[] appendCopy = ((MailboxCrypto.Result.Store) appended).copies().get(0);
        assertThat(Smtp.text(appendCopy)).doesNotContain("APPEND-MARKER-1203").contains("multipart/encrypted");

        List<byte[]> inbox = Smtp.inbox(server.tegami.store(), "bob@example.test");
        assertThat(inbox).hasSize(3);
        for (String marker : List.of("PLAINTEXT-MARKER-4412", "LOCAL-MARKER-9931")) {
            assertThat(filesContaining(marker)).as(marker).isEmpty();
        }
        String stored = Smtp.text(inbox.get(1));
        // Headers stay readable for listings and threading; the body is an RFC 3156 multipart/encrypted.
        assertThat(stored).startsWith("Return-Path: <alice@remote.test>\r\n").contains("Subject: quarterly numbers")
                .contains("Message-ID: <q@remote.test>").contains("multipart/encrypted").contains("-----BEGIN PGP MESSAGE-----");
        // Carol's copies (not opted in) are untouched by Bob's choice.
        try (Gpg bob = new Gpg()) {
            bob.importSecret(PgpTestKeys.bob().armored(), "bob-pw");
            for (int i = 1; i < 3; i++) {
                String s = Smtp.text(inbox.get(i));
                String block = s.substring(s.indexOf("-----BEGIN PGP MESSAGE-----"), s.indexOf("-----END PGP MESSAGE-----") + 25);
                byte[] plain = bob.ok(block.getBytes(StandardCharsets.US_ASCII), "--pinentry-mode", "loopback", "--passphrase",
                        "bob-pw", "--decrypt");
                assertThat(Smtp.text(plain)).contains(i == 1 ? "The secret is PLAINTEXT-MARKER-4412." : "LOCAL-MARKER-9931");
            }
        }

        admin.setAtRest("bob@example.test", null);
        Smtp.mx(server.port("smtp"), "alice@remote.test", List.of("bob@example.test"), message("AFTER-5150").getBytes(StandardCharsets.US_ASCII));
        assertThat(filesContaining("AFTER-5150")).isNotEmpty();
    }

    @Test
    void smimeAtRestOpensWithOpensslAndAMessageToTwoAccountsIsEncryptedOnlyForTheOneWhoAsked() throws Exception {
        String openssl = ExternalTools.require("openssl");
        admin.importKey("carol@example.test", Certificates.toPem(List.of(PKI.carol.certificate())), null);
        admin.setAtRest("carol@example.test", Certificates.fingerprint(PKI.carol.certificate()));
        assertThat(Smtp.mx(server.port("smtp"), "alice@remote.test", List.of("bob@example.test", "carol@example.test"),
                message("SHARED-MARKER-2718").getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
        String atBob = Smtp.text(Smtp.inbox(server.tegami.store(), "bob@example.test").get(0));
        byte[] atCarol = Smtp.inbox(server.tegami.store(), "carol@example.test").get(0);
        assertThat(atBob).contains("SHARED-MARKER-2718");
        assertThat(Smtp.text(atCarol)).doesNotContain("SHARED-MARKER-2718").contains("application/pkcs7-mime")
                .contains("Subject: quarterly numbers");
        Path tmp = Files.createTempDirectory("smime-at-rest");
        try {
            TestPki.pem(tmp, "carol.pem", PKI.carol.certificate());
            TestPki.pem(tmp, "carol.key", PKI.carol.privateKey());
            Files.write(tmp.resolve("stored.eml"), atCarol);
            Processes.Run r = Processes.run(List.of(openssl, "cms", "-decrypt", "-in", "stored.eml", "-recip", "carol.pem",
                    "-inkey", "carol.key"), null, tmp, Map.of());
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("The secret is SHARED-MARKER-2718.");
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void atRestNeedsTheAccountsOwnUsableKeyAndAVanishedKeyDefersRatherThanStoringPlaintext() throws Exception {
        IllegalArgumentException none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> admin.setAtRest("bob@example.test", PgpTestKeys.bob().fingerprint()));
        assertThat(none.getMessage()).startsWith("no key " + PgpTestKeys.bob().fingerprint() + " for bob@example.test");
        // A certificate naming someone else is refused at import already.
        assertThat(admin.importKey("bob@example.test", Certificates.toPem(List.of(PKI.expired.certificate())), null))
                .isInstanceOf(KeyImport.Result.Refused.class);
        admin.importKey("bob@example.test", PgpKeys.armor(PgpTestKeys.bob().publicRing()), null);
        admin.setAtRest("bob@example.test", PgpTestKeys.bob().fingerprint());
        IllegalArgumentException inUse = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> admin.remove("bob@example.test", PgpTestKeys.bob().fingerprint()));
        assertThat(inUse.getMessage()).contains("tegami crypto at-rest bob@example.test --off");
        // The key disappears behind the admin's back (e.g. a store edited by hand): defer, never plaintext.
        server.tegami.store().keys().removeKey("bob@example.test", PgpTestKeys.bob().fingerprint());
        var r = Smtp.mx(server.port("smtp"), "alice@remote.test", List.of("bob@example.test"),
                message("DEFERRED-MARKER-6060").getBytes(StandardCharsets.US_ASCII));
        assertThat(r.code()).isEqualTo(451);
        assertThat(filesContaining("DEFERRED-MARKER-6060")).isEmpty();
        assertThat(Smtp.inbox(server.tegami.store(), "bob@example.test")).isEmpty();
    }
}
