package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.TestServer;

/**
 * CONDSTORE and QRESYNC (RFC 7162): HIGHESTMODSEQ on SELECT, MODSEQ in FETCH, CHANGEDSINCE,
 * UNCHANGEDSINCE -> MODIFIED, SELECT (QRESYNC ...) with VANISHED (EARLIER), and VANISHED instead
 * of EXPUNGE once QRESYNC is enabled.
 */
class CondstoreQresyncTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\n");
        server.addUser("cq@example.test", "cq-password-1");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    static ImapTestClient session() throws Exception {
        ImapTestClient c = new ImapTestClient(server.port("imap"));
        c.greeting();
        assertThat(c.login("cq@example.test", "cq-password-1").ok()).isTrue();
        return c;
    }

    @Test
    void condstoreAndQresync() throws Exception {
        try (ImapTestClient c = session()) {
            c.command("CREATE cq");
            for (int i = 0; i < 5; i++) {
                c.commandWithLiteral("APPEND cq", ("Subject: m" + i + "\r\n\r\nx\r\n").getBytes(), "");
            }
            ImapTestClient.Result sel = c.command("SELECT cq (CONDSTORE)");
            long validity = sel.number("UIDVALIDITY (\\d+)");
            long high = sel.number("HIGHESTMODSEQ (\\d+)");
            assertThat(c.command("FETCH 1 (FLAGS)").all()).contains("MODSEQ (");

            c.command("STORE 2 +FLAGS.SILENT (\\Seen)");
            ImapTestClient.Result changed = c.command("FETCH 1:* (FLAGS) (CHANGEDSINCE " + high + ")");
            assertThat(changed.untagged()).singleElement().satisfies(l -> assertThat(l).startsWith("* 2 FETCH ("));

            // UNCHANGEDSINCE: message 2 changed after `high`, so it fails; message 3 is changed.
            ImapTestClient.Result cond = c.command("STORE 2:3 (UNCHANGEDSINCE " + high + ") +FLAGS (\\Flagged)");
            assertThat(cond.tagged()).contains("OK [MODIFIED 2]");
            assertThat(c.command("FETCH 2:3 FLAGS").all()).contains("* 2 FETCH (FLAGS (\\Seen \\Recent) MODSEQ")
                    .contains("* 3 FETCH (FLAGS (\\Flagged \\Recent) MODSEQ");
            long afterStore = c.command("STATUS cq (HIGHESTMODSEQ)").number("HIGHESTMODSEQ (\\d+)");

            c.command("STORE 4 +FLAGS.SILENT (\\Deleted)");
            c.command("EXPUNGE");
            c.command("UNSELECT");

            // A client that was away since `high`: QRESYNC tells what vanished and what changed.
            assertThat(c.command("ENABLE QRESYNC").untagged()).contains("* ENABLED QRESYNC");
            ImapTestClient.Result re = c.command("SELECT cq (QRESYNC (" + validity + " " + high + " 1:5))");
            assertThat(re.untagged()).contains("* VANISHED (EARLIER) 4");
            assertThat(re.untagged()).anyMatch(l -> l.matches("\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Seen( \\\\Recent)?\\) MODSEQ \\(\\d+\\)\\)"));
            assertThat(re.untagged()).anyMatch(l -> l.matches("\\* 3 FETCH \\(UID 3 FLAGS \\(\\\\Flagged( \\\\Recent)?\\) MODSEQ \\(\\d+\\)\\)"));
            assertThat(re.untagged()).noneMatch(l -> l.startsWith("* 1 FETCH"));

            ImapTestClient.Result v = c.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + afterStore + " VANISHED)");
            assertThat(v.untagged()).containsExactly("* VANISHED (EARLIER) 4");

            // With QRESYNC on, expunges are reported as VANISHED (RFC 7162 §3.2.10).
            c.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            assertThat(c.command("EXPUNGE").untagged()).contains("* VANISHED 1");
            // A wrong UIDVALIDITY: an ordinary SELECT.
            ImapTestClient.Result wrong = c.command("SELECT cq (QRESYNC (1 1))");
            assertThat(wrong.untagged()).contains("* OK [CLOSED] Previous mailbox closed").noneMatch(l -> l.contains("VANISHED"));
        }
    }

    @Test
    void qresyncMustBeEnabledFirst() throws Exception {
        try (ImapTestClient c = session()) {
            assertThat(c.command("SELECT INBOX (QRESYNC (1 1))").tagged()).contains("BAD");
        }
    }
}
