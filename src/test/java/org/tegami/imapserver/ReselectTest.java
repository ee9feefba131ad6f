package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.TestServer;

/**
 * SELECT of a mailbox that sessions selected before and left: the server keeps its snapshot and
 * moves it on by what changed since (ChangeFeed), so what the client is told — EXISTS, RECENT,
 * UNSEEN, flags, HIGHESTMODSEQ, QRESYNC's VANISHED — must be exactly what a fresh read gives,
 * after expunges, flag changes and deliveries made while nobody had the mailbox selected.
 */
class ReselectTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\n");
        server.addUser("rs@example.test", "rs-password-1");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    static ImapTestClient session() throws Exception {
        ImapTestClient c = new ImapTestClient(server.port("imap"));
        c.greeting();
        assertThat(c.login("rs@example.test", "rs-password-1").ok()).isTrue();
        return c;
    }

    static void append(ImapTestClient c, String mailbox, String subject) throws Exception {
        assertThat(c.commandWithLiteral("APPEND " + mailbox, ("Subject: " + subject + "\r\n\r\nx\r\n").getBytes(), "")
                .ok()).isTrue();
    }

    @Test
    void changesMadeWhileNobodyHadTheMailboxSelectedAreAllSeen() throws Exception {
        long validity;
        long high;
        try (ImapTestClient c = session()) {
            c.command("CREATE re");
            for (int i = 1; i <= 4; i++) {
                append(c, "re", "m" + i);
            }
            ImapTestClient.Result sel = c.command("SELECT re (CONDSTORE)");
            assertThat(sel.untagged()).contains("* 4 EXISTS", "* 4 RECENT", "* OK [UNSEEN 1] First unseen");
            validity = sel.number("UIDVALIDITY (\\d+)");
            high = sel.number("HIGHESTMODSEQ (\\d+)");
            c.command("STORE 1:4 +FLAGS.SILENT (\\Seen)");
            c.command("LOGOUT");
        }
        try (ImapTestClient c = session()) {
            // Another session: its own changes live in its view, not in the kept snapshot.
            c.command("SELECT re");
            c.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            c.command("STORE 2 -FLAGS.SILENT (\\Seen)");
            c.command("STORE 3 +FLAGS.SILENT ($Important)");
            assertThat(c.command("EXPUNGE").untagged()).contains("* 1 EXPUNGE");
            c.command("LOGOUT");
        }
        try (ImapTestClient c = session()) {
            append(c, "re", "m5"); // delivered without a selection
            c.command("LOGOUT");
        }
        try (ImapTestClient c = session()) {
            ImapTestClient.Result sel = c.command("SELECT re");
            assertThat(sel.untagged()).contains("* 4 EXISTS", "* 1 RECENT", "* OK [UNSEEN 1] First unseen",
                    "* OK [UIDNEXT 6] Predicted next UID");
            assertThat(sel.untagged()).anyMatch(l -> l.startsWith("* FLAGS (") && l.contains("$Important"));
            assertThat(c.command("FETCH 1:* (UID FLAGS)").untagged()).containsExactly(
                    "* 1 FETCH (UID 2 FLAGS ())",
                    "* 2 FETCH (UID 3 FLAGS (\\Seen $Important))",
                    "* 3 FETCH (UID 4 FLAGS (\\Seen))",
                    "* 4 FETCH (UID 5 FLAGS (\\Recent))");
            // (STATUS HIGHESTMODSEQ enables CONDSTORE: after the FETCH above, which expects no MODSEQ)
            assertThat(sel.number("HIGHESTMODSEQ (\\d+)")).isEqualTo(
                    c.command("STATUS re (HIGHESTMODSEQ)").number("HIGHESTMODSEQ (\\d+)"));
            c.command("LOGOUT");
        }
        try (ImapTestClient c = session()) {
            // QRESYNC from the first session's state: the expunge and every change since.
            c.command("ENABLE QRESYNC");
            ImapTestClient.Result re = c.command("SELECT re (QRESYNC (" + validity + " " + high + "))");
            assertThat(re.untagged()).contains("* VANISHED (EARLIER) 1");
            assertThat(re.untagged()).filteredOn(l -> l.contains(" FETCH ")).extracting(l -> l.replaceAll(" MODSEQ.*", ""))
                    .containsExactly("* 1 FETCH (UID 2 FLAGS ()", "* 2 FETCH (UID 3 FLAGS (\\Seen $Important)",
                            "* 3 FETCH (UID 4 FLAGS (\\Seen)", "* 4 FETCH (UID 5 FLAGS ()");
            c.command("LOGOUT");
        }
    }

    @Test
    void aMailboxDeletedAndCreatedAgainIsNotShownWithItsOldMessages() throws Exception {
        try (ImapTestClient c = session()) {
            c.command("CREATE gone");
            append(c, "gone", "old");
            assertThat(c.command("SELECT gone").untagged()).contains("* 1 EXISTS");
            c.command("UNSELECT");
            assertThat(c.command("DELETE gone").ok()).isTrue();
            c.command("CREATE gone");
            assertThat(c.command("SELECT gone").untagged()).contains("* 0 EXISTS");
        }
    }
}
