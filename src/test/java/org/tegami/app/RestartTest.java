package org.tegami.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tegami.dns.InMemoryResolver;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

class RestartTest {

    @Test
    void mailAndCertificateSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory("tegami-restart");
        String fingerprint;
        try (TestServer s = TestServer.start("", "mx.example.test", new InMemoryResolver(), dir)) {
            s.addUser("alice@example.test", "alice-password");
            try (SmtpTestClient c = new SmtpTestClient(s.port("smtp"))) {
                c.read();
                c.cmd("EHLO x.test");
                c.cmd("MAIL FROM:<a@remote.test>");
                c.cmd("RCPT TO:<alice@example.test>");
                c.cmd("DATA");
                assertThat(c.cmd("Subject: persist\r\n\r\nkept\r\n.").code()).isEqualTo(250);
            }
            fingerprint = s.tegami.store().blobs().root().toString();
        }
        byte[] cert = Files.readAllBytes(dir.resolve("tls/selfsigned-cert.pem"));
        try (TestServer s = TestServer.start("", "mx.example.test", new InMemoryResolver(), dir)) {
            assertThat(Mailboxes.inbox(s.tegami.store(), "alice@example.test")).singleElement()
                    .asString().contains("Subject: persist");
            assertThat(Files.readAllBytes(dir.resolve("tls/selfsigned-cert.pem"))).isEqualTo(cert);
            assertThat(s.tegami.store().blobs().root().toString()).isEqualTo(fingerprint);
        }
    }
}
