package org.tegami.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.app.ServerOptions;
import org.tegami.app.Tegami;
import org.tegami.config.ConfigLoader;
import org.tegami.dns.InMemoryResolver;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.Certificates;
import org.tegami.smime.SmimeCredential;
import org.tegami.smime.TestPki;
import org.tegami.smtp.Reply;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;

/**
 * The encryption gateway end to end (issue 7): Alice's client submits plain mail at instance A
 * (alpha.test, 127.0.0.2) with {@code encrypt = required} for her domain; instance B
 * (example.test, 127.0.0.3) receives it over SMTP through an MX lookup; what lands in Bob's mailbox
 * is encrypted and Bob's own gpg / openssl opens it. A recipient without a key refuses the whole
 * message at submission, naming that recipient, and nothing leaves.
 */
class GatewayTwoInstancesTest {

    static final String PW = "gateway-two-instances";
    static final TestPki PKI = TestPki.get();

    Tegami a;
    Tegami b;
    Path dirA;
    Path dirB;
    KeyAdmin keysA;
    KeyAdmin keysB;

    @BeforeEach
    void start() throws Exception {
        InMemoryResolver r = new InMemoryResolver()
                .addMx("alpha.test", 10, "mx.alpha.test").addA("mx.alpha.test", "127.0.0.2")
                .addMx("example.test", 10, "mx.example.test").addA("mx.example.test", "127.0.0.3");
        int offset = freeOffset(List.of("127.0.0.2", "127.0.0.3"), 25, 587, 465);
        String toml = "[ports]\nimap = 0\nimaps = 0\npop3 = 0\npop3s = 0\n[queue]\nmx_port = " + (25 + offset)
                + "\npoll_interval = \"100ms\"\nretry_initial = \"500ms\"\n";
        dirA = Files.createTempDirectory("gateway-a");
        dirB = Files.createTempDirectory("gateway-b");
        a = Tegami.start(ConfigLoader.parse(toml, "a.toml"), new ServerOptions(dirA, "mx.alpha.test", "127.0.0.2", offset), r,
                Clock.systemUTC());
        b = Tegami.start(ConfigLoader.parse(toml, "b.toml"), new ServerOptions(dirB, "mx.example.test", "127.0.0.3", offset), r,
                Clock.systemUTC());
        addUser(a, "alice@alpha.test");
        addUser(b, "bob@example.test");
        addUser(b, "carol@example.test");
        keysA = new KeyAdmin(a.cryptoKeys());
        keysB = new KeyAdmin(b.cryptoKeys());
    }

    @AfterEach
    void stop() {
        for (Tegami t : new Tegami[] {a, b}) {
            if (t != null) {
                t.close();
            }
        }
        for (Path d : new Path[] {dirA, dirB}) {
            try (var walk = Files.walk(d)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // temp
            }
        }
    }

    static void addUser(Tegami t, String address) {
        var admin = new org.tegami.admin.Admin(t.store(), t.config());
        String domain = address.substring(address.indexOf('@') + 1);
        if (!admin.domains().contains(domain)) {
            admin.addDomain(domain);
        }
        admin.addUser(address, null, PW, false);
    }

