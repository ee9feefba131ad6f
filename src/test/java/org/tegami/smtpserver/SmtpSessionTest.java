package org.tegami.smtpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tegami.smtp.Reply;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/** The MX role over a real socket, byte by byte. */
class SmtpSessionTest {

    static TestServer server;
    static int port;

    @BeforeAll
    static void start() {
        server = TestServer.start("[smtp]\nmax_message_size = \"64K\"\nmax_recipients = 5\nmax_errors = 6\n");
        server.addUser("alice@example.test", "alice-password");
        server.addUser("bob@example.test", "bob-password1");
        server.admin.addAlias("team@example.test", "alice@example.test");
        server.admin.addAlias("team@example.test", "bob@example.test");
        port = server.port("smtp");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    private static SmtpTestClient greeted() throws Exception {
        SmtpTestClient c = new SmtpTestClient(port);
        assertThat(c.read().code()).isEqualTo(220);
        assertThat(c.cmd("EHLO client.test").code()).isEqualTo(250);
        return c;
    }

    private static int count(String address) {
        return Mailboxes.inbox(server.tegami.store(), address).size();
    }

    @Test
    void ehloAdvertisesExtensions() throws Exception {
        try (SmtpTestClient c = new SmtpTestClient(port)) {
            Reply greeting = c.read();
            assertThat(greeting.text()).startsWith("mx.example.test ESMTP");
            Reply ehlo = c.cmd("EHLO client.test");
            assertThat(ehlo.lines()).contains("PIPELINING", "SIZE 65536", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES",
                    "CHUNKING", "STARTTLS");
            assertThat(ehlo.lines()).noneMatch(l -> l.startsWith("AUTH")); // never on port 25
            assertThat(c.cmd("AUTH PLAIN AGFAYgBj").code()).isEqualTo(502);
        }
    }

    @Test
    void deliversThroughAliasesOneCopyPerMailbox() throws Exception {
        int alice = count("alice@example.test");
        int bob = count("bob@example.test");
        try (SmtpTestClient c = greeted()) {
            assertThat(c.cmd("MAIL FROM:<sender@remote.test>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<team@example.test>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<alice@example.test>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<Alice+x@EXAMPLE.test>").code()).isEqualTo(250);
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            Reply r = c.cmd("Subject: team\r\n\r\nhi\r\n.");
            assertThat(r.code()).isEqualTo(250);
            assertThat(r.enhanced()).isEqualTo("2.0.0");
        }
        assertThat(count("alice@example.test")).isEqualTo(alice + 1);
        assertThat(count("bob@example.test")).isEqualTo(bob + 1);
        String msg = Mailboxes.inbox(server.tegami.store(), "bob@example.test").get(bob);
        // Return-Path, our Authentication-Results (a trace field, RFC 8601 §5), then our Received:
        assertThat(msg).startsWith("Return-Path: <sender@remote.test>\r\nAuthentication-Results: mx.example.test;")
                .contains("\r\nReceived: from client.test ([127.0.0.1])\r\n\tby mx.example.test (Tegami) with ESMTP id ");
        assertThat(msg).endsWith("Subject: team\r\n\r\nhi\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<user%other.test@example.test>", "<other.test!user>", "<\"user@other.test\"@example.test>",
        "<@example.test:user@other.test>", "<user@example.test.>", "<user@[127.0.0.1]>", "<user@other.test>",
        "<alice@example.test@other.test>", "<user@other.test.>", "<@example.test,@x.test:user@other.test>"
    })
    void relayTricksAreRefused(String rcpt) throws Exception {
        try (SmtpTestClient c = greeted()) {
            assertThat(c.cmd("MAIL FROM:<attacker@evil.test>").code()).isEqualTo(250);
            Reply r = c.cmd("RCPT TO:" + rcpt);
            assertThat(r.code()).as(rcpt + " -> " + r).isIn(501, 550, 553, 554);
            if (r.code() == 554) {
                assertThat(r.enhanced()).isEqualTo("5.7.1");
            }
            assertThat(c.cmd("DATA").code()).as("no recipient was accepted").isEqualTo(503);
        }
    }

    @Test
    void unknownLocalUserIs550AtRcpt() throws Exception {
        try (SmtpTestClient c = greeted()) {
            c.cmd("MAIL FROM:<a@remote.test>");
            Reply r = c.cmd("RCPT TO:<nobody@example.test>");
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.enhanced()).isEqualTo("5.1.1");
            assertThat(c.cmd("RCPT TO:<postmaster>").code()).isEqualTo(250);
        }
    }

