package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.cryptomail.KeyMaterial;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.TestPki;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;

/**
 * {@code tegami keys import|list|export|remove} and {@code tegami trust add|list|remove}: every
 * kind of key file, passphrases on standard input, private keys sealed (never in the database in
 * the clear), listings with chain status, revocation and certifications (web of trust).
 */
class KeysCliTest {

    static final TestPki PKI = TestPki.get();

    @TempDir
    static Path files;
    static String openssl;

    @TempDir
    Path data;
    TegamiCli cli;

    @BeforeAll
    static void prepare() throws Exception {
        openssl = ExternalTools.require("openssl");
        TestPki.pem(files, "root.pem", PKI.root.certificate());
        TestPki.pem(files, "inter.pem", PKI.intermediate.certificate());
        TestPki.pem(files, "alice.pem", PKI.alice.certificate());
        TestPki.pem(files, "alice-chain.pem", PKI.alice.certificate(), PKI.intermediate.certificate());
        TestPki.pem(files, "alice.key", PKI.alice.privateKey());
        Processes.Run p12 = Processes.run(List.of(openssl, "pkcs12", "-export", "-in", "alice.pem", "-inkey", "alice.key",
                "-certfile", "inter.pem", "-passout", "pass:p12-pass", "-out", "alice.p12"), null, files, Map.of());
        assertThat(p12.exit()).as(p12.toString()).isZero();
        Files.write(files.resolve("bob-sec.asc"), PgpTestKeys.bob().armored());
        Files.write(files.resolve("alice-pub.asc"), PgpKeys.armor(PgpTestKeys.alice().publicRing()));
        Files.write(files.resolve("carol-certified.asc"), PgpKeys.armor(PgpTestKeys.certifiedBy(PgpTestKeys.carol().publicRing(),
                PgpTestKeys.alice(), PgpTestKeys.NOW.minusSeconds(3600))));
        Files.write(files.resolve("carol-revoked.asc"), PgpKeys.armor(PgpTestKeys.revoked(PgpTestKeys.carol(),
                RevocationReasonTags.KEY_COMPROMISED, PgpTestKeys.NOW.minusSeconds(60))));
    }

    @AfterAll
    static void nothing() {
        // files are removed by @TempDir
    }

    @BeforeEach
    void cli() {
        cli = new TegamiCli(data);
    }

    String path(String name) {
        return files.resolve(name).toString();
    }

    TegamiCli.Run ok(TegamiCli.Run r) {
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void pkcs12WithPassphraseOnStdinIsSealedAndExportsBack() throws Exception {
        TegamiCli.Run none = cli.run("keys", "import", "alice@example.test", path("alice.p12"));
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("tegami: a passphrase is needed: give it on standard input\n");
        TegamiCli.Run wrong = cli.withStdin("nope\n", "keys", "import", "alice@example.test", path("alice.p12"));
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("tegami: wrong passphrase for the PKCS #12 file\n");

        TegamiCli.Run imp = ok(cli.withStdin("p12-pass\n", "keys", "import", "alice@example.test", path("alice.p12")));
        String fpr = org.tegami.smime.Certificates.fingerprint(PKI.alice.certificate());
        assertThat(imp.out()).startsWith("imported smime " + fpr + " for alice@example.test (with private key)\n")
                .contains("private key sealed with " + data.resolve("seal.key"));

        // The server key: created on first use, owner-only.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("seal.key")))).isEqualTo("rw-------");
        assertThat(Files.size(data.resolve("seal.key"))).isEqualTo(32);
        // Nothing of the private key is in the database files in the clear.
        byte[] pkcs8 = PKI.alice.privateKey().getEncoded();
        for (String f : List.of("tegami.db", "tegami.db-wal")) {
            if (Files.exists(data.resolve(f))) {
                byte[] db = Files.readAllBytes(data.resolve(f));
                assertThat(indexOf(db, Arrays.copyOfRange(pkcs8, 30, 90))).as(f).isEqualTo(-1);
                assertThat(indexOf(db, Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, 30, 90)).substring(0, 40)
                        .getBytes(StandardCharsets.US_ASCII))).as(f).isEqualTo(-1);
                assertThat(indexOf(db, "PRIVATE KEY".getBytes(StandardCharsets.US_ASCII))).as(f).isEqualTo(-1);
            }
        }

