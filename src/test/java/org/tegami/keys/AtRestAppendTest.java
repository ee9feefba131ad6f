package org.tegami.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.testing.TestServer;

/**
 * Encryption at rest covers IMAP APPEND (e.g. a client saving to Sent or Drafts), over a real
 * IMAP session: the OK comes after an encrypted copy is stored, no plaintext reaches the data
 * directory, and an unusable key makes APPEND fail with NO [UNAVAILABLE] instead of storing
 * plaintext.
 */
class AtRestAppendTest {

    static final String PW = "at-rest-password";

    TestServer server;
    KeyAdmin admin;

    @BeforeEach
    void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\n");
        admin = new KeyAdmin(server.tegami.cryptoKeys());
        server.addUser("bob@example.test", PW);
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    /** LOGIN, APPEND to Sent; returns the tagged reply line of the APPEND. */
    String append(String marker) throws Exception {
        String msg = "From: bob@example.test\r\nTo: alice@remote.test\r\nSubject: draft\r\n\r\nThe draft says " + marker
                + ".\r\n";
        byte[] bytes = msg.getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", server.port("imap"))) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            out.write(("a LOGIN bob@example.test " + PW + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(tagged(in, "a")).startsWith("a OK");
            out.write(("b APPEND Sent (\\Seen) {" + bytes.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = tagged(in, "b");
            out.write("c LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            return reply;
        }
    }

    static String tagged(BufferedReader in, String tag) throws Exception {
        for (String line; (line = in.readLine()) != null;) {
            if (line.startsWith(tag + " ")) {
                return line;
            }
        }
        throw new AssertionError("connection closed before the " + tag + " reply");
    }

    @Test
    void appendIsEncryptedAtRestAndGpgOpensTheStoredCopy() throws Exception {
        assertThat(append("PLAIN-APPEND-3141")).startsWith("b OK [APPENDUID");
        assertThat(AtRestSmtpTest.filesContaining(server.dataDir, "PLAIN-APPEND-3141")).isNotEmpty(); // the check can find plaintext

        admin.importKey("bob@example.test", PgpKeys.armor(PgpTestKeys.bob().publicRing()), null);
        admin.setAtRest("bob@example.test", PgpTestKeys.bob().fingerprint());
        assertThat(append("SECRET-APPEND-2718")).startsWith("b OK [APPENDUID");
        assertThat(AtRestSmtpTest.filesContaining(server.dataDir, "SECRET-APPEND-2718")).isEmpty();

        List<byte[]> sent = Smtp.mailbox(server.tegami.store(), "bob@example.test", "Sent");
        assertThat(sent).hasSize(2);
        String stored = Smtp.text(sent.get(1));
        assertThat(stored).contains("Subject: draft").contains("-----BEGIN PGP MESSAGE-----");
        try (Gpg bob = new Gpg()) {
            bob.importSecret(PgpTestKeys.bob().armored(), "bob-pw");
            String block = stored.substring(stored.indexOf("-----BEGIN PGP MESSAGE-----"),
                    stored.indexOf("-----END PGP MESSAGE-----") + 25);
            byte[] plain = bob.ok(block.getBytes(StandardCharsets.US_ASCII), "--pinentry-mode", "loopback", "--passphrase",
                    "bob-pw", "--decrypt");
            assertThat(Smtp.text(plain)).contains("The draft says SECRET-APPEND-2718.");
        }
    }

    @Test
    void anUnusableKeyRefusesTheAppendInsteadOfStoringPlaintext() throws Exception {
        admin.importKey("bob@example.test", PgpKeys.armor(PgpTestKeys.bob().publicRing()), null);
        admin.setAtRest("bob@example.test", PgpTestKeys.bob().fingerprint());
        server.tegami.store().keys().removeKey("bob@example.test", PgpTestKeys.bob().fingerprint());
        assertThat(append("REFUSED-APPEND-1618")).startsWith("b NO [UNAVAILABLE]");
        assertThat(AtRestSmtpTest.filesContaining(server.dataDir, "REFUSED-APPEND-1618")).isEmpty();
        assertThat(Smtp.mailbox(server.tegami.store(), "bob@example.test", "Sent")).isEmpty();
    }
}