    Reply submit(List<String> to, String body) throws Exception {
        return Smtp.submit("127.0.0.2", a.port("submission"), "alice@alpha.test", PW, to,
                "From: Alice <alice@alpha.test>\r\nTo: " + String.join(", ", to) + "\r\nSubject: plans\r\n"
                        + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n");
    }

    List<byte[]> bobsInbox() throws Exception {
        return Smtp.inbox(b.store(), "bob@example.test");
    }

    @Test
    void openPgpRequiredForTheDomainBobsGpgDecryptsAndAMissingKeyRefusesTheMessage() throws Exception {
        keysA.importKey("bob@example.test", PgpKeys.armor(PgpTestKeys.bob().publicRing()), null);
        // Policy changed while A runs: seen at once.
        keysA.setPolicy("alpha.test", null, "required", null);

        Reply sent = submit(List.of("bob@example.test"), "LAUNCH-CODE-0451 is tomorrow.");
        assertThat(sent.code()).as(sent.toString()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(20)).until(() -> bobsInbox().size() == 1);
        String atBob = Smtp.text(bobsInbox().get(0));
        assertThat(atBob).doesNotContain("LAUNCH-CODE-0451").contains("Subject: plans").contains("from mx.alpha.test ([127.0.0.2])")
                .contains("multipart/encrypted").contains("application/pgp-encrypted")
                .contains("X-Tegami-Signature: pgp; none; encrypted");
        try (Gpg bob = new Gpg()) {
            bob.importSecret(PgpTestKeys.bob().armored(), "bob-pw");
            String block = atBob.substring(atBob.indexOf("-----BEGIN PGP MESSAGE-----"), atBob.indexOf("-----END PGP MESSAGE-----") + 25);
            Processes.Run r = bob.run(block.getBytes(StandardCharsets.US_ASCII), "--pinentry-mode", "loopback", "--passphrase", "bob-pw",
                    "--decrypt");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Content-Type: text/plain").contains("LAUNCH-CODE-0451 is tomorrow.");
        }

        Reply refused = submit(List.of("bob@example.test", "carol@example.test"), "second");
        assertThat(refused.code()).isEqualTo(554);
        assertThat(refused.enhanced()).isEqualTo("5.7.5");
        assertThat(refused.text()).contains("carol@example.test").doesNotContain("bob@example.test")
                .startsWith("Message not sent: encryption is required");
        assertThat(a.store().queue().list()).isEmpty();
        Thread.sleep(1000);
        assertThat(bobsInbox()).hasSize(1);
        assertThat(Smtp.inbox(b.store(), "carol@example.test")).isEmpty();

        // when-possible: the same message goes out in the clear rather than not at all.
        keysA.setPolicy("alice@alpha.test", null, "when-possible", null);
        assertThat(submit(List.of("bob@example.test", "carol@example.test"), "CLEAR-9").code()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(20)).until(() -> bobsInbox().size() == 2);
        assertThat(Smtp.text(bobsInbox().get(1))).contains("CLEAR-9");
    }

    @Test
    void smimeSignedAndEncryptedOpensWithOpensslAndVerifiesToTheRoot() throws Exception {
        String openssl = ExternalTools.require("openssl");
        KeyPair interKeys = new KeyPair(PKI.intermediate.certificate().getPublicKey(), PKI.intermediate.privateKey());
        SmimeCredential aliceA = PKI.user("Alice A", "alice@alpha.test", TestPki.rsa(2048), PKI.intermediate, interKeys,
                Duration.ZERO, KeyPurposeId.id_kp_emailProtection);
        keysA.importKey("alice@alpha.test", org.tegami.cryptomail.KeyMaterial.credentialPem(aliceA), null);
        keysA.importKey("bob@example.test", Certificates.toPem(List.of(PKI.bob.certificate())), null);
        keysA.setPolicy("alice@alpha.test", "always", "required", null);
        keysB.trustAdd(Certificates.toPem(List.of(PKI.root.certificate())));

        Reply sent = submit(List.of("bob@example.test"), "SMIME-SECRET-3141");
        assertThat(sent.code()).as(sent.toString()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(20)).until(() -> bobsInbox().size() == 1);
        byte[] atBob = bobsInbox().get(0);
        assertThat(Smtp.text(atBob)).doesNotContain("SMIME-SECRET-3141").contains("application/pkcs7-mime")
                .contains("X-Tegami-Signature: smime;");
        Path tmp = Files.createTempDirectory("smime-bob");
        try {
            TestPki.pem(tmp, "bob.pem", PKI.bob.certificate());
            TestPki.pem(tmp, "bob.key", PKI.bob.privateKey());
            TestPki.pem(tmp, "root.pem", PKI.root.certificate());
            Files.write(tmp.resolve("in.eml"), atBob);
            Processes.Run dec = Processes.run(List.of(openssl, "cms", "-decrypt", "-in", "in.eml", "-recip", "bob.pem", "-inkey",
                    "bob.key", "-out", "signed.eml"), null, tmp, Map.of());
            assertThat(dec.exit()).as(dec.toString()).isZero();
            Processes.Run ver = Processes.run(List.of(openssl, "cms", "-verify", "-in", "signed.eml", "-CAfile", "root.pem"), null,
                    tmp, Map.of());
            assertThat(ver.exit()).as(ver.toString()).isZero();
            assertThat(ver.stderr()).contains("Verification successful");
            assertThat(ver.out()).contains("SMIME-SECRET-3141");
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        // Signing is "always": with the key gone, Alice's mail is refused rather than sent unsigned.
        keysA.setPolicy("alice@alpha.test", null, "never", null);
        a.store().keys().removeKey("alice@alpha.test", Certificates.fingerprint(aliceA.certificate()));
        Reply unsigned = submit(List.of("bob@example.test"), "x");
        assertThat(unsigned.code()).isEqualTo(554);
        assertThat(unsigned.text()).contains("signing is required but the sender has no signing key");
    }

    static int freeOffset(List<String> addresses, int... ports) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 20000 + ThreadLocalRandom.current().nextInt(40000);
            boolean ok = true;
            for (String addr : addresses) {
                for (int p : ports) {
                    try (ServerSocket s = new ServerSocket()) {
                        s.bind(new InetSocketAddress(InetAddress.getByName(addr), p + offset));
                    } catch (IOException e) {
                        ok = false;
                    }
                }
            }
            if (ok) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset");
    }
}
