package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.BlobStore;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/**
 * Mail delivered over SMTP, as users get it, is retrieved whole over POP3 whether the store keeps
 * it in the database (up to 128 KiB, ADR 0002) or in a file. RETR once opened only files and
 * answered "-ERR ... deleted by another session" for every small message.
 */
class Pop3InlineAndFileTest {

    TestServer srv;

    @AfterEach
    void stop() {
        if (srv != null) {
            srv.destroy();
        }
    }

    @Test
    void smallAndLargeMessagesDeliveredOverSmtpAreRetrievedWhole() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        String small = "Subject: small\r\n\r\nsmall body\r\n";
        String large = "Subject: large\r\n\r\n" + "line of a large body, still ASCII\r\n".repeat(BlobStore.INLINE_MAX / 20);
        for (String body : new String[] {small, large}) {
            try (SmtpTestClient c = new SmtpTestClient(srv.port("smtp"))) {
                c.read();
                c.cmd("EHLO client.test");
                c.cmd("MAIL FROM:<a@remote.test>");
                c.cmd("RCPT TO:<" + Pop3Fixture.USER + ">");
                c.cmd("DATA");
                assertThat(c.cmd(body + ".").code()).isEqualTo(250);
            }
        }
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            c.command("USER " + Pop3Fixture.USER);
            assertThat(c.command("PASS " + Pop3Fixture.PASSWORD)).startsWith("+OK");
            for (int n = 1; n <= 2; n++) {
                assertThat(c.command("RETR " + n)).startsWith("+OK");
                String got = new String(c.readRawBody(), StandardCharsets.UTF_8);
                assertThat(got).contains(n == 1 ? "small body" : "line of a large body");
                if (n == 2) {
                    assertThat(got.length()).isGreaterThan(BlobStore.INLINE_MAX);
                }
            }
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    /** MaildropCommands reads content in chunks of this many octets. */
    private static final int CHUNK = 16 * 1024;

    /**
     * A message of the given size whose content puts, at every chunk boundary in turn: a line
     * starting with "." right at the boundary, a CR LF split across it, a "." after a CR at the
     * end of the previous chunk, and a bare LF just before it; it ends without a line end.
     */
    private static byte[] awkwardMessage(int size) {
        StringBuilder sb = new StringBuilder("Subject: chunk boundaries\r\n\r\n");
        String[] atBoundary = {".dot line at the boundary", "\r|\n split CRLF", "\r|.dot after CR", "\n|bare LF"};
        int k = 0;
        for (int boundary = CHUNK; boundary < size - 100; boundary += CHUNK) {
            String trick = atBoundary[k++ % atBoundary.length];
            int bar = trick.indexOf('|'); // the boundary falls at the bar (or before the trick)
            String before = bar < 0 ? "" : trick.substring(0, bar);
            String after = bar < 0 ? trick : trick.substring(bar + 1);
            int fill = boundary - before.length() - sb.length();
            while (fill > 0) {
                int n = Math.min(fill, 70);
                String line = n >= 3 ? "x".repeat(n - 2) + "\r\n" : "y".repeat(n);
                sb.append(line);
                fill -= n;
            }
            sb.append(before).append(after).append("\r\n");
        }
        while (sb.length() < size) {
            sb.append(sb.length() % 7 == 0 ? '.' : 'z');
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** RFC 1939 section 3 by the book: CR, LF and CRLF end lines; "." doubled at line starts. */
    private static byte[] wire(byte[] content) {
        String s = new String(content, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            out.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        String body = out.toString();
        if (s.endsWith("\n")) {
            body = body.substring(0, body.length() - 2); // split's last, empty element
        }
        return (body + ".\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void messagesOfSeveralChunksAreStuffedAcrossChunkBoundaries() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        byte[] inline = awkwardMessage(5 * CHUNK + 123);          // in the database
        byte[] file = awkwardMessage(BlobStore.INLINE_MAX + 3 * CHUNK + 7); // a file
        byte[] exact = awkwardMessage(2 * CHUNK);                  // ends right at a boundary
        for (byte[] m : new byte[][] {inline, file, exact}) {
            Pop3Fixture.deliver(srv, Pop3Fixture.USER, m);
        }
        try (Pop3TestClient c = Pop3TestClient.connect(srv.port("pop3"))) {
            c.command("USER " + Pop3Fixture.USER);
            assertThat(c.command("PASS " + Pop3Fixture.PASSWORD)).startsWith("+OK");
            byte[][] sent = {inline, file, exact};
            for (int n = 1; n <= 3; n++) {
                for (int round = 0; round < 2; round++) { // buffers are reused by the second RETR
                    assertThat(c.command("RETR " + n)).startsWith("+OK");
                    assertThat(new String(c.readRawBody(), StandardCharsets.ISO_8859_1))
                            .isEqualTo(new String(wire(sent[n - 1]), StandardCharsets.ISO_8859_1));
                }
            }
            // TOP across chunks: the header, the blank line, then 300 body lines (RFC 1939 section 7)
            assertThat(c.command("TOP 1 300")).startsWith("+OK");
            String top = new String(c.readRawBody(), StandardCharsets.ISO_8859_1);
            String all = new String(wire(inline), StandardCharsets.ISO_8859_1);
            int headerLines = 2;
            int cut = 0;
            for (int lines = 0; lines < headerLines + 300; lines++) {
                cut = all.indexOf("\r\n", cut) + 2;
            }
            assertThat(top).isEqualTo(all.substring(0, cut) + ".\r\n");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }
}
