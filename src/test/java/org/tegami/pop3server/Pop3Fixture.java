package org.tegami.pop3server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.Account;
import org.tegami.store.BlobStore;
import org.tegami.store.Delivery;
import org.tegami.store.Mailbox;
import org.tegami.store.MessageInfo;
import org.tegami.testing.TestServer;

/** Shared helpers for the POP3 tests: a server, an account, messages put straight into the INBOX. */
final class Pop3Fixture {

    static final String USER = "alice@example.test";
    static final String PASSWORD = "correct horse battery staple";
    /** Tests run on loopback without TLS unless they test TLS; production refuses that. */
    static final String PLAINTEXT = "[auth]\nallow_plaintext = true\n";

    private Pop3Fixture() {}

    static TestServer server(String toml) {
        TestServer srv = TestServer.start(toml);
        srv.addUser(USER, PASSWORD);
        return srv;
    }

    static Account account(TestServer srv, String address) {
        return srv.tegami.store().directory().account(address).orElseThrow();
    }

    static Mailbox inbox(TestServer srv, String address) {
        return srv.tegami.store().mail().mailbox(account(srv, address).id(), Mailbox.INBOX).orElseThrow();
    }

    /** Delivers the bytes as they are (no headers added) into the account's INBOX; returns the UID. */
    static long deliver(TestServer srv, String address, byte[] message) {
        var store = srv.tegami.store();
        long inbox = inbox(srv, address).id();
        ParsedMessage p = MimeParser.parse(message);
        byte[] structure = StructureCodec.encode(p.root(), p.envelope());
        store.blobs().referenceLock().lock();
        try {
            // As local delivery does: small messages inline in the database, large ones as files,
            // so the POP3 tests read both kinds (RETR once read files only and failed on inline).
            BlobStore.Blob blob = store.blobs().prepare(message);
            return store.mail().deliver(new Delivery(blob, structure, List.of(inbox), 0, "", System.currentTimeMillis()))
                    .get(0).uid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            store.blobs().referenceLock().unlock();
        }
    }

    static long deliver(TestServer srv, String address, String message) {
        return deliver(srv, address, message.getBytes(StandardCharsets.UTF_8));
    }

    /** A small message numbered n, CRLF line ends. */
    static String message(int n) {
        return "From: bob@example.test\r\nTo: " + USER + "\r\nSubject: message " + n + "\r\n"
                + "Message-ID: <m" + n + "@example.test>\r\n\r\nBody of message " + n + ".\r\nSecond line.\r\n";
    }

    static List<MessageInfo> inboxMessages(TestServer srv, String address) {
        return srv.tegami.store().mail().messages(inbox(srv, address).id());
    }

    static Path certificate(TestServer srv) {
        return srv.dataDir.resolve("tls").resolve("selfsigned-cert.pem");
    }

    /** A client TLS context trusting exactly the server's self-signed certificate. */
    static SSLContext trustingServer(TestServer srv) {
        try (var in = Files.newInputStream(certificate(srv))) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("server", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
