package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.store.QueueStore;
import org.tegami.testing.TestServer;

/**
 * `tegami queue list|show|retry|delete` against a running server's data directory: the server
 * notices retries and the reports of deletions without a restart.
 */
class QueueCommandTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        // The remote MX refuses connections (port 9) and retries are an hour apart: entries stay queued.
        server = TestServer.start("[queue]\nmx_port = 9\npoll_interval = \"100ms\"\nretry_initial = \"1h\"\nretry_max = \"2h\"\n");
        server.addUser("alice@example.test", "queue-cli-pw");
        server.dns.addMx("remote.test", 10, "mx.remote.test").addA("mx.remote.test", "127.0.0.1");
        for (int i = 1; i <= 3; i++) {
            server.tegami.queue().submit(("From: <alice@example.test>\r\nTo: <x@remote.test>\r\nSubject: cli-" + i
                    + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8), "alice@example.test", null, null, false, "test",
                    List.of(new QueueStore.NewRecipient("x" + i + "@remote.test", "remote.test", null, null)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.tegami.store().queue().list().stream()
                .allMatch(m -> m.recipients().get(0).attempts() == 1));
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    private record Run(int code, String out) {}

    private Run cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "--data";
            full[args.length + 1] = server.dataDir.toString();
            int code = Main.execute(full);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private long id(int n) {
        return server.tegami.store().queue().list().get(n).id();
    }

    @Test
    void listAndShow() {
        Run list = cli("queue", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("from <alice@example.test>").contains("<x1@remote.test> queued attempts=1")
                .contains("3 message(s), 3 recipient(s) queued").contains("last=\"");
        Run show = cli("queue", "show", String.valueOf(id(0)));
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("origin: test").contains("Subject: cli-1").contains("recipient <x1@remote.test>");
        assertThat(cli("queue", "show", "999999").code()).isEqualTo(1);
    }

    @Test
    void retryIsNoticedByTheRunningServer() {
        long first = id(0);
        Run r = cli("queue", "retry", String.valueOf(first));
        assertThat(r.out()).contains("1 recipient(s) scheduled");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.tegami.store().queue().message(first).orElseThrow().recipients().get(0).attempts() == 2);
        assertThat(server.tegami.store().queue().list().get(1).recipients().get(0).attempts()).isEqualTo(1);
        assertThat(cli("queue", "retry", "--all").out()).contains("3 recipient(s) scheduled");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.tegami.store().queue().list().stream()
                .allMatch(m -> m.recipients().get(0).attempts() >= 2));
    }

    @Test
    void deleteSilentlyOrWithABounce() throws Exception {
        long silent = id(0);
        long bounced = id(1);
        assertThat(cli("queue", "delete", String.valueOf(silent), "--silent").code()).isZero();
        assertThat(server.tegami.store().queue().message(silent)).isEmpty();
        assertThat(cli("queue", "delete", String.valueOf(bounced), "--bounce").out()).contains("sender notified");
        Account alice = server.tegami.store().directory().account("alice@example.test").orElseThrow();
        Mailbox inbox = server.tegami.store().mail().mailbox(alice.id(), Mailbox.INBOX).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.tegami.store().mail().messages(inbox.id()).size() == 1);
        String dsn = new String(server.tegami.store().blobs().read(
                server.tegami.store().mail().messages(inbox.id()).get(0).blob()), StandardCharsets.UTF_8);
        assertThat(dsn).contains("Final-Recipient: rfc822; x2@remote.test").contains("deleted from the queue")
                .contains("Subject: cli-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.tegami.store().queue().list().size() == 1);
        assertThat(cli("queue", "delete", "12345", "--silent").code()).isEqualTo(1);
        assertThat(cli("queue", "delete", String.valueOf(id(0))).code()).isNotZero(); // --bounce or --silent is required
    }
}
