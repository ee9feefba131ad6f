package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tegami.testing.ImapTestClient;
import org.tegami.testing.TestServer;

class SmokeTest {
    @Test
    void basics() throws Exception {
        TestServer server = TestServer.start("[auth]\nallow_plaintext = true\n");
        try {
            server.addUser("alice@example.test", "alice-password");
            try (ImapTestClient c = new ImapTestClient(server.port("imap"))) {
                System.out.println(c.greeting());
                System.out.println(c.login("alice@example.test", "alice-password").all());
                System.out.println(c.command("LIST \"\" *").all());
                System.out.println(c.commandWithLiteral("APPEND INBOX (\\Seen)", "Subject: hi\r\nFrom: a@b.c\r\n\r\nhello\r\n".getBytes(), "").all());
                System.out.println(c.command("SELECT INBOX").all());
                System.out.println(c.command("FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE BODYSTRUCTURE BODY.PEEK[])").all());
                System.out.println(c.command("SEARCH TEXT hello").all());
                System.out.println(c.command("STORE 1 +FLAGS (\\Deleted)").all());
                System.out.println(c.command("EXPUNGE").all());
                System.out.println(c.command("STATUS INBOX (MESSAGES UIDNEXT UNSEEN SIZE HIGHESTMODSEQ RECENT)").all());
                System.out.println(c.command("LOGOUT").all());
            }
        } finally {
            server.destroy();
        }
    }
}