    @Test
    void limits() throws Exception {
        try (SmtpTestClient c = greeted()) {
            assertThat(c.cmd("MAIL FROM:<a@remote.test> SIZE=100000").code()).isEqualTo(552);
            assertThat(c.cmd("MAIL FROM:<a@remote.test> SIZE=100").code()).isEqualTo(250);
            for (int i = 0; i < 5; i++) {
                assertThat(c.cmd("RCPT TO:<alice+" + i + "@example.test>").code()).isEqualTo(250);
            }
            Reply r = c.cmd("RCPT TO:<bob@example.test>");
            assertThat(r.code()).isEqualTo(452);
            assertThat(r.enhanced()).isEqualTo("4.5.3");
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            c.send("Subject: big\r\n\r\n" + ("x".repeat(900) + "\r\n").repeat(100) + ".\r\n");
            Reply big = c.read();
            assertThat(big.code()).isEqualTo(552);
            assertThat(c.cmd("NOOP").code()).as("session survives").isEqualTo(250);
        }
    }

    @Test
    void overlongLinesGetErrorsNotDisconnects() throws Exception {
        int before = count("alice@example.test");
        try (SmtpTestClient c = greeted()) {
            Reply r = c.cmd("NOOP " + "x".repeat(5000));
            assertThat(r.code()).isEqualTo(500);
            c.cmd("MAIL FROM:<a@remote.test>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            Reply longLine = c.cmd("Subject: x\r\n\r\n" + "y".repeat(1200) + "\r\n.");
            assertThat(longLine.code()).isEqualTo(550);
            assertThat(c.cmd("NOOP").code()).isEqualTo(250);
        }
        assertThat(count("alice@example.test")).isEqualTo(before);
    }

    @Test
    void garbageAndTooManyErrorsEndWith421() throws Exception {
        try (SmtpTestClient c = new SmtpTestClient(port)) {
            c.read();
            c.sendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\r', '\n'});
            assertThat(c.read().code()).isIn(500, 501);
            assertThat(c.cmd("MAIL FROM:<a@b.test>").code()).isEqualTo(503); // no EHLO yet
            assertThat(c.cmd("RCPT TO:<x@y.test>").code()).isEqualTo(503);
            assertThat(c.cmd("FOO").code()).isEqualTo(500);
            assertThat(c.cmd("DATA").code()).isEqualTo(503);
            c.send("HELO\r\n");
            Reply last = c.read();
            assertThat(last.code()).isEqualTo(501);
            assertThat(c.read().code()).isEqualTo(421);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void disconnectMidDataStoresNothing() throws Exception {
        int before = count("alice@example.test");
        try (SmtpTestClient c = greeted()) {
            c.cmd("MAIL FROM:<a@remote.test>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            c.send("Subject: cut\r\n\r\nhalf a message\r\n");
        }
        Thread.sleep(300);
        assertThat(count("alice@example.test")).isEqualTo(before);
    }

    @Test
    void smugglingDoesNotCreateASecondMessage() throws Exception {
        int before = count("alice@example.test");
        try (SmtpTestClient c = greeted()) {
            c.cmd("MAIL FROM:<a@remote.test>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            c.send("Subject: first\r\n\r\nbody\n.\nMAIL FROM:<ceo@example.test>\nRCPT TO:<alice@example.test>\nDATA\n"
                    + "Subject: smuggled\n\nwire money\r\n.\r\n");
            Reply r = c.read();
            assertThat(r.code()).isEqualTo(250);
            assertThat(c.cmd("QUIT").code()).isEqualTo(221);
        }
        List<String> inbox = Mailboxes.inbox(server.tegami.store(), "alice@example.test");
        assertThat(inbox).hasSize(before + 1);
        String stored = inbox.get(before);
        assertThat(stored).contains("Subject: smuggled"); // inside the first message, as content
        assertThat(stored).doesNotContain("\n.\n").doesNotContainPattern("[^\r]\n");
    }

    @Test
    void pipelinedCommandsInOneWrite() throws Exception {
        int before = count("bob@example.test");
        try (SmtpTestClient c = new SmtpTestClient(port)) {
            c.read();
            c.send("EHLO p.test\r\nMAIL FROM:<a@remote.test>\r\nRCPT TO:<nobody@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(550);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(354);
            c.send("Subject: piped\r\n\r\n.\r\nQUIT\r\n");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(221);
        }
        assertThat(count("bob@example.test")).isEqualTo(before + 1);
    }

    @Test
    void bdatChunksWithCrLfSplitAcrossChunks() throws Exception {
        int before = count("bob@example.test");
        try (SmtpTestClient c = greeted()) {
            c.cmd("MAIL FROM:<a@remote.test> BODY=8BITMIME");
            c.cmd("RCPT TO:<bob@example.test>");
            byte[] part1 = "Subject: chunked\r".getBytes(StandardCharsets.UTF_8);
            byte[] part2 = "\n\r\n.leading dot stays\r\nünïcødé\n".getBytes(StandardCharsets.UTF_8);
            c.send("BDAT " + part1.length + "\r\n");
            c.sendBytes(part1);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.cmd("NOOP").code()).as("only BDAT/RSET/QUIT inside BDAT").isEqualTo(503);
            c.send("BDAT " + part2.length + " LAST\r\n");
            c.sendBytes(part2);
            assertThat(c.read().code()).isEqualTo(250);
        }
        String m = Mailboxes.inbox(server.tegami.store(), "bob@example.test").get(before);
        assertThat(m).endsWith("Subject: chunked\r\n\r\n.leading dot stays\r\nünïcødé\r\n");
    }

    @Test
    void bdatTooBigIsReadAndRefused() throws Exception {
        try (SmtpTestClient c = greeted()) {
            c.cmd("MAIL FROM:<a@remote.test>");
            c.cmd("RCPT TO:<bob@example.test>");
            byte[] chunk = new byte[70_000];
            java.util.Arrays.fill(chunk, (byte) 'a');
            c.send("BDAT " + chunk.length + " LAST\r\n");
            c.sendBytes(chunk);
            assertThat(c.read().code()).isEqualTo(552);
            assertThat(c.cmd("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void vrfyDoesNotEnumerateAndHelpAnswers() throws Exception {
        try (SmtpTestClient c = greeted()) {
            assertThat(c.cmd("VRFY alice").code()).isEqualTo(252);
            assertThat(c.cmd("VRFY nobody").code()).isEqualTo(252);
            assertThat(c.cmd("HELP").code()).isEqualTo(214);
            assertThat(c.cmd("RSET").code()).isEqualTo(250);
        }
    }

    @Test
    void starttlsDiscardsInjectedCommandsAndRequiresNewEhlo() throws Exception {
        try (SmtpTestClient c = greeted()) {
            // CVE-2011-0411: a command pipelined in cleartext after STARTTLS must never be executed.
            c.send("STARTTLS\r\nRSET\r\n");
            assertThat(c.read().code()).isEqualTo(220);
            c.upgradeTls();
            Reply ehlo = c.cmd("EHLO again.test");
            assertThat(ehlo.lines().get(0)).as("first reply after TLS answers EHLO, not the injected RSET")
                    .contains("greets");
            assertThat(ehlo.lines()).doesNotContain("STARTTLS");
        }
        try (SmtpTestClient c = greeted()) {
            c.startTls();
            assertThat(c.sslSocket().getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(c.cmd("MAIL FROM:<a@remote.test>").code()).as("EHLO again after TLS").isEqualTo(503);
            c.cmd("EHLO again.test");
            assertThat(c.cmd("STARTTLS").code()).isEqualTo(503);
        }
    }

    @Test
    void utf8AddressesNeedSmtpUtf8() throws Exception {
        try (SmtpTestClient c = greeted()) {
            assertThat(c.cmd("MAIL FROM:<用户@例子.测试>").code()).isEqualTo(553);
            assertThat(c.cmd("MAIL FROM:<用户@例子.测试> SMTPUTF8").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<bob@example.test>").code()).isEqualTo(250);
        }
    }
}
