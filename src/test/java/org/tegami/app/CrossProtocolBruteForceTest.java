package org.tegami.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tegami.testing.TestServer;

/**
 * Password guessing spread over SMTP AUTH, IMAP and POP3 (issue 9): the three share one throttle,
 * so failures on any of them count together and the lockout holds on all of them, even for the
 * right password; every failure is logged in one fail2ban-parsable form; the owner, logging in
 * from an address it used before, is never locked out; once the attacker stops, the lock expires
 * and everyone logs in again. Attacker, owner and newcomer are different loopback addresses.
 */
class CrossProtocolBruteForceTest {

    static final String USER = "alice@example.test";
    static final String PASSWORD = "correct horse battery";
    static final Pattern FAIL2BAN = Pattern.compile(
            "auth failure: proto=(smtp|imap|pop3) ip=(\\d+\\.\\d+\\.\\d+\\.\\d+) user=(\\S+) reason=(\\w+)");

    TestServer server;
    Logger authLog;
    ListAppender<ILoggingEvent> log;

    @BeforeEach
    void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\nlockout_failures = 6\nlockout_duration = \"5s\"\n");
        server.addUser(USER, PASSWORD);
        authLog = (Logger) LoggerFactory.getLogger("tegami.auth");
        log = new ListAppender<>();
        log.start();
        authLog.addAppender(log);
    }

    @AfterEach
    void stop() {
        authLog.detachAppender(log);
        server.destroy();
    }

    enum Proto { SMTP, IMAP, POP3 }

    /** One login attempt from {@code from} with the given password; true when it succeeded. */
    boolean login(Proto p, String from, String password) throws IOException {
        int port = server.port(switch (p) {
            case SMTP -> "submission";
            case IMAP -> "imap";
            case POP3 -> "pop3";
        });
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            s.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            switch (p) {
                case SMTP -> {
                    smtpReply(in);
                    send(out, "EHLO client.test");
                    smtpReply(in);
                    String plain = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + password)
                            .getBytes(StandardCharsets.UTF_8));
                    send(out, "AUTH PLAIN " + plain);
                    return smtpReply(in).startsWith("235");
                }
                case IMAP -> {
                    in.readLine();
                    send(out, "a LOGIN " + USER + " \"" + password + "\"");
                    for (String l; (l = in.readLine()) != null;) {
                        if (l.startsWith("a ")) {
                            return l.startsWith("a OK");
                        }
                    }
                    return false;
                }
                case POP3 -> {
                    in.readLine();
                    send(out, "USER " + USER);
                    in.readLine();
                    send(out, "PASS " + password);
                    return in.readLine().startsWith("+OK");
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String smtpReply(BufferedReader in) throws IOException {
        for (String l; (l = in.readLine()) != null;) {
            if (l.length() < 4 || l.charAt(3) != '-') {
                return l;
            }
        }
        throw new IOException("closed");
    }

    /** Attempts on all three protocols at once; returns which succeeded. */
    List<Boolean> everywhere(String from, String password) throws Exception {
        List<Thread> threads = new ArrayList<>();
        Boolean[] ok = new Boolean[3];
        for (Proto p : Proto.values()) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    ok[p.ordinal()] = login(p, from, password);
                } catch (IOException e) {
                    ok[p.ordinal()] = false;
                }
            }));
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        return List.of(ok);
    }

    @Test
    void guessesOnAnyProtocolCountTogetherAndTheOwnerStillGetsIn() throws Exception {
        String attacker = "127.0.0.2";
        String owner = "127.0.0.1";
        String newcomer = "127.0.0.3";
        assertThat(login(Proto.IMAP, owner, PASSWORD)).as("owner's usual login").isTrue();

        // Six wrong guesses, two per protocol, at once: the lockout threshold is six.
        List<Thread> attack = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (Proto p : Proto.values()) {
                String guess = "guess-" + p + "-" + i;
                attack.add(Thread.ofVirtual().start(() -> {
                    try {
                        assertThat(login(p, attacker, guess)).isFalse();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
        }
        for (Thread t : attack) {
            t.join(60_000);
        }

        // Locked on every protocol, even with the right password, for the attacker's address and
        // for an address the account never used; more guesses change nothing.
        assertThat(everywhere(attacker, PASSWORD)).containsOnly(false);
        assertThat(everywhere(newcomer, PASSWORD)).containsOnly(false);
        // The owner, from the address it logged in from before, gets in on every protocol.
        assertThat(everywhere(owner, PASSWORD)).containsOnly(true);

        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        for (String proto : List.of("smtp", "imap", "pop3")) {
            assertThat(lines).as("fail2ban line for " + proto).anyMatch(l -> {
                var m = FAIL2BAN.matcher(l);
                return m.find() && m.group(1).equals(proto) && m.group(2).equals(attacker) && m.group(3).equals(USER);
            });
        }
        assertThat(lines).noneMatch(l -> l.contains(PASSWORD) || l.contains("guess-"));

        // The attacker stops; after lockout_duration the lock is gone for everyone.
        Thread.sleep(5_500);
        assertThat(everywhere(newcomer, PASSWORD)).containsOnly(true);
        assertThat(everywhere(attacker, PASSWORD)).containsOnly(true);
    }
}
