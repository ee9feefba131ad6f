package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.MailboxFiller;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * isync (mbsync) against Tegami over STARTTLS: a full two-way sync of a mailbox with thousands of
 * messages into a local Maildir, then changes on both sides and an incremental re-sync that must
 * transfer only the changed messages (counted in mbsync's protocol trace) and leave both sides
 * equal.
 */
class MbsyncTest {

    static final int MESSAGES = 3000;

    TestServer server;
    Path work;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start("");
        server.addUser("sync@example.test", "sync-password-1");
        work = Files.createTempDirectory("tegami-mbsync");
    }

    @AfterEach
    void stop() {
        server.destroy();
        try (Stream<Path> s = Files.walk(work)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files
        }
    }

    private Path config() throws IOException {
        Path cert = server.dataDir.resolve("tls/selfsigned-cert.pem");
        Path cfg = work.resolve("mbsyncrc");
        Files.createDirectories(work.resolve("mail"));
        Files.writeString(cfg, String.join("\n",
                "IMAPAccount tegami",
                "Host 127.0.0.1",
                "Port " + server.port("imap"),
                "User sync@example.test",
                "Pass sync-password-1",
                "SSLType STARTTLS",
                "CertificateFile " + cert,
                "",
                "IMAPStore far",
                "Account tegami",
                "",
                "MaildirStore near",
                "Path " + work.resolve("mail") + "/",
                "Inbox " + work.resolve("mail/INBOX"),
                "",
                "Channel sync",
                "Far :far:",
                "Near :near:",
                "Patterns INBOX",
                "Create Both",
                "Expunge Both",
                "SyncState *",
                "Sync All",
                ""));
        return cfg;
    }

    private Processes.Result mbsync(Path cfg, String... extra) {
        String mbsync = ExternalTools.require("mbsync");
        List<String> cmd = new java.util.ArrayList<>(List.of(mbsync, "-c", cfg.toString()));
        cmd.addAll(List.of(extra));
        cmd.add("sync");
        Processes.Result r = Processes.run(cmd, null, Map.of("HOME", work.toString()), work, 300);
        try {
            Files.writeString(Path.of(System.getProperty("tegami.project.dir", "."), "target", "mbsync-last.log"),
                    r.output());
        } catch (IOException e) {
            // only a debugging aid
        }
        return r;
    }

    private List<Path> localMessages() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.list(work.resolve("mail/INBOX/cur")), Files.list(work.resolve("mail/INBOX/new")))) {
            return s.toList();
        }
    }

    @Test
    void fullThenIncrementalTwoWaySync() throws Exception {
        Account a = server.tegami.store().directory().account("sync@example.test").orElseThrow();
        Mailbox inbox = server.tegami.store().mail().mailbox(a.id(), "INBOX").orElseThrow();
        MailboxFiller.fill(server.tegami.store(), inbox.id(), 0, MESSAGES, 3000, 500);
        Path cfg = config();

        Processes.Result full = mbsync(cfg, "-Dn");
        assertThat(full.exitCode()).as(tail(full.output())).isZero();
        assertThat(localMessages()).hasSize(MESSAGES);
        assertThat(bodiesFetched(full.output())).isEqualTo(MESSAGES);

        // Changes on the server: 5 new messages, a flag set, one message expunged.
        MailboxFiller.fill(server.tegami.store(), inbox.id(), MESSAGES, 5, 2000, 5);
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            c.command("STARTTLS");
            c.startTls();
            assertThat(c.login("sync@example.test", "sync-password-1").ok()).isTrue();
            c.command("SELECT INBOX");
            assertThat(c.command("UID STORE 10 +FLAGS (\\Flagged)").ok()).isTrue();
            assertThat(c.command("UID STORE 20 +FLAGS (\\Deleted)").ok()).isTrue();
            assertThat(c.command("EXPUNGE").ok()).isTrue();
        }
        // Changes on the near side: two new messages, one marked seen, one deleted.
        Path newDir = work.resolve("mail/INBOX/new");
        Files.write(newDir.resolve("1700000000.local1.host"), MailboxFiller.message(90001, 1500, new java.util.Random(1)));
        Files.write(newDir.resolve("1700000000.local2.host"), MailboxFiller.message(90002, 1500, new java.util.Random(2)));
        List<Path> local = localMessages().stream().filter(p -> p.toString().contains(",U=")).sorted().toList();
        Path seen = local.get(100);
        Path deleted = local.get(200);
        Files.move(seen, seen.resolveSibling(seen.getFileName().toString().replaceAll(":2,.*$", "") + ":2,S"));
        Files.delete(deleted);

        Processes.Result again = mbsync(cfg, "-Dn");
        assertThat(again.exitCode()).as(tail(again.output())).isZero();
        // Only the 5 new server messages were downloaded, only the 2 local ones uploaded.
        assertThat(bodiesFetched(again.output())).as(tail(again.output())).isEqualTo(5);
        assertThat(countMatches(again.output(), Pattern.compile(">>> \\d+ APPEND "))).isEqualTo(2);

        int expected = MESSAGES + 5 - 1 + 2 - 1;
        assertThat(localMessages()).hasSize(expected);
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            c.command("STARTTLS");
            c.startTls();
            c.login("sync@example.test", "sync-password-1");
            ImapTestClient.Result sel = c.command("SELECT INBOX");
            assertThat(sel.all()).contains("* " + expected + " EXISTS");
            assertThat(c.command("UID SEARCH FLAGGED").starting("SEARCH").get(0)).contains(" 10");
        }
        assertThat(localMessages().stream().filter(p -> p.getFileName().toString().matches(".*:2,.*F.*"))).hasSize(1);
        Processes.Result idle = mbsync(cfg, "-Dn");
        assertThat(bodiesFetched(idle.output())).isZero();
    }

    /** Message bodies the server sent, as seen in mbsync's network trace. */
    private static int bodiesFetched(String trace) {
        return countMatches(trace, Pattern.compile("^(F: )?\\* \\d+ FETCH \\(UID \\d+ BODY\\[\\]", Pattern.MULTILINE));
    }

    private static int countMatches(String s, Pattern p) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }
}
