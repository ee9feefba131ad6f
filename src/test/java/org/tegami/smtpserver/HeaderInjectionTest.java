package org.tegami.smtpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.smtp.Reply;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/**
 * Header injection through the envelope (issue 9): what a client says in HELO, MAIL FROM, RCPT TO
 * and their parameters ends up in header fields we write (Received:, Return-Path:,
 * Authentication-Results:). A bare CR or LF smuggled into those values must never start a new
 * header field in the stored message: the command is refused, or the value is kept on its line.
 */
class HeaderInjectionTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("");
        server.addUser("alice@example.test", "alice-password");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    /** Header block of every message in alice's inbox. */
    static List<String> headerBlocks() {
        return Mailboxes.inbox(server.tegami.store(), "alice@example.test").stream()
                .map(m -> m.substring(0, m.indexOf("\r\n\r\n") + 2)).toList();
    }

    static void assertNoInjectedField() {
        for (String h : headerBlocks()) {
            assertThat(h).doesNotContainPattern("(?m)^X-Injected").doesNotContain("\rX-Injected")
                    .doesNotContain("\nX-Injected");
            assertThat(h.replace("\r\n", "")).as("no bare CR/LF in our header fields").doesNotContain("\r")
                    .doesNotContain("\n");
        }
    }

    @Test
    void bareCrInHeloMailAndRcptNeverStartsAHeaderField() throws Exception {
        String[][] sessions = {
            {"EHLO evil.test\rX-Injected: helo", "MAIL FROM:<a@remote.test>", "RCPT TO:<alice@example.test>"},
            {"EHLO client.test", "MAIL FROM:<a@remote.test\rX-Injected: from>", "RCPT TO:<alice@example.test>"},
            {"EHLO client.test", "MAIL FROM:<a@remote.test> ENVID=x\rX-Injected:envid", "RCPT TO:<alice@example.test>"},
            {"EHLO client.test", "MAIL FROM:<a@remote.test>", "RCPT TO:<alice@example.test\rX-Injected: rcpt>"},
            {"EHLO client.test", "MAIL FROM:<\"x\rX-Injected: q\"@remote.test>", "RCPT TO:<alice@example.test>"},
        };
        for (String[] s : sessions) {
            try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
                c.read();
                boolean refused = false;
                for (String line : s) {
                    Reply r = c.cmd(line);
                    if (r.code() >= 400) {
                        refused = true;
                        assertThat(r.code()).as(line).isBetween(500, 599);
                        break;
                    }
                }
                if (!refused) {
                    assertThat(c.cmd("DATA").code()).isEqualTo(354);
                    assertThat(c.cmd("Subject: injection\r\n\r\nbody\r\n.").code()).isEqualTo(250);
                }
                c.cmd("QUIT");
            }
        }
        assertNoInjectedField();
    }

    @Test
    void bareCrInsideAHeaderLineIsStoredAsCrlf() throws Exception {
        try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
            c.read();
            c.cmd("EHLO client.test");
            c.cmd("MAIL FROM:<a@remote.test>");
            c.cmd("RCPT TO:<alice@example.test>");
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            // A bare CR inside the Subject would, to some parsers, end the field: it is stored as CRLF
            // (a line of its own, so no reader disagrees about where the field ends).
            assertThat(c.cmd("Subject: one\rTwo: three\r\n\r\nbody\r\n.").code()).isEqualTo(250);
        }
        for (String h : headerBlocks()) {
            assertThat(h.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        }
    }
}
