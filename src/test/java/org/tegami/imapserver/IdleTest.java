package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/**
 * IDLE (RFC 9051 §6.3.13, RFC 2177): a message delivered over SMTP to the MX port reaches a client
 * waiting in IDLE within a second; flag changes and expunges by another session are pushed too;
 * DONE ends the command, anything else is BAD.
 */
class IdleTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\n");
        server.addUser("idle@example.test", "idle-password-1");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    static ImapTestClient selected(String mailbox) throws Exception {
        ImapTestClient c = new ImapTestClient(server.port("imap"));
        c.greeting();
        assertThat(c.login("idle@example.test", "idle-password-1").ok()).isTrue();
        assertThat(c.command("SELECT " + mailbox).ok()).isTrue();
        return c;
    }

    static void deliver(String subject) throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(server.port("smtp"))) {
            assertThat(smtp.read().code()).isEqualTo(220);
            assertThat(smtp.cmd("EHLO client.test").code()).isEqualTo(250);
            assertThat(smtp.cmd("MAIL FROM:<someone@remote.test>").code()).isEqualTo(250);
            assertThat(smtp.cmd("RCPT TO:<idle@example.test>").code()).isEqualTo(250);
            assertThat(smtp.cmd("DATA").code()).isEqualTo(354);
            assertThat(smtp.cmd("Subject: " + subject + "\r\n\r\nhello\r\n.").code()).isEqualTo(250);
            smtp.cmd("QUIT");
        }
    }

    @Test
    void smtpDeliveryIsPushedWithinOneSecond() throws Exception {
        try (ImapTestClient c = selected("INBOX")) {
            int before = exists(c.command("NOOP").all(), c);
            c.send("i1 IDLE\r\n");
            assertThat(c.readResponse()).startsWith("+ ");
            long t0 = System.nanoTime();
            deliver("pushed");
            c.timeout(1000); // pushed within one second of the 250 reply, or the read times out
            String pushed = c.readResponse();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(pushed).isEqualTo("* " + (before + 1) + " EXISTS");
            assertThat(ms).isLessThan(2000);
            c.timeout(20_000);
            c.send("DONE\r\n");
            ImapTestClient.Result done = c.readUntil("i1");
            assertThat(done.tagged()).isEqualTo("i1 OK IDLE terminated");
            assertThat(c.command("FETCH " + (before + 1) + " BODY.PEEK[HEADER.FIELDS (SUBJECT)]").all())
                    .contains("Subject: pushed");
        }
    }

    private static int exists(String noop, ImapTestClient c) throws Exception {
        ImapTestClient.Result r = c.command("STATUS INBOX (MESSAGES)");
        String s = r.starting("STATUS").get(0);
        return Integer.parseInt(s.replaceAll(".*MESSAGES (\\d+).*", "$1"));
    }

    @Test
    void otherSessionsChangesArePushed() throws Exception {
        try (ImapTestClient writer = selected("INBOX")) {
            writer.commandWithLiteral("APPEND INBOX", "Subject: a\r\n\r\na\r\n".getBytes(), "");
            writer.commandWithLiteral("APPEND INBOX", "Subject: b\r\n\r\nb\r\n".getBytes(), "");
            writer.command("NOOP");
            try (ImapTestClient idler = selected("INBOX")) {
                int n = Integer.parseInt(idler.command("SEARCH ALL").starting("SEARCH").get(0).replaceAll(".* ", ""));
                idler.send("i1 IDLE\r\n");
                assertThat(idler.readResponse()).startsWith("+ ");
                writer.command("STORE " + n + " +FLAGS (\\Flagged)");
                assertThat(idler.readResponse()).matches("\\* " + n + " FETCH \\(UID \\d+ FLAGS \\(\\\\Flagged\\)\\)");
                writer.command("STORE " + n + " +FLAGS (\\Deleted)");
                assertThat(idler.readResponse()).contains("FLAGS (\\Flagged \\Deleted)");
                writer.command("EXPUNGE");
                assertThat(idler.readResponse()).isEqualTo("* " + n + " EXPUNGE"); // allowed during IDLE
                idler.send("DONE\r\n");
                assertThat(idler.readUntil("i1").ok()).isTrue();
            }
        }
    }

    @Test
    void anythingButDoneIsBad() throws Exception {
        try (ImapTestClient c = selected("INBOX")) {
            c.send("i1 IDLE\r\n");
            assertThat(c.readResponse()).startsWith("+ ");
            c.send("NOOP\r\n");
            assertThat(c.readUntil("i1").tagged()).startsWith("i1 BAD");
            assertThat(c.command("NOOP").ok()).isTrue(); // the session goes on
        }
    }

    @Test
    void idleWithoutSelectedMailboxWaitsForDone() throws Exception {
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            c.login("idle@example.test", "idle-password-1");
            c.send("i1 IDLE\r\n");
            assertThat(c.readResponse()).startsWith("+ ");
            deliver("not selected");
            c.send("done\r\n");
            ImapTestClient.Result r = c.readUntil("i1");
            assertThat(r.untagged()).isEmpty();
            assertThat(r.ok()).isTrue();
        }
    }
}
