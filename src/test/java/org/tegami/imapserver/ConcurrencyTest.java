package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tegami.dns.InMemoryResolver;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.TestServer;

/**
 * Several sessions on one mailbox (RFC 9051 §5.2, §7.5.1): changes reach the other sessions at
 * the points the RFC allows, no session loses another's flag change, \Recent goes to one session
 * only, UIDs are never reused and UIDVALIDITY survives a restart.
 */
class ConcurrencyTest {

    static final String CONFIG = "[auth]\nallow_plaintext = true\n";

    static ImapTestClient session(TestServer server) throws Exception {
        ImapTestClient c = new ImapTestClient(server.port("imap"));
        c.greeting();
        assertThat(c.login("c@example.test", "c-password-1").ok()).isTrue();
        return c;
    }

    static void append(ImapTestClient c, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            assertThat(c.commandWithLiteral("APPEND INBOX", ("Subject: m" + i + "\r\n\r\nbody " + i + "\r\n").getBytes(), "")
                    .ok()).isTrue();
        }
    }

    @Test
    void expungesWaitForAllowedCommands() throws Exception {
        TestServer server = TestServer.start(CONFIG);
        try {
            server.addUser("c@example.test", "c-password-1");
            try (ImapTestClient a = session(server); ImapTestClient b = session(server)) {
                append(a, 4);
                a.command("SELECT INBOX");
                b.command("SELECT INBOX");
                a.command("STORE 2 +FLAGS (\\Deleted)");
                assertThat(a.command("EXPUNGE").untagged()).containsExactly("* 2 EXPUNGE");
                // b still numbers 4 messages: FETCH, STORE and SEARCH must not renumber them.
                ImapTestClient.Result fetch = b.command("FETCH 1:4 (UID)");
                assertThat(fetch.starting("2 EXPUNGE")).isEmpty();
                assertThat(fetch.all()).contains("* 4 FETCH (UID 4)");
                assertThat(b.command("STORE 4 +FLAGS (\\Seen)").starting("2 EXPUNGE")).isEmpty();
                assertThat(b.command("SEARCH ALL").starting("2 EXPUNGE")).isEmpty();
                ImapTestClient.Result noop = b.command("NOOP");
                assertThat(noop.untagged()).contains("* 2 EXPUNGE");
                assertThat(b.command("FETCH 3 (UID FLAGS)").all()).contains("* 3 FETCH (UID 4 FLAGS (\\Seen))");
                // a learns b's flag change at its next command
                assertThat(a.command("NOOP").untagged()).anyMatch(l -> l.startsWith("* 3 FETCH (UID 4 FLAGS (\\Seen"));
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void concurrentFlagChangesAreNeverLost() throws Exception {
        TestServer server = TestServer.start(CONFIG);
        try {
            server.addUser("c@example.test", "c-password-1");
            try (ImapTestClient a = session(server)) {
                append(a, 20);
            }
            String[] keywords = {"$a", "$b", "$c", "$d", "$e", "$f"};
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> futures = new ArrayList<>();
            for (String kw : keywords) {
                futures.add(pool.submit(() -> {
                    try (ImapTestClient c = session(server)) {
                        c.command("SELECT INBOX");
                        for (int i = 1; i <= 20; i++) {
                            assertThat(c.command("STORE " + i + " +FLAGS (" + kw + ")").ok()).isTrue();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            try (ImapTestClient c = session(server)) {
                c.command("SELECT INBOX");
                ImapTestClient.Result r = c.command("FETCH 1:20 FLAGS");
                assertThat(r.untagged().stream().filter(l -> l.contains("FETCH"))).hasSize(20).allSatisfy(l -> {
                    for (String kw : keywords) {
                        assertThat(l).contains(kw);
                    }
                });
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void recentGoesToOneSessionOnly() throws Exception {
        TestServer server = TestServer.start(CONFIG);
        try {
            server.addUser("c@example.test", "c-password-1");
            try (ImapTestClient a = session(server); ImapTestClient b = session(server);
                    ImapTestClient w = session(server)) {
                a.command("SELECT INBOX");
                b.command("SELECT INBOX");
                append(w, 1);
                ImapTestClient.Result ra = a.command("NOOP");
                ImapTestClient.Result rb = b.command("NOOP");
                assertThat(ra.untagged()).contains("* 1 EXISTS");
                assertThat(rb.untagged()).contains("* 1 EXISTS");
                int recent = (ra.untagged().contains("* 1 RECENT") ? 1 : 0) + (rb.untagged().contains("* 1 RECENT") ? 1 : 0);
                assertThat(recent).isEqualTo(1);
                assertThat(w.command("STATUS INBOX (RECENT)").all()).contains("RECENT 0");
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void uidsAreNeverReusedAndUidValiditySurvivesRestart() throws Exception {
        TestServer server = TestServer.start(CONFIG);
        java.nio.file.Path dir = server.dataDir;
        String validity;
        try {
            server.addUser("c@example.test", "c-password-1");
            try (ImapTestClient c = session(server)) {
                append(c, 3);
                ImapTestClient.Result sel = c.command("SELECT INBOX");
                validity = sel.all().replaceAll("(?s).*UIDVALIDITY (\\d+).*", "$1");
                c.command("STORE 3 +FLAGS (\\Deleted)");
                c.command("EXPUNGE");
            }
        } finally {
            server.close();
        }
        server = TestServer.start(CONFIG, "mx.example.test", new InMemoryResolver(), dir);
        try (ImapTestClient c = session(server)) {
            ImapTestClient.Result sel = c.command("SELECT INBOX");
            assertThat(sel.all()).contains("[UIDVALIDITY " + validity + "]").contains("[UIDNEXT 4]");
            append(c, 1);
            assertThat(c.command("UID SEARCH ALL").starting("SEARCH")).containsExactly("* SEARCH 1 2 4");
        } finally {
            server.destroy();
        }
    }
}
