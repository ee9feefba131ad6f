package org.tegami.keys;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tegami.smtp.Reply;
import org.tegami.smtpclient.ClientOptions;
import org.tegami.smtpclient.OutboundMessage;
import org.tegami.smtpclient.SmtpClient;
import org.tegami.store.Account;
import org.tegami.store.MessageInfo;
import org.tegami.store.Store;

/** Test helpers: submit with our SMTP client (587, STARTTLS + AUTH), send to port 25, read mailboxes. */
final class Smtp {

    private Smtp() {}

    /** The reply to the end of DATA (or to the first refusal) for a submission. */
    static Reply submit(String host, int port, String user, String password, List<String> to, String content) throws Exception {
        return send(host, port, user, password, user, to, content.getBytes(StandardCharsets.UTF_8), ClientOptions.TlsMode.REQUIRED);
    }

    /** Mail from the world to port 25 (no AUTH, no TLS). */
    static Reply mx(int port, String from, List<String> to, byte[] content) throws Exception {
        return send("127.0.0.1", port, null, null, from, to, content, ClientOptions.TlsMode.NONE);
    }

    private static Reply send(String host, int port, String user, String password, String from, List<String> to, byte[] content,
            ClientOptions.TlsMode tls) throws Exception {
        ClientOptions o = new ClientOptions("client.test", null, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(60), tls, false, "localhost", user, password);
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress(host, port), o)) {
            List<OutboundMessage.Rcpt> rcpts = new ArrayList<>();
            for (String t : to) {
                rcpts.add(new OutboundMessage.Rcpt(t, null, null));
            }
            SmtpClient.Result r = c.send(new OutboundMessage(from, rcpts, null, null, false, false, content));
            return r.perRecipient().stream().filter(x -> !x.isPositive()).findFirst().orElse(r.perRecipient().get(0));
        }
    }

    static List<byte[]> mailbox(Store store, String address, String mailbox) throws Exception {
        Account a = store.directory().account(address).orElseThrow();
        long id = store.mail().mailbox(a.id(), mailbox).orElseThrow().id();
        List<byte[]> out = new ArrayList<>();
        for (MessageInfo m : store.mail().messages(id)) {
            out.add(store.blobs().read(m.blob()));
        }
        return out;
    }

    static List<byte[]> inbox(Store store, String address) throws Exception {
        return mailbox(store, address, "INBOX");
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