        TegamiCli.Run list = ok(cli.run("keys", "list", "alice@example.test"));
        assertThat(list.out()).startsWith("alice@example.test  smime  " + fpr + "  verified  private-key\n")
                .contains("    subject: ").contains("addresses: alice@example.test").contains("    chain: untrusted");
        ok(cli.run("trust", "add", path("root.pem")));
        assertThat(ok(cli.run("keys", "list")).out()).contains("    chain: trusted (anchor CN=Tegami Test Root)");

        TegamiCli.Run pub = ok(cli.run("keys", "export", "alice@example.test"));
        assertThat(pub.out()).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE");
        Path out = files.resolve("alice-exported.pem");
        TegamiCli.Run priv = ok(cli.run("keys", "export", "alice@example.test", "--private", "-o", out.toString()));
        assertThat(priv.err()).contains("not protected by a passphrase");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        var back = KeyMaterial.identify(Files.readAllBytes(out), null, PKI.now);
        assertThat(back).isInstanceOfSatisfying(KeyMaterial.Identified.SmimeKey.class, k -> {
            assertThat(k.credential().privateKey().getEncoded()).isEqualTo(pkcs8);
            assertThat(k.credential().chain()).containsExactly(PKI.intermediate.certificate());
        });
        // openssl reads the exported key and certificate: it signs, and the signature verifies to the root.
        Processes.Run sign = Processes.run(List.of(openssl, "cms", "-sign", "-signer", out.toString(), "-in", path("root.pem")),
                null, files, Map.of());
        assertThat(sign.exit()).as(sign.toString()).isZero();

