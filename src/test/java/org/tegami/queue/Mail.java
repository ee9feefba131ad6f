package org.tegami.queue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tegami.smtpclient.ClientOptions;
import org.tegami.smtpclient.OutboundMessage;
import org.tegami.smtpclient.SmtpClient;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.store.MessageInfo;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.testing.TestServer;

/** Test helpers: submit with our own SMTP client, read a mailbox from the store. */
final class Mail {

    private Mail() {}

    static String message(String from, String to, String subject, String body) {
        return "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n";
    }

    /** Submits over 587 with STARTTLS + AUTH (our client picks SCRAM-SHA-256); returns per-recipient replies. */
    static SmtpClient.Result submit(String host, int port, String user, String password, String from, List<String> to,
            String content) throws Exception {
        ClientOptions o = new ClientOptions("client.test", null, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(30), ClientOptions.TlsMode.REQUIRED, false, "localhost", user, password);
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress(host, port), o)) {
            List<OutboundMessage.Rcpt> rcpts = new ArrayList<>();
            for (String t : to) {
                rcpts.add(new OutboundMessage.Rcpt(t, null, null));
            }
            return c.send(new OutboundMessage(from, rcpts, null, null, false, false,
                    content.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static SmtpClient.Result submit(TestServer s, String user, String password, String from, List<String> to,
            String content) throws Exception {
        return submit("127.0.0.1", s.port("submission"), user, password, from, to, content);
    }

    /** Every message in an account's mailbox, as text. */
    static List<String> mailbox(SqliteStore store, String address, String mailbox) throws Exception {
        Account a = store.directory().account(address).orElseThrow();
        Mailbox mb = store.mail().mailbox(a.id(), mailbox).orElseThrow();
        List<String> out = new ArrayList<>();
        for (MessageInfo m : store.mail().messages(mb.id())) {
            out.add(new String(store.blobs().read(m.blob()), StandardCharsets.UTF_8));
        }
        return out;
    }

    static List<String> inbox(TestServer s, String address) throws Exception {
        return mailbox(s.tegami.store(), address, Mailbox.INBOX);
    }
}
