package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pop3server.Pop3Fixture.PASSWORD;
import static org.tegami.pop3server.Pop3Fixture.USER;
import static org.tegami.pop3server.Pop3Fixture.deliver;
import static org.tegami.pop3server.Pop3Fixture.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tegami.config.Pop3Config;
import org.tegami.net.Listener;
import org.tegami.sasl.Mechanisms;
import org.tegami.store.MessageInfo;
import org.tegami.testing.TestServer;

/**
 * The maildrop: exclusive lock ([IN-USE]), messages expunged by another session (IMAP) while the
 * maildrop is held, durability of DELE across restarts, autologout. The IMAP server is built in
 * parallel, so its EXPUNGE is simulated with MailStore.expunge — the call it will make.
 */
class Pop3MaildropTest {

    private TestServer srv;

    @AfterEach
    void stop() {
        if (srv != null) {
            srv.destroy();
        }
    }

    private Pop3TestClient login() throws Exception {
        Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"));
        assertThat(c.command("USER " + USER)).startsWith("+OK");
        assertThat(c.command("PASS " + PASSWORD)).startsWith("+OK");
        return c;
    }

    @Test
    void secondSessionGetsInUseUntilTheFirstEnds() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        deliver(srv, USER, message(1));
        try (Pop3TestClient first = login()) {
            try (Pop3TestClient second = Pop3TestClient.connect(srv.port("pop3"))) {
                second.command("USER " + USER);
                assertThat(second.command("PASS " + PASSWORD)).startsWith("-ERR [IN-USE]");
                String plain = java.util.Base64.getEncoder().encodeToString(
                        ("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                assertThat(second.command("AUTH PLAIN " + plain)).startsWith("-ERR [IN-USE]");
                assertThat(second.command("STAT")).startsWith("-ERR Not logged in");
            }
            assertThat(first.command("STAT")).isEqualTo("+OK 1 " + message(1).length());
            first.drop(); // even a dropped session releases the lock
        }
        // The dropped session's thread notices the closed socket and releases the lock.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::canLogIn);
    }

    private boolean canLogIn() throws Exception {
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            c.command("USER " + USER);
            String r = c.command("PASS " + PASSWORD);
            assertThat(r).matches("\\+OK.*|-ERR \\[IN-USE\\].*");
            return r.startsWith("+OK") && c.command("STAT").startsWith("+OK 1");
        }
    }

