package org.tegami.cryptomail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.cryptomail.CryptoGateway.Outcome;
import org.tegami.mime.MimeParser;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.TestPki;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;

/**
 * The checking contract of issue 7 through the inspector and the gateway, with real tools:
 * `openssl cms -sign` by a certificate chaining to a trusted CA and `gpg --detach-sign` by an
 * imported key report "pass", one changed byte reports "fail", `openssl cms -encrypt
 * -aes-256-gcm` is smime/encrypted; what the gateway stores at rest or sends opens in openssl/gpg.
 */
class CryptomailInteropTest {

    static final TestPki PKI = TestPki.get();
    static final String MESSAGE = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: contract\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <c1@example.test>\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe contract text.\r\n";

    @TempDir
    static Path dir;
    static String openssl;
    static String gpg;

    @BeforeAll
    static void tools() throws Exception {
        openssl = ExternalTools.require("openssl");
        gpg = ExternalTools.require("gpg");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        TestPki.pem(dir, "root.pem", PKI.root.certificate());
        TestPki.pem(dir, "inter.pem", PKI.intermediate.certificate());
        TestPki.pem(dir, "alice.pem", PKI.alice.certificate());
        TestPki.pem(dir, "alice.key", PKI.alice.privateKey());
        Files.writeString(dir.resolve("entity.txt"), "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe contract text.\r\n");
        Files.write(dir.resolve("alice-sec.asc"), PgpTestKeys.alice().armored());
        ok(run(gpg, "--batch", "--pinentry-mode", "loopback", "--passphrase", "alice-pw", "--import", "alice-sec.asc"));
    }

    @AfterAll
    static void stopAgent() {
        if (gpg != null) {
            run("gpgconf", "--kill", "gpg-agent");
        }
    }

    static Processes.Run run(String... cmd) {
        return Processes.run(Arrays.asList(cmd), null, dir, Map.of("GNUPGHOME", dir.toString()));
    }

    static byte[] ok(Processes.Run r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.stdout();
    }

    static Clock clock() {
        return Clock.fixed(Instant.now(), ZoneOffset.UTC);
    }

    @Test
    void opensslSignedPassesAndOneChangedByteFails() {
        byte[] msg = ok(run(openssl, "cms", "-sign", "-in", "entity.txt", "-signer", "alice.pem", "-inkey", "alice.key",
                "-certfile", "inter.pem", "-from", "alice@example.test", "-to", "bob@example.test", "-subject", "contract"));
        Inspection i = CryptoInspector.inspect(msg, PKI.trust(), new KeyRing(), clock());
        assertThat(i.type()).isEqualTo("smime");
        assertThat(i.signed()).isTrue();
        assertThat(i.signature()).as(i.reason()).isEqualTo("pass");
        assertThat(i.signer()).isEqualTo("alice@example.test");
        byte[] changed = msg.clone();
        int at = new String(changed, StandardCharsets.ISO_8859_1).indexOf("contract text");
        changed[at] = 'C';
        Inspection f = CryptoInspector.inspect(changed, PKI.trust(), new KeyRing(), clock());
        assertThat(f.signature()).isEqualTo("fail");
        assertThat(f.toJson()).contains("\"reason\":\"The signature does not match the content: the message was changed after signing.\"");
    }

    @Test
    void opensslGcmEncryptedIsSmimeEncrypted() {
        byte[] msg = ok(run(openssl, "cms", "-encrypt", "-aes-256-gcm", "-in", "entity.txt", "alice.pem"));
        Inspection i = CryptoInspector.inspect(msg, PKI.trust(), new KeyRing(), clock());
        assertThat(i.type()).isEqualTo("smime");
        assertThat(i.encrypted()).isTrue();
        assertThat(i.toJson()).startsWith("{\"type\":\"smime\",\"signed\":false,\"encrypted\":true,");
        assertThat(i.details().encryptionAlgorithm()).isEqualTo("AES-256-GCM");
    }

