package org.tegami.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/** TLS as clients see it: protocol versions and suites offered, and certificate renewal without restart. */
class TlsTest {

    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tegami-tls");
        makeCert("first.test");
        server = TestServer.start("[tls]\ncert = \"" + dir.resolve("cert.pem") + "\"\nkey = \"" + dir.resolve("key.pem") + "\"\n");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    static void makeCert(String cn) throws Exception {
        String openssl = ExternalTools.require("openssl");
        Processes.Result r = Processes.run(List.of(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
                "-subj", "/CN=" + cn, "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()),
                null, Map.of(), dir, 60);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private static Processes.Result sClient(String... extra) {
        String openssl = ExternalTools.require("openssl");
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + server.port("submissions"),
                "-servername", "mx.example.test"));
        cmd.addAll(List.of(extra));
        return Processes.run(cmd, "QUIT\r\n", Map.of(), null, 30);
    }

    @Test
    void onlyTls12And13WithForwardSecretAeadSuites() {
        assertThat(sClient("-tls1_3").output()).contains("New, TLSv1.3, Cipher is TLS_");
        assertThat(sClient("-tls1_2").output()).containsPattern("New, TLSv1.2, Cipher is ECDHE-\\S+-(AES\\d+-GCM|CHACHA20)");
        assertThat(sClient("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0").output()).contains("Cipher is (NONE)")
                .doesNotContain("New, TLSv1.1");
        assertThat(sClient("-tls1", "-cipher", "DEFAULT@SECLEVEL=0").output()).contains("Cipher is (NONE)")
                .doesNotContain("New, TLSv1,");
        for (String weak : List.of("AES128-SHA", "AES256-GCM-SHA384", "ECDHE-RSA-AES128-SHA", "DHE-RSA-AES128-GCM-SHA256")) {
            String out = sClient("-tls1_2", "-cipher", weak + "@SECLEVEL=0").output();
            assertThat(out).as(weak + ": the client must really offer it").doesNotContain("no cipher match");
            assertThat(out).as(weak).contains("Cipher is (NONE)");
        }
    }

    @Test
    void starttlsOnEveryPlainPortUsesTheSameSettings() {
        String openssl = ExternalTools.require("openssl");
        Processes.Result r = Processes.run(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + server.port("smtp"),
                "-starttls", "smtp", "-tls1_2"), "QUIT\r\n", Map.of(), null, 30);
        assertThat(r.output()).contains("New, TLSv1.2, Cipher is ECDHE-");
    }

    @Test
    void renewedCertificateIsServedWithoutRestartAndOpenConnectionsSurvive() throws Exception {
        try (SmtpTestClient before = SmtpTestClient.tls(server.port("submissions"))) {
            assertThat(before.read().code()).isEqualTo(220);
            String first = fingerprint(before);
            makeCert("second.test");
            Files.setLastModifiedTime(dir.resolve("cert.pem"), FileTime.from(Instant.now().plusSeconds(5)));
            server.tegami.reloadTls();
            try (SmtpTestClient after = SmtpTestClient.tls(server.port("submissions"))) {
                assertThat(after.read().code()).isEqualTo(220);
                assertThat(fingerprint(after)).isNotEqualTo(first);
                assertThat(after.sslSocket().getSession().getPeerCertificates()[0].toString()).contains("CN=second.test");
            }
            assertThat(before.cmd("EHLO still.here").code()).as("a connection opened before keeps working").isEqualTo(250);
        }
    }

    private static String fingerprint(SmtpTestClient c) throws Exception {
        byte[] der = c.sslSocket().getSession().getPeerCertificates()[0].getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
