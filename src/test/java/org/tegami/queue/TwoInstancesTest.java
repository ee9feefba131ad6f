package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.dns.InMemoryResolver;
import org.tegami.store.Mailbox;
import org.tegami.testing.Dnsmasq;
import org.tegami.testing.Instances;

/**
 * Two Tegami instances with their own names and loopback addresses (--bind 127.0.0.2 / .3)
 * exchange mail through MX lookups — once with a real DNS server (dnsmasq on loopback), once with
 * the in-memory resolver — and A relays everything through B's submission port as a smarthost.
 */
class TwoInstancesTest {

    private static final String PW = "two-instances-pw";
    private static final String PORTS = "[ports]\nimap = 0\nimaps = 0\npop3 = 0\npop3s = 0\n";

    private static String toml(int offset, String extra) {
        return PORTS + "[queue]\nmx_port = " + (25 + offset) + "\npoll_interval = \"100ms\"\nretry_initial = \"500ms\"\n" + extra;
    }

    @Test
    void exchangeBothWaysThroughMxRecordsOnARealDnsServer() throws Exception {
        try (var dns = new Dnsmasq(List.of("--mx-host=alpha.test,mx.alpha.test,10",
                "--mx-host=beta.test,mx.beta.test,10", "--address=/mx.alpha.test/127.0.0.2",
                "--address=/mx.beta.test/127.0.0.3"))) {
            int offset = Instances.freeOffset(List.of("127.0.0.2", "127.0.0.3"), 25, 587, 465);
            String extra = "[dns]\nservers = [\"127.0.0.1:" + dns.port + "\"]\n";
            try (var a = Instances.start(toml(offset, "") + extra, "mx.alpha.test", "127.0.0.2", offset, null);
                    var b = Instances.start(toml(offset, "") + extra, "mx.beta.test", "127.0.0.3", offset, null)) {
                exchange(a, b);
            }
        }
    }

    @Test
    void exchangeBothWaysWithTheInMemoryResolver() throws Exception {
        InMemoryResolver r = new InMemoryResolver()
                .addMx("alpha.test", 10, "mx.alpha.test").addA("mx.alpha.test", "127.0.0.2")
                .addMx("beta.test", 10, "mx.beta.test").addA("mx.beta.test", "127.0.0.3");
        int offset = Instances.freeOffset(List.of("127.0.0.2", "127.0.0.3"), 25, 587, 465);
        try (var a = Instances.start(toml(offset, ""), "mx.alpha.test", "127.0.0.2", offset, r);
                var b = Instances.start(toml(offset, ""), "mx.beta.test", "127.0.0.3", offset, r)) {
            exchange(a, b);
        }
    }

