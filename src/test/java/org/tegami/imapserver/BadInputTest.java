package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.TestServer;

/**
 * Hostile and broken input: every problem gets a clear BAD or NO and the session goes on, or it
 * ends cleanly with BYE — never a stack trace, never unbounded buffering.
 */
class BadInputTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\n[imap]\nmax_bad_commands = 5\n"
                + "append_limit = \"64K\"\nwrite_timeout = \"2s\"\nautologout = \"3s\"\nlogin_timeout = \"2s\"\n");
        server.addUser("bad@example.test", "bad-password-1");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    static ImapTestClient loggedIn() throws Exception {
        ImapTestClient c = new ImapTestClient(server.port("imap"));
        c.greeting();
        assertThat(c.login("bad@example.test", "bad-password-1").ok()).isTrue();
        return c;
    }

    /**
     * CVE-2011-0411 class: commands pipelined in cleartext behind STARTTLS must not be executed
     * inside the TLS session (an attacker in the path could inject them).
     */
    @Test
    void commandsPipelinedBehindStarttlsAreDiscarded() throws Exception {
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            c.send("s1 STARTTLS\r\ns2 LOGIN bad@example.test bad-password-1\r\n");
            assertThat(c.readUntil("s1").tagged()).startsWith("s1 OK");
            c.startTls();
            ImapTestClient.Result after = c.command("CAPABILITY");
            assertThat(after.untagged()).noneMatch(l -> l.startsWith("s2"));
            assertThat(after.all()).doesNotContain("s2 ");
            // not logged in: the injected LOGIN never ran
            assertThat(c.command("SELECT INBOX").status()).isEqualTo("BAD");
        }
    }

    @Test
    void syntaxErrorsAreBadAndTheSessionGoesOn() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            c.command("SELECT INBOX");
            assertThat(c.command("FETCH 1 (FLAGS").tagged()).startsWith("t3 BAD"); // unbalanced parenthesis
            assertThat(c.command("FETCH 1:x FLAGS").status()).isEqualTo("BAD"); // invalid sequence set
            assertThat(c.command("FETCH 0 FLAGS").status()).isEqualTo("BAD");
            assertThat(c.command("FETCH 99 FLAGS").tagged()).contains("BAD").contains("sequence number");
            assertThat(c.command("NOOP").ok()).isTrue();
        }
    }

    @Test
    void commandsInTheWrongStateAreBad() throws Exception {
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            assertThat(c.command("SELECT INBOX").tagged()).isEqualTo("t1 BAD SELECT is not allowed before authentication");
            assertThat(c.login("bad@example.test", "bad-password-1").ok()).isTrue();
            assertThat(c.command("FETCH 1 FLAGS").tagged()).contains("BAD FETCH needs a selected mailbox");
            assertThat(c.command("LOGIN a b").tagged()).contains("BAD LOGIN is not allowed after authentication");
            assertThat(c.command("NOOP").ok()).isTrue();
        }
    }

    @Test
    void eightBitGarbageAndLongLines() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            byte[] garbage = new byte[300];
            new Random(7).nextBytes(garbage);
            for (int i = 0; i < garbage.length; i++) {
                if (garbage[i] == '\n' || garbage[i] == '\r' || garbage[i] == '{') {
                    garbage[i] = (byte) 0xe9;
                }
            }
            c.sendBytes(garbage);
            c.send("\r\n");
            assertThat(c.readResponse()).contains("BAD");
            c.send("t9 NOOP " + "x".repeat(70_000) + "\r\n");
            assertThat(c.readResponse()).isEqualTo("t9 BAD Command line too long");
            assertThat(c.command("NOOP").ok()).isTrue();
        }
    }

    @Test
    void oversizedLiterals() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            c.send("a1 APPEND INBOX {100000}\r\n"); // over APPENDLIMIT: refused before any data is sent
            assertThat(c.readResponse()).startsWith("a1 NO [TOOBIG]");
            c.send("a2 LOGIN {70000}\r\n"); // not an APPEND: a 64 KiB argument limit
            assertThat(c.readResponse()).startsWith("a2 BAD [TOOBIG]");
            c.send("a3 APPEND INBOX {100000+}\r\n" + "x".repeat(100_000) + "\r\n"); // non-sync: skipped
            assertThat(c.readResponse()).startsWith("a3 NO [TOOBIG]");
            assertThat(c.command("NOOP").ok()).isTrue();
            assertThat(c.command("STATUS INBOX (MESSAGES)").all()).contains("MESSAGES 0");
        }
    }

    @Test
    void appendToAMissingMailboxIsRefusedBeforeTheData() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            c.send("a1 APPEND Nowhere {20}\r\n");
            assertThat(c.readResponse()).isEqualTo("a1 NO [TRYCREATE] Mailbox does not exist");
        }
    }

    @Test
    void unterminatedLiteralEndsTheSessionCleanly() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            c.send("a1 LOGIN {10}\r\n");
            assertThat(c.readResponse()).startsWith("+");
            c.send("abc");
        } // closed mid-literal
        try (ImapTestClient c = loggedIn()) {
            assertThat(c.command("NOOP").ok()).isTrue(); // the server is fine
        }
    }

    /** Slowloris before login: one byte every 300 ms never completes a command within login_timeout (2 s). */
    @Test
    void aTricklingClientIsCutAtTheLoginTimeout() throws Exception {
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            long t0 = System.nanoTime();
            byte[] cmd = "a LOGIN someone@example.test some-long-password-that-takes-a-while\r\n".getBytes(StandardCharsets.US_ASCII);
            boolean cut = false;
            for (byte b : cmd) {
                try {
                    c.sendBytes(new byte[] {b});
                } catch (java.io.IOException e) {
                    cut = true;
                    break;
                }
                Thread.sleep(300);
                if ((System.nanoTime() - t0) / 1_000_000 > 6_000) {
                    break;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String reply = cut ? null : c.readResponse();
            assertThat(reply == null || reply.startsWith("* BYE")).as("reply " + reply).isTrue();
            assertThat(ms).as("cut within the 2 s bound (plus one read)").isLessThan(6_000);
        }
    }

    @Test
    void tooManyBadCommandsEndWithBye() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            for (int i = 0; i < 4; i++) {
                assertThat(c.command("BOGUS").status()).isEqualTo("BAD");
            }
            c.send("x BOGUS\r\n");
            assertThat(c.readResponse()).isEqualTo("x BAD Unknown command BOGUS");
            assertThat(c.readResponse()).isEqualTo("* BYE Too many invalid commands");
            assertThat(c.readResponse()).isNull();
        }
    }

    @Test
    void autologout() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            c.timeout(10_000);
            long t0 = System.nanoTime();
            assertThat(c.readResponse()).isEqualTo("* BYE Autologout; idle for too long");
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(2500L, 8000L);
            assertThat(c.readResponse()).isNull();
        }
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            c.timeout(10_000);
            assertThat(c.readResponse()).isEqualTo("* BYE Autologout; idle for too long"); // login_timeout
        }
    }

    /**
     * A client that sends commands and never reads: the server's output blocks, and after the
     * write timeout the connection is closed; what the client can still read is bounded.
     */
    @Test
    void aClientThatNeverReadsIsDisconnected() throws Exception {
        try (ImapTestClient c = loggedIn()) {
            c.commandWithLiteral("APPEND INBOX", ("Subject: big\r\n\r\n" + "y".repeat(60_000) + "\r\n").getBytes(), "");
        }
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port("imap")));
            var out = s.getOutputStream();
            out.write("a LOGIN bad@example.test bad-password-1\r\na SELECT INBOX\r\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                many.append("f").append(i).append(" FETCH 1 BODY.PEEK[]\r\n");
            }
            try {
                for (int k = 0; k < 5; k++) {
                    out.write(many.toString().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (java.io.IOException e) {
                // the server may already have closed
            }
            Thread.sleep(4000); // beyond the 2 s write timeout
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            long total = 0;
            byte[] buf = new byte[65536];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                }
            } catch (java.io.IOException e) {
                // reset by the server: also fine
            }
            // 1000 answers would be 60 MB; the server stopped at what its buffers held.
            assertThat(total).isLessThan(20L * 1024 * 1024);
        }
    }
}
