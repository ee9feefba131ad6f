package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.tegami.testing.TestServer;

/** RFC 5034 AUTH with the shared mechanisms, the shared throttle, LOGIN-DELAY and EXPIRE. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3AuthTest {

    private static final String USER = Pop3Fixture.USER;
    private static final String PASSWORD = Pop3Fixture.PASSWORD;
    private TestServer srv;

    @BeforeAll
    void start() {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
    }

    @AfterAll
    void stop() {
        srv.destroy();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private Pop3TestClient connect() throws Exception {
        return Pop3TestClient.connect(srv.port("pop3"));
    }

    @Test
    void plainWithInitialResponse() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD))).startsWith("+OK Logged in");
            assertThat(c.command("STAT")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void plainWithoutInitialResponseGetsEmptyChallenge() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.command("AUTH plain")).isEqualTo("+ ");
            assertThat(c.command(b64(USER + "\0" + USER + "\0" + PASSWORD))).startsWith("+OK Logged in");
            c.command("QUIT");
        }
    }

    @Test
    void loginMechanism() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.command("AUTH LOGIN")).isEqualTo("+ " + b64("Username:"));
            assertThat(c.command(b64(USER))).isEqualTo("+ " + b64("Password:"));
            assertThat(c.command(b64(PASSWORD))).startsWith("+OK Logged in");
            c.command("QUIT");
        }
    }

    @Test
    void scramSha256() throws Exception {
        try (Pop3TestClient c = connect()) {
            String cnonce = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(18));
            String clientFirstBare = "n=" + USER + ",r=" + cnonce;
            String challenge = c.command("AUTH SCRAM-SHA-256 " + b64("n,," + clientFirstBare));
            assertThat(challenge).startsWith("+ ");
            String serverFirst = new String(Base64.getDecoder().decode(challenge.substring(2)), StandardCharsets.UTF_8);
            String[] attrs = serverFirst.split(",");
            String nonce = attrs[0].substring(2);
            byte[] salt = Base64.getDecoder().decode(attrs[1].substring(2));
            int iterations = Integer.parseInt(attrs[2].substring(2));
            assertThat(nonce).startsWith(cnonce);
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=" + b64("n,,") + ",r=" + nonce;
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            String fin = c.command(b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)));
            String expectedServer = "v=" + Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"), authMessage));
            assertThat(fin).isEqualTo("+ " + b64(expectedServer)); // the server proves it knows the key too
            assertThat(c.command("")).startsWith("+OK Logged in");
            c.command("QUIT");
        }
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void starCancelsTheExchange() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("*")).isEqualTo("-ERR Authentication cancelled");
            assertThat(c.command("CAPA")).startsWith("+OK"); // still in AUTHORIZATION, still connected
        }
    }

    @Test
    void malformedAndUnknownMechanisms() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.command("AUTH KERBEROS_V4")).isEqualTo("-ERR Unsupported authentication mechanism KERBEROS_V4");
            assertThat(c.command("AUTH PLAIN !!!notbase64")).isEqualTo("-ERR Invalid base64 in the initial response");
            assertThat(c.command("AUTH PLAIN =")).isEqualTo("-ERR Malformed PLAIN response");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("@@@")).isEqualTo("-ERR Invalid base64 in the authentication response");
        }
    }

    @Test
    void bareAuthListsMechanisms() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.multiline("AUTH")).containsExactly("SCRAM-SHA-256", "PLAIN", "LOGIN");
        }
    }

    @Test
    void apopIsNotOffered() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.greeting).doesNotContain("<"); // no APOP timestamp (RFC 1939 §7)
            assertThat(c.command("APOP " + USER + " c4c9334bac560ecc979e58001b3e22fb"))
                    .isEqualTo("-ERR APOP is not available; use USER/PASS or AUTH");
        }
    }

    @Test
    void failedLoginIsDelayedAndLoggedForFail2ban() throws Exception {
        Logger authLog = (Logger) LoggerFactory.getLogger("tegami.auth");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        authLog.addAppender(log);
        try (Pop3TestClient c = connect()) {
            c.command("USER " + USER);
            long t0 = System.nanoTime();
            assertThat(c.command("PASS wrong")).isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(200);
            assertThat(c.command("AUTH PLAIN " + b64("\0nobody@example.test\0x"))).isEqualTo("-ERR [AUTH] Authentication failed");
            // and the right password right after still works: delays, not locks, for a few failures
            c.command("USER " + USER);
            assertThat(c.command("PASS " + PASSWORD)).startsWith("+OK");
            c.command("QUIT");
        } finally {
            authLog.detachAppender(log);
        }
        Pattern fail2ban = Pattern.compile("auth failure: proto=pop3 ip=127\\.0\\.0\\.1 user=(\\S+) reason=bad_credentials");
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(l -> fail2ban.matcher(l).matches() && l.contains("user=" + USER));
        assertThat(lines).anyMatch(l -> fail2ban.matcher(l).matches() && l.contains("user=nobody@example.test"));
    }

    @Test
    void lockoutIsHonouredEvenWithTheRightPassword() throws Exception {
        TestServer own = Pop3Fixture.server("[auth]\nallow_plaintext = true\nlockout_failures = 5\n");
        try (Pop3TestClient c = Pop3TestClient.connect(own.port("pop3"))) {
            for (int i = 0; i < 5; i++) {
                c.command("USER " + USER);
                assertThat(c.command("PASS wrong" + i)).isEqualTo("-ERR [AUTH] Authentication failed");
            }
            c.command("USER " + USER);
            assertThat(c.command("PASS " + PASSWORD)).isEqualTo("-ERR [AUTH] Too many failed logins, try again later");
            assertThat(c.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)))
                    .isEqualTo("-ERR [AUTH] Too many failed logins, try again later");
        } finally {
            own.destroy();
        }
    }

    @Test
    void loginDelayIsAdvertisedAndEnforced() throws Exception {
        TestServer own = Pop3Fixture.server(Pop3Fixture.PLAINTEXT + "[pop3]\nlogin_delay = \"60s\"\nexpire = \"never\"\n");
        try {
            try (Pop3TestClient c = Pop3TestClient.connect(own.port("pop3"))) {
                assertThat(c.multiline("CAPA")).contains("LOGIN-DELAY 60", "EXPIRE NEVER");
                c.command("USER " + USER);
                assertThat(c.command("PASS " + PASSWORD)).startsWith("+OK");
                c.command("QUIT");
            }
            try (Pop3TestClient c = Pop3TestClient.connect(own.port("pop3"))) {
                c.command("USER " + USER);
                assertThat(c.command("PASS " + PASSWORD)).startsWith("-ERR [LOGIN-DELAY] Minimum time between logins is 60 seconds");
            }
        } finally {
            own.destroy();
        }
    }

    @Test
    void noLoginDelayOrExpireUnlessConfigured() throws Exception {
        try (Pop3TestClient c = connect()) {
            assertThat(c.multiline("CAPA")).noneMatch(l -> l.startsWith("LOGIN-DELAY") || l.startsWith("EXPIRE"));
        }
    }
}
