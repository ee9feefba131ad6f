package org.tegami.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pgp.PgpTestKeys.RANDOM;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.mime.MimeEntities;
import org.tegami.mime.MimeParser;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;

/**
 * Interoperability with GnuPG: PGP/MIME and inline messages made by {@code gpg} verify and
 * decrypt in Tegami (tampered copies fail), messages made by Tegami verify and decrypt with
 * {@code gpg}, and keys, revocations and certifications made by gpg are understood.
 */
class GpgInteropTest {

    static final String ENTITY = "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello from GnuPG.\r\n- a dashed line\r\nlast line\r\n";

    @TempDir
    static Path home;
    static String gpg;
    static String daveFpr;
    static KeyRing ring;

    @BeforeAll
    static void setUp() throws Exception {
        gpg = ExternalTools.require("gpg");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        // Dave is a native GnuPG key; Alice (Ed25519) and Bob (RSA) are Tegami-generated keys imported into gpg.
        ok(gpg("--quick-gen-key", "Dave <dave@example.test>", "ed25519", "sign", "1y"));
        daveFpr = colons(gpg("--with-colons", "--list-secret-keys", "dave@example.test")).get("fpr");
        ok(gpg("--quick-add-key", daveFpr, "cv25519", "encr", "1y"));
        Files.write(home.resolve("alice.asc"), PgpTestKeys.alice().armored());
        Files.write(home.resolve("bob.asc"), PgpTestKeys.bob().armored());
        ok(gpgPass("alice-pw", "--import", "alice.asc"));
        ok(gpgPass("bob-pw", "--import", "bob.asc"));
        ring = new KeyRing();
        ring.importKeys(ok(gpg("--armor", "--export", daveFpr)), KeyTrust.VERIFIED);
        ring.add(PgpTestKeys.alice().publicRing(), KeyTrust.VERIFIED);
        Files.writeString(home.resolve("entity.txt"), ENTITY);
    }

    @AfterAll
    static void stopAgent() {
        if (gpg != null) {
            Processes.run(List.of("gpgconf", "--kill", "gpg-agent"), null, home, Map.of("GNUPGHOME", home.toString()));
        }
    }

    static Processes.Run gpg(String... args) {
        List<String> cmd = new ArrayList<>(List.of(gpg, "--batch", "--yes", "--no-tty", "--pinentry-mode", "loopback",
                "--passphrase", "", "--trust-model", "always"));
        cmd.addAll(Arrays.asList(args));
        return Processes.run(cmd, null, home, Map.of("GNUPGHOME", home.toString()));
    }

    static Processes.Run gpgPass(String passphrase, String... args) {
        List<String> a = new ArrayList<>(List.of("--passphrase", passphrase));
        a.addAll(Arrays.asList(args));
        List<String> cmd = new ArrayList<>(List.of(gpg, "--batch", "--yes", "--no-tty", "--pinentry-mode", "loopback",
                "--trust-model", "always"));
        cmd.addAll(a);
        return Processes.run(cmd, null, home, Map.of("GNUPGHOME", home.toString()));
    }

    static byte[] ok(Processes.Run r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.stdout();
    }

