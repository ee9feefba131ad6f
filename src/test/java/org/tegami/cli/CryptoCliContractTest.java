package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.TestPki;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.yaml.snakeyaml.Yaml;

/**
 * The "Contract used for checking" of issue 7, exactly as written, through the command line:
 * {@code tegami trust add CA.pem --data DIR}, {@code tegami keys import ADDRESS FILE --data DIR},
 * {@code tegami crypto inspect FILE --data DIR --json} on messages made by {@code openssl cms}
 * and {@code gpg}. Each check also runs once without the trust anchor / key, to show the verdict
 * comes from what is in DIR.
 */
class CryptoCliContractTest {

    static final TestPki PKI = TestPki.get();
    static final String ENTITY = "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe contract text.\r\n";

    @TempDir
    static Path tools;
    static String openssl;
    static String gpg;

    @TempDir
    Path data;
    TegamiCli cli;

    @BeforeAll
    static void prepare() throws Exception {
        openssl = ExternalTools.require("openssl");
        gpg = ExternalTools.require("gpg");
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwx------"));
        TestPki.pem(tools, "root.pem", PKI.root.certificate());
        TestPki.pem(tools, "inter.pem", PKI.intermediate.certificate());
        TestPki.pem(tools, "alice.pem", PKI.alice.certificate());
        TestPki.pem(tools, "alice.key", PKI.alice.privateKey());
        Files.writeString(tools.resolve("entity.txt"), ENTITY);
        Files.write(tools.resolve("alice-sec.asc"), PgpTestKeys.alice().armored());
        ok(tool(gpg, "--batch", "--pinentry-mode", "loopback", "--passphrase", "alice-pw", "--import", "alice-sec.asc"));
        Files.write(tools.resolve("alice-pub.asc"), ok(tool(gpg, "--armor", "--export", "alice@example.test")));
    }

    @AfterAll
    static void stopAgent() {
        if (gpg != null) {
            tool("gpgconf", "--kill", "gpg-agent");
        }
    }

    @BeforeEach
    void cli() {
        cli = new TegamiCli(data);
    }

    static Processes.Run tool(String... cmd) {
        return Processes.run(Arrays.asList(cmd), null, tools, Map.of("GNUPGHOME", tools.toString()));
    }