    private static void exchange(Instances.Node a, Instances.Node b) throws Exception {
        a.addUser("alice@alpha.test", PW, false);
        b.addUser("bob@beta.test", PW, false);
        var sent = Mail.submit("127.0.0.2", a.tegami().port("submission"), "alice@alpha.test", PW, "alice@alpha.test",
                List.of("bob@beta.test"), "From: Alice <alice@alpha.test>\r\nTo: bob@beta.test\r\nSubject: ping\r\n"
                        + "Message-ID: <ping-1@alpha.test>\r\n\r\nping\r\n");
        assertThat(sent.perRecipient().get(0).code()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(20)).until(() -> Mail.mailbox(b.tegami().store(), "bob@beta.test", Mailbox.INBOX).size() == 1);
        String atBob = Mail.mailbox(b.tegami().store(), "bob@beta.test", Mailbox.INBOX).get(0);
        // B received it from A's bind address (outbound connections originate from --bind).
        assertThat(atBob).contains("from mx.alpha.test ([127.0.0.2])").contains("by mx.beta.test")
                .contains("by mx.alpha.test").contains("Subject: ping");
        var reply = Mail.submit("127.0.0.3", b.tegami().port("submission"),
                "bob@beta.test", PW, "bob@beta.test", List.of("alice@alpha.test"),
                "From: Bob <bob@beta.test>\r\nTo: alice@alpha.test\r\nSubject: Re: ping\r\nIn-Reply-To: <ping-1@alpha.test>\r\n\r\npong\r\n");
        assertThat(reply.perRecipient().get(0).code()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(20)).until(() -> Mail.mailbox(a.tegami().store(), "alice@alpha.test", Mailbox.INBOX).size() == 1);
        String atAlice = Mail.mailbox(a.tegami().store(), "alice@alpha.test", Mailbox.INBOX).get(0);
        assertThat(atAlice).contains("from mx.beta.test ([127.0.0.3])").contains("In-Reply-To: <ping-1@alpha.test>")
                .contains("pong");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.tegami().store().queue().list().isEmpty()
                && b.tegami().store().queue().list().isEmpty());
    }

    @Test
    void smarthostRelayThroughTheOtherInstancesSubmissionPortWithAuth() throws Exception {
        // A's DNS sends beta.test to a dead address: mail can only arrive through the relay.
        InMemoryResolver ra = new InMemoryResolver().addMx("beta.test", 10, "mx.beta.test").addA("mx.beta.test", "127.0.0.9");
        InMemoryResolver rb = new InMemoryResolver().addMx("alpha.test", 10, "mx.alpha.test").addA("mx.alpha.test", "127.0.0.2");
        int offset = Instances.freeOffset(List.of("127.0.0.2", "127.0.0.3"), 25, 587, 465);
        Path pwFile = Files.createTempFile("relay", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pwFile, PW + "\n");
        String relay = "[relay]\nhost = \"127.0.0.3\"\nport = " + (587 + offset) + "\ntls = \"starttls\"\ntls_verify = false\n"
                + "username = \"relay@beta.test\"\npassword_file = \"" + pwFile + "\"\n";
        try (var b = Instances.start(toml(offset, ""), "mx.beta.test", "127.0.0.3", offset, rb);
                var a = Instances.start(toml(offset, "") + relay, "mx.alpha.test", "127.0.0.2", offset, ra)) {
            a.addUser("alice@alpha.test", PW, false);
            b.addUser("bob@beta.test", PW, false);
            b.addUser("relay@beta.test", PW, true);
            Mail.submit("127.0.0.2", a.tegami().port("submission"), "alice@alpha.test", PW, "alice@alpha.test",
                    List.of("bob@beta.test"), Mail.message("alice@alpha.test", "bob@beta.test", "via smarthost", "relayed"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Mail.mailbox(b.tegami().store(), "bob@beta.test", Mailbox.INBOX).size() == 1);
            String got = Mail.mailbox(b.tegami().store(), "bob@beta.test", Mailbox.INBOX).get(0);
            // The hop into B is an authenticated submission over TLS from A's address.
            assertThat(got).contains("from mx.alpha.test ([127.0.0.2])").contains("with ESMTPSA").contains("via smarthost");
        } finally {
            Files.deleteIfExists(pwFile);
        }
    }

    @Test
    void smarthostWithAnUnverifiableCertificateKeepsTheMailQueued() throws Exception {
        InMemoryResolver r = new InMemoryResolver();
        int offset = Instances.freeOffset(List.of("127.0.0.2", "127.0.0.3"), 25, 587, 465);
        String relay = "[relay]\nhost = \"127.0.0.3\"\nport = " + (465 + offset) + "\ntls = \"implicit\"\n"
                + "username = \"relay@beta.test\"\npassword = \"" + PW + "\"\n"; // tls_verify defaults to true
        try (var b = Instances.start(toml(offset, ""), "mx.beta.test", "127.0.0.3", offset, r);
                var a = Instances.start(toml(offset, "") + relay, "mx.alpha.test", "127.0.0.2", offset, r)) {
            a.addUser("alice@alpha.test", PW, false);
            b.addUser("relay@beta.test", PW, true);
            b.addUser("bob@beta.test", PW, false);
            Mail.submit("127.0.0.2", a.tegami().port("submission"), "alice@alpha.test", PW, "alice@alpha.test",
                    List.of("bob@beta.test"), Mail.message("alice@alpha.test", "bob@beta.test", "untrusted", "x"));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.tegami().store().queue().list().stream()
                    .anyMatch(m -> m.recipients().get(0).attempts() > 0));
            var rcpt = a.tegami().store().queue().list().get(0).recipients().get(0);
            assertThat(rcpt.status()).isEqualTo(org.tegami.store.QueueStore.Status.QUEUED);
            assertThat(rcpt.lastReply()).contains("TLS handshake");
            assertThat(Mail.mailbox(b.tegami().store(), "bob@beta.test", Mailbox.INBOX)).isEmpty();
        }
    }
}