    /** First value per record type from --with-colons output (e.g. "fpr" -> fingerprint). */
    static Map<String, String> colons(Processes.Run r) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.split(":");
            if (f.length > 9) {
                m.putIfAbsent(f[0], f[9]);
            }
        }
        return m;
    }

    static Clock clock() {
        return Clock.fixed(Instant.now(), ZoneOffset.UTC);
    }

    static byte[] pgpMimeSigned(String entity, String armoredSig) {
        return ("From: Dave <dave@example.test>\r\nTo: alice@example.test\r\nSubject: signed by gpg\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; micalg=pgp-sha256; protocol=\"application/pgp-signature\"; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\n" + entity + "\r\n--b1\r\nContent-Type: application/pgp-signature; name=\"signature.asc\"\r\n\r\n"
                + armoredSig.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n--b1--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] pgpMimeEncrypted(String armored) {
        return ("From: Dave <dave@example.test>\r\nTo: alice@example.test\r\nSubject: encrypted by gpg\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b2\"\r\n\r\n"
                + "--b2\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n--b2\r\n"
                + "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n"
                + armored.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n--b2--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] inline(String body) {
        return ("From: Dave <dave@example.test>\r\nTo: alice@example.test\r\nSubject: inline\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body.replace("\r\n", "\n").replace("\n", "\r\n"))
                .getBytes(StandardCharsets.US_ASCII);
    }

    // ---- gpg makes, Tegami reads

    @Test
    void gpgDetachedSignaturesVerifyAndTamperedCopiesFail() {
        for (String mode : List.of("--detach-sign", "--textmode")) {
            List<String> args = new ArrayList<>(List.of("-u", daveFpr, "--armor", "--detach-sign", "-o", "-", "entity.txt"));
            if (mode.equals("--textmode")) {
                args.add(0, "--textmode");
            }
            String sig = new String(ok(gpg(args.toArray(String[]::new))), StandardCharsets.US_ASCII);
            byte[] msg = pgpMimeSigned(ENTITY, sig);
            PgpVerification v = new PgpVerifier(ring, clock()).verify(msg);
            assertThat(v.status()).as(mode + ": " + v.reason()).isEqualTo(PgpVerification.Status.PASS);
            assertThat(v.signerUserId()).isEqualTo("Dave <dave@example.test>");
            assertThat(v.signerFingerprint()).isEqualTo(daveFpr);
            String bodyChanged = new String(msg, StandardCharsets.US_ASCII).replace("Hello from GnuPG", "Hello from GnuPH");
            PgpVerification b = new PgpVerifier(ring, clock()).verify(bodyChanged.getBytes(StandardCharsets.US_ASCII));
            assertThat(b.status()).isEqualTo(PgpVerification.Status.FAIL);
            assertThat(b.reason()).isEqualTo("The signature does not match the content: the message was changed after signing.");
            String headerAdded = new String(msg, StandardCharsets.US_ASCII)
                    .replace("--b1\r\nContent-Type: text/plain", "--b1\r\nX-Added: yes\r\nContent-Type: text/plain");
            assertThat(new PgpVerifier(ring, clock()).verify(headerAdded.getBytes(StandardCharsets.US_ASCII)).status())
                    .isEqualTo(PgpVerification.Status.FAIL);
            assertThat(new PgpVerifier(new KeyRing(), clock()).verify(msg).status()).isEqualTo(PgpVerification.Status.UNKNOWN_KEY);
        }
    }

    @Test
    void gpgEncryptedAndSignedAndEncryptedMessagesDecrypt() {
        String enc = new String(ok(gpg("-r", "alice@example.test", "--armor", "--encrypt", "-o", "-", "entity.txt")), StandardCharsets.US_ASCII);
        var r = new PgpDecryptor(ring, clock()).decryptMessage(pgpMimeEncrypted(enc), List.of(PgpTestKeys.alice()));
        assertThat(r).as(r.toString()).isInstanceOf(PgpDecryptor.Result.Decrypted.class);
        var d = (PgpDecryptor.Result.Decrypted) r;
        assertThat(d.content()).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
        assertThat(d.signature().status()).isEqualTo(PgpVerification.Status.NONE);
        String both = new String(ok(gpg("-u", daveFpr, "-r", "bob@example.test", "--armor", "--sign", "--encrypt", "-o", "-",
                "entity.txt")), StandardCharsets.US_ASCII);
        var rb = (PgpDecryptor.Result.Decrypted) new PgpDecryptor(ring, clock()).decryptMessage(pgpMimeEncrypted(both),
                List.of(PgpTestKeys.bob()));
        assertThat(rb.content()).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
        assertThat(rb.signature().status()).as(rb.signature().reason()).isEqualTo(PgpVerification.Status.PASS);
        assertThat(rb.signature().signerFingerprint()).isEqualTo(daveFpr);
        assertThat(new PgpDecryptor(ring, clock()).decryptMessage(pgpMimeEncrypted(both), List.of(PgpTestKeys.alice())))
                .isInstanceOf(PgpDecryptor.Result.NoMatchingKey.class);
    }

    @Test
    void gpgInlineClearsignedAndEncryptedMessagesAreRecognised() throws Exception {
        Files.writeString(home.resolve("text.txt"), "Inline hello.\n-- \nDave   \n- leading dash\nFrom the start\n");
        String clear = new String(ok(gpg("-u", daveFpr, "--clearsign", "-o", "-", "text.txt")), StandardCharsets.US_ASCII);
        assertThat(clear).contains("- -- ").contains("- - leading dash");
        PgpVerification v = new PgpVerifier(ring, clock()).verify(inline(clear));
        assertThat(v.status()).as(v.reason()).isEqualTo(PgpVerification.Status.PASS);
        assertThat(v.form()).isEqualTo(PgpVerification.Form.INLINE);
        assertThat(new String(v.content(), StandardCharsets.US_ASCII))
                .isEqualTo("Inline hello.\r\n--\r\nDave\r\n- leading dash\r\nFrom the start");
        PgpVerification t = new PgpVerifier(ring, clock()).verify(inline(clear.replace("Inline hello.", "Inline jello.")));
        assertThat(t.status()).isEqualTo(PgpVerification.Status.FAIL);
        String enc = new String(ok(gpg("-r", "alice@example.test", "--armor", "--encrypt", "-o", "-", "text.txt")), StandardCharsets.US_ASCII);
        var d = (PgpDecryptor.Result.Decrypted) new PgpDecryptor(ring, clock()).decryptMessage(inline("Look:\n" + enc),
                List.of(PgpTestKeys.alice()));
        assertThat(d.inline()).isTrue();
        assertThat(new String(d.content(), StandardCharsets.US_ASCII)).startsWith("Inline hello.\n");
    }

    // ---- Tegami makes, gpg reads

    @Test
    void tegamiSignaturesVerifyWithGpg() throws Exception {
        for (PgpSecretKey key : List.of(PgpTestKeys.alice(), PgpTestKeys.bob())) {
            var s = (PgpSigner.Result.Signed) new PgpSigner(clock(), RANDOM).sign(ENTITY.getBytes(StandardCharsets.US_ASCII), key);
            var parsed = MimeParser.parse(s.bytes());
            var first = parsed.root().children().get(0);
            var second = parsed.root().children().get(1);
            Files.write(home.resolve("signed-part.txt"), Arrays.copyOfRange(s.bytes(), first.headerStart(), first.end()));
            Files.write(home.resolve("sig.asc"), Arrays.copyOfRange(s.bytes(), second.bodyStart(), second.end()));
            Processes.Run r = gpg("--verify", "sig.asc", "signed-part.txt");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.stderr()).contains("Good signature from \"" + key.publicRing().getPublicKey().getUserIDs().next());
            Files.writeString(home.resolve("signed-part.txt"), Files.readString(home.resolve("signed-part.txt")).replace("last", "lost"));
            assertThat(gpg("--verify", "sig.asc", "signed-part.txt").exit()).isNotZero();
        }
    }

    @Test
    void tegamiEncryptedMessagesDecryptWithGpg() throws Exception {
        var e = (PgpEncryptor.Result.Encrypted) new PgpEncryptor(clock(), RANDOM).encrypt(ENTITY.getBytes(StandardCharsets.US_ASCII),
                List.of(PgpTestKeys.alice().publicRing(), ring.get(daveFpr).orElseThrow().ring()), PgpTestKeys.bob());
        var parsed = MimeParser.parse(e.bytes());
        var second = parsed.root().children().get(1);
        Files.write(home.resolve("enc.asc"), Arrays.copyOfRange(e.bytes(), second.bodyStart(), second.end()));
        Processes.Run dave = gpg("--decrypt", "enc.asc");
        assertThat(dave.exit()).as(dave.toString()).isZero();
        assertThat(dave.stdout()).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
        assertThat(dave.stderr()).contains("Good signature from \"Bob Example <bob@example.test>\"");
        Processes.Run alice = gpgPass("alice-pw", "--decrypt", "enc.asc");
        assertThat(alice.stdout()).as(alice.toString()).isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
    }

    // ---- keys made or changed by gpg

    @Test
    void gpgRevocationCertificateIsHonoured() throws Exception {
        ok(gpg("--quick-gen-key", "Eve <eve@example.test>", "ed25519", "sign", "1y"));
        String eveFpr = colons(gpg("--with-colons", "--list-keys", "eve@example.test")).get("fpr");
        KeyRing r = new KeyRing();
        r.importKeys(ok(gpg("--armor", "--export", eveFpr)), KeyTrust.VERIFIED);
        assertThat(r.list(Instant.now()).get(0).validity()).isEqualTo(PgpKeyInfo.Validity.VALID);
        Path rev;
        try (Stream<Path> s = Files.list(home.resolve("openpgp-revocs.d"))) {
            rev = s.filter(p -> p.getFileName().toString().startsWith(eveFpr)).findFirst().orElseThrow();
        }
        // gpg guards the certificate with a ':' before the armour line; removing it arms it.
        byte[] cert = Files.readString(rev).replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----")
                .getBytes(StandardCharsets.US_ASCII);
        var imported = r.importKeys(cert, KeyTrust.UNVERIFIED);
        assertThat(imported.problems()).as(imported.toString()).isEmpty();
        assertThat(r.list(Instant.now().plusSeconds(5)).get(0).validity()).isEqualTo(PgpKeyInfo.Validity.REVOKED);
    }

    @Test
    void gpgCertificationShowsInTheWebOfTrust() {
        String aliceFpr = PgpTestKeys.alice().fingerprint();
        ok(gpg("-u", daveFpr, "--quick-sign-key", aliceFpr));
        KeyRing r = new KeyRing();
        r.importKeys(ok(gpg("--armor", "--export", daveFpr)), KeyTrust.VERIFIED);
        r.importKeys(ok(gpg("--armor", "--export", aliceFpr)), KeyTrust.VERIFIED);
        PgpKeyInfo alice = r.info(r.get(aliceFpr).orElseThrow(), Instant.now().plusSeconds(5));
        assertThat(alice.userIds().get(0).certifications()).anySatisfy(c -> {
            assertThat(c.issuerFingerprint()).isEqualTo(daveFpr);
            assertThat(c.issuerUserId()).isEqualTo("Dave <dave@example.test>");
            assertThat(c.status()).isEqualTo(PgpKeyInfo.Certification.Status.VERIFIED);
        });
    }

    @Test
    void entityFileMatchesWhatTegamiSigns() {
        // The gpg cases above sign the same bytes Tegami would: ENTITY is already 7-bit and CRLF.
        assertThat(MimeEntities.toSevenBit(ENTITY.getBytes(StandardCharsets.US_ASCII), true))
                .isEqualTo(ENTITY.getBytes(StandardCharsets.US_ASCII));
    }
}