        ok(cli.run("keys", "remove", "alice@example.test", fpr));
        assertThat(ok(cli.run("keys", "list", "alice@example.test")).out()).isEqualTo("no keys for alice@example.test\n");
        TegamiCli.Run again = cli.run("keys", "remove", "alice@example.test", fpr);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("tegami: no key " + fpr + " for alice@example.test\n");
    }

    @Test
    void certificateChainPemAndAddressChecks() {
        TegamiCli.Run imp = ok(cli.run("keys", "import", "Alice@Example.TEST", path("alice-chain.pem")));
        assertThat(imp.out()).contains("for alice@example.test\n").contains("1 more certificate(s) stored as the chain");
        TegamiCli.Run wrong = cli.run("keys", "import", "bob@example.test", path("alice.pem"));
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("tegami: no end-entity certificate in the file names bob@example.test (found: alice@example.test)");
        TegamiCli.Run ca = cli.run("keys", "import", "alice@example.test", path("root.pem"));
        assertThat(ca.err()).contains("CA certificates are added with: tegami trust add FILE");
        TegamiCli.Run junk = cli.run("keys", "import", "alice@example.test", path("alice-pub.asc") + ".missing");
        assertThat(junk.err()).endsWith(": no such file\n");
    }

    @Test
    void openPgpSecretKeyWithPassphraseIsSealedAndExportsForGpg() throws Exception {
        String gpg = ExternalTools.require("gpg");
        TegamiCli.Run imp = ok(cli.withStdin("bob-pw\n", "keys", "import", "bob@example.test", path("bob-sec.asc")));
        String fpr = PgpTestKeys.bob().fingerprint();
        assertThat(imp.out()).startsWith("imported pgp " + fpr + " for bob@example.test (with private key)\n");
        assertThat(ok(cli.run("keys", "list", "bob@example.test")).out())
                .startsWith("bob@example.test  pgp  " + fpr + "  verified  private-key\n")
                .contains("RSA-3072").contains("no expiry  valid").contains("uid Bob Example <bob@example.test>  [primary]");
        Path home = Files.createTempDirectory("gpg-export");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        try {
            Path sec = home.resolve("bob-exported.asc");
            ok(cli.run("keys", "export", "bob@example.test", "--private", "-o", sec.toString()));
            Map<String, String> env = Map.of("GNUPGHOME", home.toString());
            Processes.Run in = Processes.run(List.of(gpg, "--batch", "--import", sec.toString()), null, home, env);
            assertThat(in.exit()).as(in.toString()).isZero();
            Processes.Run ls = Processes.run(List.of(gpg, "--batch", "--list-secret-keys", "--with-colons"), null, home, env);
            assertThat(ls.out()).contains("fpr:::::::::" + fpr + ":");
            // Unprotected by a passphrase now (the seal protected it at rest): gpg signs without one.
            Files.writeString(home.resolve("t.txt"), "x");
            Processes.Run sign = Processes.run(List.of(gpg, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--detach-sign", "t.txt"), null, home, env);
            assertThat(sign.exit()).as(sign.toString()).isZero();
            Processes.run(List.of("gpgconf", "--kill", "gpg-agent"), null, home, env);
        } finally {
            try (var walk = Files.walk(home)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        TegamiCli.Run wrong = cli.withStdin("not-bobs\n", "keys", "import", "bob@example.test", path("bob-sec.asc"));
        assertThat(wrong.err()).startsWith("tegami: wrong passphrase for the OpenPGP secret key " + fpr);
    }

    @Test
    void webOfTrustCertificationsAndRevocationAreShown() {
        ok(cli.run("keys", "import", "carol@example.test", path("carol-certified.asc")));
        String alice = PgpTestKeys.alice().fingerprint();
        // The certifier is not known yet: its certification cannot be checked.
        assertThat(ok(cli.run("keys", "list", "carol@example.test")).out()).contains("uid Carol <carol@example.test>")
                .containsPattern("certified by " + alice + "  casual  \\d{4}-\\d\\d-\\d\\d  unknown-issuer");
        ok(cli.run("keys", "import", "alice@example.test", path("alice-pub.asc")));
        assertThat(ok(cli.run("keys", "list", "carol@example.test")).out())
                .contains("certified by " + alice + " (Alice Example <alice@example.test>)  casual")
                .contains("verified, issuer verified");
        // A revocation merges into the stored key (the certification stays).
        ok(cli.run("keys", "import", "carol@example.test", path("carol-revoked.asc")));
        String after = ok(cli.run("keys", "list", "carol@example.test")).out();
        assertThat(after).contains("  revoked (key compromised: stolen laptop").contains("certified by " + alice);
    }

    @Test
    void trustAnchorsAddListRemove() {
        TegamiCli.Run add = ok(cli.run("trust", "add", path("root.pem")));
        String fpr = org.tegami.smime.Certificates.fingerprint(PKI.root.certificate());
        assertThat(add.out()).isEqualTo("added " + fpr + "  CN=Tegami Test Root\n");
        assertThat(ok(cli.run("trust", "add", path("root.pem"))).out()).startsWith("already trusted: " + fpr);
        assertThat(ok(cli.run("trust", "add", path("alice.pem"))).out()).contains("warning: not a CA certificate");
        assertThat(ok(cli.run("trust", "list")).out()).startsWith(fpr + "  CN=Tegami Test Root  valid to ");
        ok(cli.run("trust", "remove", HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(fpr))));
        assertThat(ok(cli.run("trust", "list")).out()).doesNotContain(fpr);
        TegamiCli.Run bad = cli.run("trust", "add", path("alice-pub.asc"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("tegami: the file holds no CA certificate (PEM or DER expected)\n");
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
}
