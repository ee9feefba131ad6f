package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/**
 * SMTP smuggling on the way out (CVE-2023-51766 class, issue 9): a message submitted with bare LF
 * or bare CR around a "." line — by DATA or by BDAT, where no dot convention applies — is relayed
 * as one message. The receiving peer here is deliberately lax, as the vulnerable receivers were:
 * it ends DATA at "." between any mix of CR, LF and CRLF. If Tegami emitted an ambiguous sequence,
 * this peer would see a second transaction.
 */
class SmugglingRelayTest {

    static final String PASSWORD = "correct horse battery";

    /** A receiver that ends DATA at any of CRLF.CRLF, LF.LF, CR.CR, LF.CRLF, CRLF.LF and counts transactions. */
    static final class LaxPeer implements AutoCloseable {
        final ServerSocket server;
        final List<String> transactions = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> rawData = Collections.synchronizedList(new ArrayList<>());

        LaxPeer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        void serve(Socket s) {
            try (s) {
                java.io.PushbackInputStream in = new java.io.PushbackInputStream(s.getInputStream(), 1);
                OutputStream out = s.getOutputStream();
                say(out, "220 lax.test ESMTP");
                String line;
                while ((line = lineLax(in)) != null) {
                    String u = line.toUpperCase();
                    if (u.startsWith("EHLO")) {
                        say(out, "250-lax.test\r\n250 8BITMIME");
                    } else if (u.startsWith("MAIL")) {
                        transactions.add(line);
                        say(out, "250 ok");
                    } else if (u.startsWith("RCPT")) {
                        say(out, "250 ok");
                    } else if (u.equals("DATA")) {
                        say(out, "354 go");
                        rawData.add(readDataLax(in));
                        say(out, "250 queued");
                    } else if (u.equals("QUIT")) {
                        say(out, "221 bye");
                        return;
                    } else {
                        say(out, "250 ok");
                    }
                }
            } catch (IOException e) {
                // done
            }
        }

        /** A command line ended by LF, CR or CRLF. */
        static String lineLax(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return c == -1 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }

        /** Reads until a "." alone between any line ends, as a lax receiver would. */
        static byte[] readDataLax(java.io.PushbackInputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                b.write(c);
                byte[] a = b.toByteArray();
                int n = a.length;
                if (n >= 3 && (a[n - 1] == '\n' || a[n - 1] == '\r')) {
                    int end = a[n - 1] == '\n' && n >= 2 && a[n - 2] == '\r' ? n - 2 : n - 1;
                    if (end >= 2 && a[end - 1] == '.' && (a[end - 2] == '\n' || a[end - 2] == '\r')) {
                        if (a[n - 1] == '\r') { // CR.CR ends it; a LF right after belongs to it too
                            int next = in.read();
                            if (next == '\n') {
                                b.write(next);
                                return b.toByteArray();
                            } else if (next != -1) {
                                in.unread(next);
                            }
                        }
                        return a;
                    }
                    if (end == 1 && a[0] == '.') {
                        return a;
                    }
                }
            }
            return b.toByteArray();
        }

        static void say(OutputStream out, String s) throws IOException {
            out.write((s + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    LaxPeer peer;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
        }
        if (peer != null) {
            peer.close();
        }
    }

    static final String SMUGGLED = "MAIL FROM:<ceo@example.test>\r\nRCPT TO:<victim@remote.test>\r\nDATA\r\n"
            + "Subject: smuggled\r\n\r\nwire the money\r\n";

    SmtpTestClient submitter() throws Exception {
        peer = new LaxPeer();
        server = TestServer.start("[auth]\nallow_plaintext = true\n[queue]\nmx_port = " + peer.server.getLocalPort()
                + "\npoll_interval = \"100ms\"\n");
        server.addUser("alice@example.test", PASSWORD);
        server.dns.addMx("remote.test", 10, "mx.remote.test").addA("mx.remote.test", "127.0.0.1");
        SmtpTestClient c = new SmtpTestClient(server.port("submission"));
        c.read();
        c.cmd("EHLO client.test");
        assertThat(c.cmd("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0alice@example.test\0" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8))).code()).isEqualTo(235);
        assertThat(c.cmd("MAIL FROM:<alice@example.test>").code()).isEqualTo(250);
        assertThat(c.cmd("RCPT TO:<bob@remote.test>").code()).isEqualTo(250);
        return c;
    }

    void assertRelayedAsOneMessage() {
        await().atMost(Duration.ofSeconds(15)).until(() -> peer.rawData.size() >= 1);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(peer.transactions).as("transactions the lax peer saw").hasSize(1);
        String data = new String(peer.rawData.get(0), StandardCharsets.ISO_8859_1);
        assertThat(data).as("relayed DATA ends only at CRLF.CRLF").endsWith("\r\n.\r\n");
        String body = data.substring(0, data.length() - 3);
        assertThat(body.replace("\r\n", "")).as("no bare CR or LF left in what was relayed").doesNotContain("\r")
                .doesNotContain("\n");
        assertThat(data).contains("Subject: smuggled"); // carried along as content of the one message
    }

    @Test
    void bareLfDotInDataIsRelayedAsOneMessage() throws Exception {
        try (SmtpTestClient c = submitter()) {
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            c.send("From: alice@example.test\r\nTo: bob@remote.test\r\nSubject: first\r\n\r\nhello\n.\n" + SMUGGLED
                    + "\r\n.\r\n");
            assertThat(c.read().code()).isEqualTo(250);
            c.cmd("QUIT");
        }
        assertRelayedAsOneMessage();
    }

    @Test
    void bareCrAndMixedDotsInBdatAreRelayedAsOneMessage() throws Exception {
        try (SmtpTestClient c = submitter()) {
            // BDAT has no end-of-data marker, so these bytes reach the store as sent, and the queue
            // must turn them into unambiguous DATA when the next hop does not offer CHUNKING.
            byte[] body = ("From: alice@example.test\r\nTo: bob@remote.test\r\nSubject: first\r\n\r\nhello\r.\r"
                    + "more\n.\r\n" + "x\r\n.\n" + SMUGGLED + "\r\n.\r\nafter the fake end\r\n").getBytes(StandardCharsets.US_ASCII);
            c.send("BDAT " + body.length + " LAST\r\n");
            c.sendBytes(body);
            assertThat(c.read().code()).isEqualTo(250);
            c.cmd("QUIT");
        }
        assertRelayedAsOneMessage();
    }
}
