package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tegami.testing.TestServer;

/**
 * The contract of issue 4 with production defaults (no plaintext passwords): before STLS, CAPA
 * offers STLS and not USER; after STLS (or on 995) it offers UIDL, TOP, RESP-CODES, PIPELINING,
 * SASL and USER.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3TlsTest {

    private TestServer srv;
    private SSLContext tls;

    @BeforeAll
    void start() {
        srv = Pop3Fixture.server("");
        tls = Pop3Fixture.trustingServer(srv);
        Pop3Fixture.deliver(srv, Pop3Fixture.USER, Pop3Fixture.message(1));
    }

    @AfterAll
    void stop() {
        srv.destroy();
    }

    @Test
    void beforeStlsCapaOffersStlsAndNoPasswords() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            List<String> caps = c.multiline("CAPA");
            assertThat(caps).contains("STLS", "UIDL", "TOP", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE")
                    .doesNotContain("USER").noneMatch(l -> l.startsWith("SASL"));
            assertThat(c.command("USER " + Pop3Fixture.USER)).startsWith("-ERR [AUTH] Plaintext authentication is disallowed");
            assertThat(c.command("AUTH PLAIN")).startsWith("-ERR [AUTH] Authentication is disallowed without TLS");
            assertThat(c.command("PASS " + Pop3Fixture.PASSWORD)).startsWith("-ERR");
        }
    }

    @Test
    void afterStlsCapaOffersUserAndSasl() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            assertThat(c.stls(tls)).startsWith("+OK");
            List<String> caps = c.multiline("CAPA");
            assertThat(caps).contains("UIDL", "TOP", "RESP-CODES", "PIPELINING", "USER", "AUTH-RESP-CODE",
                    "IMPLEMENTATION Tegami").doesNotContain("STLS");
            assertThat(caps).anyMatch(l -> l.startsWith("SASL ") && l.contains("PLAIN") && l.contains("SCRAM-SHA-256"));
            assertThat(c.command("STLS")).isEqualTo("-ERR TLS is already active");
            assertThat(c.command("USER " + Pop3Fixture.USER)).startsWith("+OK");
            assertThat(c.command("PASS " + Pop3Fixture.PASSWORD)).startsWith("+OK Logged in, maildrop has 1 messages");
            assertThat(c.command("STLS")).isEqualTo("-ERR STLS is only valid before login (RFC 2595 section 4)");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(new String(c.readRawBody(), StandardCharsets.US_ASCII)).isEqualTo(Pop3Fixture.message(1) + ".\r\n");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void implicitTlsOn995() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connectTls(srv.port("pop3s"), tls)) {
            assertThat(c.greeting).startsWith("+OK");
            List<String> caps = c.multiline("CAPA");
            assertThat(caps).contains("USER", "UIDL", "TOP", "RESP-CODES", "PIPELINING").doesNotContain("STLS");
            assertThat(c.command("USER " + Pop3Fixture.USER)).startsWith("+OK");
            assertThat(c.command("PASS " + Pop3Fixture.PASSWORD)).startsWith("+OK");
            assertThat(c.command("STAT")).isEqualTo("+OK 1 " + Pop3Fixture.message(1).length());
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void commandsPipelinedBehindStlsAreDiscarded() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            // CVE-2011-0411 class: a man in the middle appends a command to the cleartext STLS.
            c.sendRaw("STLS\r\nCAPA\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.stlsAfterRawSend(tls)).startsWith("+OK");
            assertThat(c.command("NOOP")).isEqualTo("-ERR Not logged in: NOOP is only valid after login");
        }
    }

    @Test
    void portsFollowTheOffset() {
        int offset = srv.tegami.config().server().portOffset();
        assertThat(srv.port("pop3")).isEqualTo(110 + offset);
        assertThat(srv.port("pop3s")).isEqualTo(995 + offset);
    }
}