    @Test
    void messageExpungedElsewhereIsReportedAsDeletedAndQuitSucceeds() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        long uid1 = deliver(srv, USER, message(1));
        long uid2 = deliver(srv, USER, message(2));
        long uid3 = deliver(srv, USER, message(3));
        long inbox = Pop3Fixture.inbox(srv, USER).id();
        try (Pop3TestClient c = login()) {
            assertThat(c.command("STAT")).startsWith("+OK 3 ");
            assertThat(c.command("DELE 3")).startsWith("+OK");
            // What IMAP's EXPUNGE does, from another session, while POP3 holds the maildrop.
            assertThat(srv.tegami.store().mail().expunge(inbox, List.of(uid2, uid3))).containsExactly(uid2, uid3);
            assertThat(c.command("RETR 2")).isEqualTo("-ERR Message 2 was deleted by another session");
            assertThat(c.command("TOP 2 0")).isEqualTo("-ERR Message 2 was deleted by another session");
            assertThat(c.command("DELE 2")).isEqualTo("-ERR Message 2 was deleted by another session");
            assertThat(c.command("STAT")).isEqualTo("+OK 1 " + message(1).length());
            assertThat(c.multiline("LIST")).containsExactly("1 " + message(1).length());
            assertThat(c.multiline("UIDL")).hasSize(1);
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(new String(c.readRawBody(), StandardCharsets.US_ASCII)).isEqualTo(message(1) + ".\r\n");
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK").contains("1 deleted");
        }
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).isEmpty();
        assertThat(uid1).isEqualTo(1);
    }

    @Test
    void missingMessageContentIsAnErrorNotACrash() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        // Large enough to be a file (small messages live in the database), so it can vanish.
        deliver(srv, USER, message(1) + ("filler line of a large message\r\n").repeat(5000));
        deliver(srv, USER, message(2));
        String blob = Pop3Fixture.inboxMessages(srv, USER).get(0).blob();
        try (Pop3TestClient c = login()) {
            Files.delete(srv.tegami.store().blobs().path(blob)); // content gone without any event
            assertThat(c.command("RETR 1")).isEqualTo("-ERR Message 1 was deleted by another session");
            assertThat(c.command("RETR 2")).startsWith("+OK");
            c.readRawBody();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void deleThenQuitIsDurableAcrossARestart() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        for (int i = 1; i <= 3; i++) {
            deliver(srv, USER, message(i));
        }
        List<String> uidsBefore;
        try (Pop3TestClient c = login()) {
            uidsBefore = c.multiline("UIDL");
            c.command("DELE 2");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        srv = restart(srv);
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).extracting(MessageInfo::uid).containsExactly(1L, 3L);
        try (Pop3TestClient c = login()) {
            // UIDL is stable across sessions and restarts: message 3 keeps its unique-id.
            List<String> after = c.multiline("UIDL");
            assertThat(after).containsExactly(uidsBefore.get(0), "2 " + uidsBefore.get(2).split(" ")[1]);
        }
    }

    @Test
    void droppedConnectionDeletesNothing() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        for (int i = 1; i <= 3; i++) {
            deliver(srv, USER, message(i));
        }
        Pop3TestClient c = login();
        assertThat(c.command("DELE 1")).startsWith("+OK");
        assertThat(c.command("DELE 2")).startsWith("+OK");
        c.drop(); // no QUIT: RFC 1939 §6, no UPDATE state
        srv = restart(srv);
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).hasSize(3);
        try (Pop3TestClient again = login()) {
            assertThat(again.command("STAT")).startsWith("+OK 3 ");
        }
    }

    private static TestServer restart(TestServer old) {
        old.close();
        return TestServer.start(Pop3Fixture.PLAINTEXT, old.hostname, old.dns, old.dataDir);
    }

    @Test
    void autologoutAfterIdleTimeoutDeletesNothing() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        deliver(srv, USER, message(1));
        // The configured minimum is RFC 1939's 10 minutes; a test server with a short timer is
        // built from the same parts to see the timer fire.
        var t = srv.tegami;
        Pop3Context ctx = new Pop3Context("mx.example.test", new Pop3Config(Duration.ofMillis(700), 20, Duration.ZERO, false),
                t.config().auth(), t.directory(), t.store().mail(), t.store().blobs(), null,
                new Mechanisms(false, "mx.example.test", new SecureRandom(), new byte[32]), new Maildrops(),
                Clock.systemUTC());
        try (Listener l = new Listener("pop3-short", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new Pop3Server(ctx).handler(), null)) {
            l.start();
            try (Pop3TestClient c = Pop3TestClient.connect(l.port())) {
                c.command("USER " + USER);
                c.command("PASS " + PASSWORD);
                assertThat(c.command("DELE 1")).startsWith("+OK");
                assertThat(c.readLine()).isEqualTo("-ERR Autologout: idle for too long, closing connection");
                assertThat(c.closedByServer()).isTrue();
            }
        }
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).hasSize(1);
    }

    @Test
    void configuredIdleTimeoutBelowTenMinutesIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start("[pop3]\nidle_timeout = \"5m\"\n"))
                .hasMessageContaining("[pop3] idle_timeout: must be at least 10m");
    }

    @Test
    void manyConcurrentSessionsOnDifferentAccounts() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        int accounts = 20;
        for (int a = 0; a < accounts; a++) {
            srv.addUser("c" + a + "@example.test", "password" + a);
            for (int i = 1; i <= 5; i++) {
                deliver(srv, "c" + a + "@example.test", message(i));
            }
        }
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Integer>> results = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            int n = a;
            results.add(pool.submit((Callable<Integer>) () -> {
                try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
                    c.command("USER c" + n + "@example.test");
                    assertThat(c.command("PASS password" + n)).startsWith("+OK");
                    c.multiline("UIDL");
                    int got = 0;
                    for (int i = 1; i <= 5; i++) {
                        assertThat(c.command("RETR " + i)).startsWith("+OK");
                        assertThat(new String(c.readRawBody(), StandardCharsets.US_ASCII)).isEqualTo(message(i) + ".\r\n");
                        c.command("DELE " + i);
                        got++;
                    }
                    assertThat(c.command("QUIT")).contains("5 deleted");
                    return got;
                }
            }));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(5);
        }
        pool.shutdown();
        for (int a = 0; a < accounts; a++) {
            assertThat(Pop3Fixture.inboxMessages(srv, "c" + a + "@example.test")).isEmpty();
        }
    }
}
