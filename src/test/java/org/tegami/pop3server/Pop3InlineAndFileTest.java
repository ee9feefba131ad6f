package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.BlobStore;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/**
 * Mail delivered over SMTP, as users get it, is retrieved whole over POP3 whether the store keeps
 * it in the database (up to 128 KiB, ADR 0002) or in a file. RETR once opened only files and
 * answered "-ERR ... deleted by another session" for every small message.
 */
class Pop3InlineAndFileTest {

    TestServer srv;

    @AfterEach
    void stop() {
        if (srv != null) {
            srv.destroy();
        }
    }

    @Test
    void smallAndLargeMessagesDeliveredOverSmtpAreRetrievedWhole() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        String small = "Subject: small\r\n\r\nsmall body\r\n";
        String large = "Subject: large\r\n\r\n" + "line of a large body, still ASCII\r\n".repeat(BlobStore.INLINE_MAX / 20);
        for (String body : new String[] {small, large}) {
            try (SmtpTestClient c = new SmtpTestClient(srv.port("smtp"))) {
                c.read();
                c.cmd("EHLO client.test");
                c.cmd("MAIL FROM:<a@remote.test>");
                c.cmd("RCPT TO:<" + Pop3Fixture.USER + ">");
                c.cmd("DATA");
                assertThat(c.cmd(body + ".").code()).isEqualTo(250);
            }
        }
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            c.command("USER " + Pop3Fixture.USER);
            assertThat(c.command("PASS " + Pop3Fixture.PASSWORD)).startsWith("+OK");
            for (int n = 1; n <= 2; n++) {
                assertThat(c.command("RETR " + n)).startsWith("+OK");
                String got = new String(c.readRawBody(), StandardCharsets.UTF_8);
                assertThat(got).contains(n == 1 ? "small body" : "line of a large body");
                if (n == 2) {
                    assertThat(got.length()).isGreaterThan(BlobStore.INLINE_MAX);
                }
            }
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }
}