    @Test
    void gpgDetachedSignatureByAnImportedKeyPasses() {
        byte[] sig = ok(run(gpg, "--batch", "--pinentry-mode", "loopback", "--passphrase", "alice-pw", "-u", "alice@example.test",
                "--armor", "--detach-sign", "-o", "-", "entity.txt"));
        String msg = "From: Alice Example <alice@example.test>\r\nTo: bob@example.test\r\nSubject: contract\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; micalg=pgp-sha512; protocol=\"application/pgp-signature\"; boundary=\"s\"\r\n\r\n"
                + "--s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThe contract text.\r\n\r\n--s\r\n"
                + "Content-Type: application/pgp-signature\r\n\r\n" + new String(sig, StandardCharsets.US_ASCII) + "\r\n--s--\r\n";
        KeyRing ring = new KeyRing();
        ring.importKeys(ok(run(gpg, "--armor", "--export", "alice@example.test")), KeyTrust.VERIFIED);
        Inspection i = CryptoInspector.inspect(msg.getBytes(StandardCharsets.US_ASCII), PKI.trust(), ring, clock());
        assertThat(i.type()).isEqualTo("pgp");
        assertThat(i.signature()).as(i.reason()).isEqualTo("pass");
        assertThat(i.signer()).contains("alice@example.test").contains(PgpTestKeys.alice().fingerprint());
        String changed = msg.replace("contract text", "Contract text");
        assertThat(CryptoInspector.inspect(changed.getBytes(StandardCharsets.US_ASCII), PKI.trust(), ring, clock()).signature())
                .isEqualTo("fail");
    }

    @Test
    void atRestCopiesOpenInOpensslAndGpg() throws Exception {
        CryptoGateway g = new CryptoGateway(PKI.trust(), new KeyRing(), clock(), new SecureRandom());
        byte[] smime = ((Outcome.Changed) g.encryptAtRest(MESSAGE.getBytes(StandardCharsets.US_ASCII),
                new CryptoGateway.AtRestKey.Smime(PKI.alice.certificate()))).message();
        Files.write(dir.resolve("rest.eml"), smime);
        byte[] plain = ok(run(openssl, "cms", "-decrypt", "-in", "rest.eml", "-recip", "alice.pem", "-inkey", "alice.key"));
        assertThat(new String(plain, StandardCharsets.US_ASCII)).isEqualTo("Content-Type: text/plain; charset=us-ascii\r\n\r\nThe contract text.\r\n");
        byte[] pgp = ((Outcome.Changed) g.encryptAtRest(MESSAGE.getBytes(StandardCharsets.US_ASCII),
                new CryptoGateway.AtRestKey.Pgp(PgpTestKeys.alice().publicRing()))).message();
        var part = MimeParser.parse(pgp).root().children().get(1);
        Files.write(dir.resolve("rest.asc"), Arrays.copyOfRange(pgp, part.bodyStart(), part.end()));
        byte[] out = ok(run(gpg, "--batch", "--pinentry-mode", "loopback", "--passphrase", "alice-pw", "--decrypt", "rest.asc"));
        assertThat(new String(out, StandardCharsets.US_ASCII)).contains("The contract text.");
    }

    @Test
    void outboundSignedAndEncryptedOpensInGpgWithAGoodSignature() throws Exception {
        CryptoGateway g = new CryptoGateway(PKI.trust(), new KeyRing(), clock(), new SecureRandom());
        var rcpt = new CryptoGateway.RecipientKeys("alice@example.test", List.of(), List.of(PgpTestKeys.alice().publicRing()));
        Outcome o = g.encryptOutbound(MESSAGE.getBytes(StandardCharsets.US_ASCII), CryptoGateway.EncryptPolicy.REQUIRED, List.of(rcpt),
                new CryptoGateway.SignerKeys(null, PgpTestKeys.alice(), CryptoGateway.Format.PGP), null);
        byte[] msg = ((Outcome.Changed) o).message();
        var part = MimeParser.parse(msg).root().children().get(1);
        Files.write(dir.resolve("out.asc"), Arrays.copyOfRange(msg, part.bodyStart(), part.end()));
        List<String> cmd = new ArrayList<>(List.of(gpg, "--batch", "--pinentry-mode", "loopback", "--passphrase", "alice-pw",
                "--decrypt", "out.asc"));
        Processes.Run r = run(cmd.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("Good signature from \"Alice Example <alice@example.test>\"");
        assertThat(r.out()).contains("The contract text.");
    }
}
