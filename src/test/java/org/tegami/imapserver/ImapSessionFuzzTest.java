package org.tegami.imapserver;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tegami.io.LineReader;
import org.tegami.net.TlsContext;
import org.tegami.sasl.Mechanisms;
import org.tegami.store.Account;
import org.tegami.testing.MailboxFiller;
import org.tegami.testing.TestServer;

/**
 * Random command streams through a whole session — reader, parser, state machine, handlers and
 * the real store — without a socket, in each state (not authenticated, authenticated, selected).
 * Whatever arrives, the session answers with well-formed responses and ends when the input ends:
 * no exception escapes, no reply reports a server bug, no response line is malformed. A plain
 * {@code mvn test} replays the seeds in ImapSessionFuzzTestInputs/; JAZZER_FUZZ=1 fuzzes.
 */
class ImapSessionFuzzTest {

    static TestServer server;
    static ImapServer imap;

    @BeforeAll
    static void start() {
        // No failure delay: a fuzzed LOGIN fails almost every time, and the delay would leave the
        // fuzzer a few executions per second.
        server = TestServer.start("[auth]\nallow_plaintext = true\nfailure_delay = \"0s\"\n");
        server.addUser("fuzz@example.test", "fuzz-password-1");
        Account a = server.tegami.store().directory().account("fuzz@example.test").orElseThrow();
        long inbox = server.tegami.store().mail().mailbox(a.id(), "INBOX").orElseThrow().id();
        MailboxFiller.fill(server.tegami.store(), inbox, 0, 12, 800, 12);
        var config = server.tegami.config();
        imap = new ImapServer("mx.example.test", config.imap(), config.auth(), server.tegami.directory(),
                server.tegami.store().mail(), server.tegami.store().blobs(), null,
                new Mechanisms(false, "mx.example.test", new SecureRandom(), new byte[32]), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        imap.close();
        server.destroy();
    }

    private static final String LOGIN = "L1 LOGIN fuzz@example.test fuzz-password-1\r\n";

    @FuzzTest(maxDuration = "60s")
    void notAuthenticated(byte[] data) throws IOException {
        session(new byte[0], data);
    }

    @FuzzTest(maxDuration = "60s")
    void authenticated(byte[] data) throws IOException {
        session(LOGIN.getBytes(StandardCharsets.US_ASCII), data);
    }

    @FuzzTest(maxDuration = "60s")
    void selected(byte[] data) throws IOException {
        session((LOGIN + "S1 SELECT INBOX\r\n").getBytes(StandardCharsets.US_ASCII), data);
    }

    private static void session(byte[] prefix, byte[] data) throws IOException {
        byte[] input = new byte[prefix.length + data.length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        System.arraycopy(data, 0, input, prefix.length, data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imap.run(new MemoryTransport(input, out));
        check(out.toByteArray());
    }

    /** Every response is untagged ("* "), a continuation ("+") or tagged; none reports a server bug. */
    static void check(byte[] output) {
        String s = new String(output, StandardCharsets.ISO_8859_1);
        if (java.util.regex.Pattern.compile("(?m)^\\S+ NO \\[SERVERBUG\\]").matcher(s).find()) {
            throw new AssertionError("server bug reported:\n" + tail(s));
        }
        int pos = 0;
        while (pos < s.length()) {
            int lf = s.indexOf("\r\n", pos);
            if (lf < 0) {
                throw new AssertionError("response without CRLF at the end:\n" + tail(s.substring(pos)));
            }
            String line = s.substring(pos, lf);
            if (!(line.startsWith("* ") || line.startsWith("+") || line.matches("[^ *+]+ (OK|NO|BAD)( .*)?"))) {
                throw new AssertionError("malformed response line: " + line);
            }
            pos = lf + 2;
            int literal = ImapTestLiteral.size(line);
            if (literal >= 0) {
                // the literal's data, then the rest of the response line
                int after = pos + literal;
                int end = s.indexOf("\r\n", after);
                while (end >= 0 && ImapTestLiteral.size(s.substring(after, end)) >= 0) {
                    after = end + 2 + ImapTestLiteral.size(s.substring(after, end));
                    end = s.indexOf("\r\n", after);
                }
                if (end < 0) {
                    throw new AssertionError("unterminated literal response");
                }
                pos = end + 2;
            }
        }
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    /** A literal announced at the end of a response line: its size, or -1. */
    static final class ImapTestLiteral {
        static int size(String line) {
            if (!line.endsWith("}")) {
                return -1;
            }
            int open = line.lastIndexOf('{');
            if (open < 0) {
                return -1;
            }
            try {
                return Integer.parseInt(line.substring(open + 1, line.length() - 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** Input from a byte array, output into a buffer, no TLS, timeouts ignored. */
    static final class MemoryTransport implements Transport {
        private final LineReader in;
        private final OutputStream out;

        MemoryTransport(byte[] input, OutputStream out) {
            this.in = new LineReader(new ByteArrayInputStream(input), 256);
            this.out = out;
        }

        public String id() {
            return "fuzz";
        }

        public InetAddress remoteAddress() {
            return InetAddress.getLoopbackAddress();
        }

        public LineReader in() {
            return in;
        }

        public OutputStream out() {
            return out;
        }

        public boolean isTls() {
            return false;
        }

        public void startTls(TlsContext ctx) throws IOException {
            throw new IOException("no TLS in memory");
        }

        public void setTimeout(Duration d) {
            // no clock in memory
        }

        public void abort() {
            // nothing to close
        }
    }
}
