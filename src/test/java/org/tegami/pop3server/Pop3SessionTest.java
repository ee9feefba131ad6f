package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pop3server.Pop3Fixture.deliver;
import static org.tegami.pop3server.Pop3Fixture.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tegami.testing.TestServer;

/** RFC 1939 commands and error paths over a real socket with our own client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3SessionTest {

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private TestServer srv;

    @BeforeAll
    void start() {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT + "[pop3]\nmax_errors = 5\n");
    }

    @AfterAll
    void stop() {
        srv.destroy();
    }

    /** A fresh account per test, so tests do not see each other's messages or locks. */
    private String account() {
        String a = "user" + ACCOUNTS.incrementAndGet() + "@example.test";
        srv.addUser(a, "pw-" + a);
        return a;
    }

    private Pop3TestClient login(String address) throws Exception {
        Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"));
        assertThat(c.command("USER " + address)).startsWith("+OK");
        assertThat(c.command("PASS pw-" + address)).startsWith("+OK");
        return c;
    }

    @Test
    void greetingAndQuitBeforeLogin() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            assertThat(c.greeting).startsWith("+OK ").contains("mx.example.test");
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void statListUidlReflectTheInbox() throws Exception {
        String a = account();
        String m1 = message(1);
        String m2 = message(2) + "more\r\n";
        deliver(srv, a, m1);
        deliver(srv, a, m2);
        try (Pop3TestClient c = login(a)) {
            assertThat(c.command("STAT")).isEqualTo("+OK 2 " + (m1.length() + m2.length()));
            assertThat(c.multiline("LIST")).containsExactly("1 " + m1.length(), "2 " + m2.length());
            assertThat(c.command("LIST 2")).isEqualTo("+OK 2 " + m2.length());
            long validity = Pop3Fixture.inbox(srv, a).uidValidity();
            assertThat(c.multiline("UIDL")).containsExactly("1 " + validity + ".1", "2 " + validity + ".2");
            assertThat(c.command("UIDL 1")).isEqualTo("+OK 1 " + validity + ".1");
            assertThat(c.command("NOOP")).isEqualTo("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void retrIsByteExactDotStuffedAndKeepsEightBitOctets() throws Exception {
        String a = account();
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes("Subject: dots and 8bit\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        msg.writeBytes(".leading dot\r\n".getBytes(StandardCharsets.US_ASCII));
        msg.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII)); // would end the reply if not stuffed
        msg.writeBytes("Grüße, 日本語 \u00ff\r\n".getBytes(StandardCharsets.UTF_8));
        msg.writeBytes(new byte[] {(byte) 0x80, (byte) 0xfe, 'x', '\r', '\n'}); // not even UTF-8
        msg.writeBytes("..two dots\r\nlast line without CRLF".getBytes(StandardCharsets.US_ASCII));
        byte[] stored = msg.toByteArray();
        deliver(srv, a, stored);
        try (Pop3TestClient c = login(a)) {
            assertThat(c.command("RETR 1")).isEqualTo("+OK " + stored.length + " octets");
            byte[] body = c.readRawBody();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes("Subject: dots and 8bit\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes("..leading dot\r\n..\r\n".getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes("Grüße, 日本語 \u00ff\r\n".getBytes(StandardCharsets.UTF_8));
            expected.writeBytes(new byte[] {(byte) 0x80, (byte) 0xfe, 'x', '\r', '\n'});
            expected.writeBytes("...two dots\r\nlast line without CRLF\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(body).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void bareLineEndsInStoredContentGoOutAsCrlf() throws Exception {
        String a = account();
        deliver(srv, a, "Subject: lf\n\nline one\nline two\rline three\r\n");
        try (Pop3TestClient c = login(a)) {
            c.command("RETR 1");
            assertThat(new String(c.readRawBody(), StandardCharsets.US_ASCII))
                    .isEqualTo("Subject: lf\r\n\r\nline one\r\nline two\r\nline three\r\n.\r\n");
        }
    }

    @Test
    void topSendsHeaderBlankLineAndNBodyLines() throws Exception {
        String a = account();
        deliver(srv, a, "Subject: top\r\nX-A: 1\r\n\r\nb1\r\n.b2\r\nb3\r\n");
        deliver(srv, a, "Subject: no body\r\n");
        try (Pop3TestClient c = login(a)) {
            assertThat(c.multiline("TOP 1 0")).containsExactly("Subject: top", "X-A: 1", "");
            assertThat(c.multiline("TOP 1 2")).containsExactly("Subject: top", "X-A: 1", "", "b1", ".b2");
            assertThat(c.multiline("TOP 1 99")).containsExactly("Subject: top", "X-A: 1", "", "b1", ".b2", "b3");
            assertThat(c.multiline("TOP 2 5")).containsExactly("Subject: no body");
            assertThat(c.command("TOP 3 1")).startsWith("-ERR No such message");
            assertThat(c.command("TOP 1")).startsWith("-ERR TOP needs");
        }
    }

    @Test
    void deleHidesMessageRsetRestoresIt() throws Exception {
        String a = account();
        deliver(srv, a, message(1));
        deliver(srv, a, message(2));
        try (Pop3TestClient c = login(a)) {
            assertThat(c.command("DELE 1")).isEqualTo("+OK Message 1 deleted");
            assertThat(c.command("STAT")).isEqualTo("+OK 1 " + message(2).length());
            assertThat(c.multiline("LIST")).containsExactly("2 " + message(2).length());
            assertThat(c.command("RETR 1")).isEqualTo("-ERR Message 1 is already deleted");
            assertThat(c.command("DELE 1")).isEqualTo("-ERR Message 1 is already deleted");
            assertThat(c.command("LIST 1")).isEqualTo("-ERR Message 1 is already deleted");
            assertThat(c.command("RSET")).startsWith("+OK Maildrop has 2 messages");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readRawBody();
            assertThat(c.command("QUIT")).contains("0 deleted");
        }
        assertThat(Pop3Fixture.inboxMessages(srv, a)).hasSize(2);
    }

    @Test
    void quitAppliesDeletionsBeforeItsOk() throws Exception {
        String a = account();
        deliver(srv, a, message(1));
        deliver(srv, a, message(2));
        deliver(srv, a, message(3));
        try (Pop3TestClient c = login(a)) {
            c.command("DELE 1");
            c.command("DELE 3");
            assertThat(c.command("QUIT")).startsWith("+OK").contains("2 deleted, 1 left");
            // The +OK is only sent after the commit, so the store already reflects it here.
            assertThat(Pop3Fixture.inboxMessages(srv, a)).extracting(m -> m.uid()).containsExactly(2L);
        }
    }

    @Test
    void badMessageNumbersAndArgumentsAreErrors() throws Exception {
        String a = account();
        deliver(srv, a, message(1));
        try (Pop3TestClient c = login(a)) {
            assertThat(c.command("RETR 0")).startsWith("-ERR No such message: 0");
            assertThat(c.command("RETR 2")).startsWith("-ERR No such message: 2");
            assertThat(c.command("RETR 99999999999999")).startsWith("-ERR No such message");
            assertThat(c.command("RETR abc")).isEqualTo("-ERR Invalid message number: abc");
            // still alive: four errors, max_errors is 5
            assertThat(c.command("STAT")).startsWith("+OK 1");
        }
    }

    @Test
    void wrongStateAndUnknownCommands() throws Exception {
        String a = account();
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            assertThat(c.command("STAT")).isEqualTo("-ERR Not logged in: STAT is only valid after login");
            assertThat(c.command("PASS x")).isEqualTo("-ERR PASS must follow a successful USER");
            assertThat(c.command("XYZZY")).isEqualTo("-ERR Unknown command: XYZZY");
            assertThat(c.command("USER " + a)).startsWith("+OK");
            assertThat(c.command("PASS pw-" + a)).startsWith("+OK");
            assertThat(c.command("USER " + a)).isEqualTo("-ERR Already logged in");
        }
    }

    @Test
    void overLongLineIsRefusedAndTheSessionGoesOn() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            assertThat(c.command("USER " + "x".repeat(300))).startsWith("-ERR Command line too long");
            assertThat(c.command("NOOP " + "y".repeat(100_000))).startsWith("-ERR Command line too long");
            assertThat(c.command("CAPA")).startsWith("+OK");
            c.readBodyLines();
        }
    }

    @Test
    void tooManyErrorsClosesTheConnection() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            for (int i = 1; i < 5; i++) {
                assertThat(c.command("BOGUS")).startsWith("-ERR Unknown command");
            }
            assertThat(c.command("BOGUS")).startsWith("-ERR Unknown command");
            assertThat(c.readLine()).isEqualTo("-ERR Too many errors, closing connection");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void binaryGarbageGetsErrorsNotAStackTrace() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            c.sendRaw(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n'});
            assertThat(c.readLine()).isEqualTo("-ERR Control characters are not allowed in commands");
            c.sendRaw("USER \u00e9\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.readLine()).isEqualTo("-ERR Arguments must be UTF-8");
            assertThat(c.command("")).isEqualTo("-ERR Empty command");
        }
    }

    @Test
    void pipelinedCommandsAreAllAnsweredInOrder() throws Exception {
        String a = account();
        for (int i = 1; i <= 20; i++) {
            deliver(srv, a, message(i));
        }
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            StringBuilder batch = new StringBuilder("USER " + a + "\r\nPASS pw-" + a + "\r\nSTAT\r\n");
            for (int i = 1; i <= 20; i++) {
                batch.append("RETR ").append(i).append("\r\n");
            }
            batch.append("QUIT\r\n");
            c.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII)); // one write: RFC 2449 §6.6
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("+OK Logged in, maildrop has 20 messages");
            assertThat(c.readLine()).startsWith("+OK 20 ");
            for (int i = 1; i <= 20; i++) {
                assertThat(c.readLine()).isEqualTo("+OK " + message(i).length() + " octets");
                assertThat(new String(c.readRawBody(), StandardCharsets.US_ASCII)).isEqualTo(message(i) + ".\r\n");
            }
            assertThat(c.readLine()).startsWith("+OK");
        }
    }

    @Test
    void largeMaildropListing() throws Exception {
        String a = account();
        int n = 300;
        for (int i = 1; i <= n; i++) {
            deliver(srv, a, message(i));
        }
        try (Pop3TestClient c = login(a)) {
            List<String> list = c.multiline("LIST");
            List<String> uidl = c.multiline("UIDL");
            assertThat(list).hasSize(n);
            assertThat(uidl).hasSize(n).doesNotHaveDuplicates();
            assertThat(list.get(n - 1)).isEqualTo(n + " " + message(n).length());
        }
    }
}
