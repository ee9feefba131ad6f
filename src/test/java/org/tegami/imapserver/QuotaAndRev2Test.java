package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.TestServer;

/**
 * QUOTA backed by the account's limit (RFC 9208), what ENABLE IMAP4rev2 changes (RFC 9051:
 * UTF-8 mailbox names, ESEARCH, no \Recent), SEARCHRES "$" (RFC 5182), ID and NAMESPACE.
 */
class QuotaAndRev2Test {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\n");
        server.addUser("q@example.test", "q-password-1");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    static ImapTestClient session() throws Exception {
        ImapTestClient c = new ImapTestClient(server.port("imap"));
        c.greeting();
        assertThat(c.login("q@example.test", "q-password-1").ok()).isTrue();
        return c;
    }

    @Test
    void quotaFollowsTheAccountLimit() throws Exception {
        server.addUser("quota@example.test", "quota-password-1");
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            assertThat(c.login("quota@example.test", "quota-password-1").ok()).isTrue();
            ImapTestClient.Result none = c.command("GETQUOTAROOT INBOX");
            assertThat(none.untagged()).containsExactly("* QUOTAROOT INBOX");
            server.admin.setQuota("quota@example.test", 4096);
            ImapTestClient.Result root = c.command("GETQUOTAROOT INBOX");
            assertThat(root.untagged()).containsExactly("* QUOTAROOT INBOX \"\"", "* QUOTA \"\" (STORAGE 0 4)");
            assertThat(c.commandWithLiteral("APPEND INBOX", ("Subject: a\r\n\r\n" + "x".repeat(3000) + "\r\n").getBytes(), "")
                    .ok()).isTrue();
            assertThat(c.command("GETQUOTA \"\"").untagged()).containsExactly("* QUOTA \"\" (STORAGE 3 4)");
            c.send("a1 APPEND INBOX {2000}\r\n"); // would exceed: refused before the data
            assertThat(c.readResponse()).startsWith("a1 NO [OVERQUOTA]");
            c.command("SELECT INBOX");
            assertThat(c.command("COPY 1 Drafts").tagged()).contains("NO [OVERQUOTA]");
            assertThat(c.command("MOVE 1 Drafts").ok()).isTrue(); // moving does not add usage
            assertThat(c.command("SETQUOTA \"\" (STORAGE 100)").tagged()).contains("NO [NOPERM]");

        }
    }

    @Test
    void rev2UsesUtf8NamesAndEsearch() throws Exception {
        try (ImapTestClient c = session()) {
            assertThat(c.command("CREATE \"Caf&AOk-\"").ok()).isTrue(); // modified UTF-7 before ENABLE
            assertThat(c.command("LIST \"\" \"Caf*\"").untagged()).containsExactly("* LIST (\\HasNoChildren) \"/\" \"Caf&AOk-\"");
            assertThat(c.command("ENABLE IMAP4rev2").untagged()).containsExactly("* ENABLED IMAP4rev2");
            c.sendBytes("t9 LIST \"\" \"Caf*\"\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ImapTestClient.Result l = c.readUntil("t9");
            assertThat(new String(l.untagged().get(0).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("* LIST (\\HasNoChildren) \"/\" \"Café\"");
            c.commandWithLiteral("APPEND INBOX", "Subject: r\r\n\r\nrev2\r\n".getBytes(), "");
            ImapTestClient.Result sel = c.command("SELECT INBOX");
            assertThat(sel.untagged()).noneMatch(x -> x.contains("RECENT")).noneMatch(x -> x.contains("[UNSEEN"));
            ImapTestClient.Result search = c.command("SEARCH ALL");
            assertThat(search.untagged()).singleElement().satisfies(x -> assertThat(x).startsWith("* ESEARCH (TAG \""));
            assertThat(c.command("FETCH 1 FLAGS").all()).doesNotContain("\\Recent");
        }
    }

    @Test
    void searchResultCanBeSavedAndReused() throws Exception {
        try (ImapTestClient c = session()) {
            c.command("CREATE saved");
            for (int i = 0; i < 4; i++) {
                c.commandWithLiteral("APPEND saved", ("Subject: s" + i + "\r\n\r\n" + (i % 2 == 0 ? "even" : "odd") + "\r\n")
                        .getBytes(), "");
            }
            c.command("SELECT saved");
            assertThat(c.command("SEARCH RETURN (SAVE) BODY even").untagged()).isEmpty(); // SAVE alone: no ESEARCH
            assertThat(c.command("FETCH $ (UID)").untagged()).containsExactly("* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)");
            assertThat(c.command("UID SEARCH RETURN (MIN SAVE) ALL").untagged()).singleElement()
                    .satisfies(x -> assertThat(x).matches("\\* ESEARCH \\(TAG \"t\\d+\"\\) UID MIN 1"));
            assertThat(c.command("SEARCH $").untagged()).containsExactly("* SEARCH 1");
        }
    }

    @Test
    void idAndNamespace() throws Exception {
        try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
            c.greeting();
            assertThat(c.command("ID (\"name\" \"test\")").untagged().get(0)).startsWith("* ID (\"name\" \"Tegami\"");
            c.login("q@example.test", "q-password-1");
            assertThat(c.command("NAMESPACE").untagged()).containsExactly("* NAMESPACE ((\"\" \"/\")) NIL NIL");
        }
    }
}
