package org.tegami.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.SmtpTestClient;

/**
 * kill -9 during a load of concurrent deliveries: every message that got 250 must be in its
 * mailbox after restart, and the store must open without repair.
 */
class CrashDurabilityTest {

    private static final Pattern SUBJECT = Pattern.compile("Subject: (crash-\\d+-\\d+-\\d+)");

    @Test
    void acknowledgedMailSurvivesSigkill() throws Exception {
        Path dir = Files.createTempDirectory("tegami-crash");
        try (SqliteStore store = new SqliteStore(dir)) {
            Admin admin = new Admin(store, TegamiConfig.defaults());
            admin.addDomain("example.test");
            admin.addUser("alice@example.test", null, "alice-password", false);
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 3; round++) {
            int offset = 30000 + ThreadLocalRandom.current().nextInt(25000);
            Process server = startServer(dir, offset);
            try {
                int port = 25 + offset;
                awaitPort(port, server);
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    int id = t;
                    int r = round;
                    clients.add(Thread.ofVirtual().start(() -> sendUntilFailure(port, r, id, acknowledged)));
                }
                Thread.sleep(1200 + ThreadLocalRandom.current().nextInt(800));
                server.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
                server.waitFor();
                for (Thread c : clients) {
                    c.join(30_000);
                }
            } finally {
                server.destroyForcibly();
            }
        }
        assertThat(acknowledged).as("the load really ran").hasSizeGreaterThan(30);
        Set<String> stored = new HashSet<>();
        try (SqliteStore store = new SqliteStore(dir)) {
            for (String m : Mailboxes.inbox(store, "alice@example.test")) {
                Matcher x = SUBJECT.matcher(m);
                assertThat(x.find()).isTrue();
                stored.add(x.group(1));
            }
            store.collectGarbage(0); // leftovers of interrupted writes are cleaned, referenced blobs stay
            assertThat(Mailboxes.inbox(store, "alice@example.test")).hasSize(stored.size());
            Set<String> referenced = store.database().read(c -> {
                Set<String> out = new HashSet<>();
                try (var rs = c.createStatement().executeQuery("SELECT sha256 FROM contents")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(referenced).as("no orphaned blob file survives GC").containsAll(store.blobs().list());
            try (var temps = Files.list(dir.resolve("blobs/tmp"))) {
                assertThat(temps.count()).as("no temp file survives GC").isZero();
            }
            assertThat(integrity(store)).as("the store opens without repair").isEqualTo("ok");
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertThat(lost).as("acknowledged with 250 but missing after kill -9").isEmpty();
    }

    /** SQLite's own consistency check of the whole database: "ok" when nothing needs repair. */
    static String integrity(SqliteStore store) {
        return store.database().read(c -> {
            try (var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private static void sendUntilFailure(int port, int round, int id, Set<String> acknowledged) {
        try (SmtpTestClient c = new SmtpTestClient(port)) {
            c.read();
            c.cmd("EHLO load.test");
            for (int n = 0; ; n++) {
                String subject = "crash-" + round + "-" + id + "-" + n;
                c.cmd("MAIL FROM:<load@remote.test>");
                c.cmd("RCPT TO:<alice@example.test>");
                c.cmd("DATA");
                if (c.cmd("Subject: " + subject + "\r\n\r\n" + ("x".repeat(98) + "\r\n").repeat(20) + ".").code() == 250) {
                    acknowledged.add(subject);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the server was killed
        }
    }

    static Process startServer(Path dir, int offset) throws IOException {
        return startServer(dir, offset, "");
    }

    static Process startServer(Path dir, int offset, String extraToml) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path cfg = dir.resolve("crash.toml");
        Files.writeString(cfg, "[dns]\nservers = [\"127.0.0.1:9\"]\n" + extraToml);
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.tegami.cli.Main", "serve", "--data", dir.toString(), "--config", cfg.toString(),
                "--port-offset", String.valueOf(offset), "--bind", "127.0.0.1", "--hostname", "mx.example.test")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + offset + ".log").toFile())
                .start();
    }

    static void awaitPort(int port, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("server exited early");
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not start");
    }
}