    static byte[] ok(Processes.Run r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.stdout();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> inspect(Path file) {
        TegamiCli.Run r = cli.run("crypto", "inspect", file.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().strip()).startsWith("{").endsWith("}").doesNotContain("\n");
        Map<String, Object> json = (Map<String, Object>) new Yaml().load(r.out());
        assertThat(json).containsKeys("type", "signed", "encrypted", "signature", "signer", "reason");
        assertThat((String) json.get("reason")).isNotBlank().endsWith(".");
        return json;
    }

    Path write(String name, byte[] bytes) throws Exception {
        Path p = tools.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void opensslSignatureByACertificateChainingToATrustedCaPassesAndOneChangedByteFails() throws Exception {
        byte[] signed = ok(tool(openssl, "cms", "-sign", "-in", "entity.txt", "-signer", "alice.pem", "-inkey", "alice.key",
                "-certfile", "inter.pem", "-from", "alice@example.test", "-to", "bob@example.test", "-subject", "contract"));
        Path msg = write("smime-signed.eml", signed);
        // Nothing trusted in DIR yet: valid, but untrusted.
        assertThat(inspect(msg)).containsEntry("signature", "untrusted").containsEntry("type", "smime");

        TegamiCli.Run trust = cli.run("trust", "add", tools.resolve("root.pem").toString());
        assertThat(trust.code()).as(trust.toString()).isZero();
        assertThat(trust.out()).startsWith("added ").contains("CN=Tegami Test Root");

        Map<String, Object> pass = inspect(msg);
        assertThat(pass).containsEntry("type", "smime").containsEntry("signed", true).containsEntry("encrypted", false)
                .containsEntry("signature", "pass").containsEntry("signer", "alice@example.test");

        byte[] changed = signed.clone();
        int at = new String(changed, StandardCharsets.ISO_8859_1).indexOf("contract text");
        changed[at] = 'C';
        Map<String, Object> fail = inspect(write("smime-changed.eml", changed));
        assertThat(fail).containsEntry("type", "smime").containsEntry("signed", true).containsEntry("signature", "fail");
    }

    @Test
    void gpgDetachedSignatureByAnImportedKeyPassesAndOneChangedByteFails() throws Exception {
        byte[] sig = ok(tool(gpg, "--batch", "--pinentry-mode", "loopback", "--passphrase", "alice-pw", "-u", "alice@example.test",
                "--armor", "--detach-sign", "-o", "-", "entity.txt"));
        String msg = "From: Alice Example <alice@example.test>\r\nTo: bob@example.test\r\nSubject: contract\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; micalg=pgp-sha512; protocol=\"application/pgp-signature\"; boundary=\"s\"\r\n\r\n"
                + "--s\r\n" + ENTITY + "\r\n--s\r\nContent-Type: application/pgp-signature\r\n\r\n"
                + new String(sig, StandardCharsets.US_ASCII) + "\r\n--s--\r\n";
        Path file = write("pgp-signed.eml", msg.getBytes(StandardCharsets.US_ASCII));
        assertThat(inspect(file)).containsEntry("type", "pgp").containsEntry("signature", "unknown-key");

        TegamiCli.Run imp = cli.run("keys", "import", "alice@example.test", tools.resolve("alice-pub.asc").toString());
        assertThat(imp.code()).as(imp.toString()).isZero();
        assertThat(imp.out()).startsWith("imported pgp " + PgpTestKeys.alice().fingerprint() + " for alice@example.test");

        Map<String, Object> pass = inspect(file);
        assertThat(pass).containsEntry("type", "pgp").containsEntry("signed", true).containsEntry("encrypted", false)
                .containsEntry("signature", "pass");
        assertThat((String) pass.get("signer")).contains("alice@example.test").contains(PgpTestKeys.alice().fingerprint());

        String changed = msg.replace("contract text", "Contract text");
        assertThat(inspect(write("pgp-changed.eml", changed.getBytes(StandardCharsets.US_ASCII))))
                .containsEntry("type", "pgp").containsEntry("signature", "fail");
    }

    @Test
    void opensslAes256GcmEnvelopeIsSmimeEncrypted() throws Exception {
        byte[] enc = ok(tool(openssl, "cms", "-encrypt", "-aes-256-gcm", "-in", "entity.txt", "alice.pem"));
        Map<String, Object> json = inspect(write("smime-encrypted.eml", enc));
        assertThat(json).containsEntry("type", "smime").containsEntry("encrypted", true).containsEntry("signed", false)
                .containsEntry("signature", "none");
        assertThat(((Map<?, ?>) json.get("details")).get("encryptionAlgorithm")).isEqualTo("AES-256-GCM");
    }

    @Test
    void plainMessageAndGarbageGiveDefinedAnswers() throws Exception {
        assertThat(inspect(write("plain.eml", "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII))))
                .containsEntry("type", "none").containsEntry("signature", "none").containsEntry("signed", false);
        byte[] enc = ok(tool(openssl, "cms", "-encrypt", "-aes-256-gcm", "-in", "entity.txt", "alice.pem"));
        byte[] truncated = Arrays.copyOf(enc, enc.length * 2 / 3);
        Map<String, Object> json = inspect(write("truncated.eml", truncated));
        assertThat(json.get("type")).isIn("smime", "none");
        TegamiCli.Run missing = cli.run("crypto", "inspect", tools.resolve("no-such.eml").toString(), "--json");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).isEqualTo("tegami: " + tools.resolve("no-such.eml") + ": no such file\n");
    }
}
