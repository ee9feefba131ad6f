package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dkim.DkimResult;
import org.tegami.dkim.DkimVerifier;
import org.tegami.dns.DnsjavaResolver;
import org.tegami.smtpclient.ClientOptions;
import org.tegami.smtpclient.OutboundMessage;
import org.tegami.smtpclient.SmtpClient;
import org.tegami.testing.Cli;
import org.tegami.testing.Dnsmasq;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Instances;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.MutableClock;
import org.tegami.testing.Processes;

/**
 * Two Tegami instances, A (alpha.test on 127.0.0.2) and B (beta.test on 127.0.0.3), with the
 * records `tegami dkim keygen` + `tegami dns records` printed served by a dnsmasq on loopback:
 * mail a local user submits on A arrives at B DKIM-signed (RSA and Ed25519) and verifies in
 * dkimpy against the printed keys, B's Authentication-Results says spf/dkim/dmarc pass; A's
 * bounce (DSN) is signed too; A's daily DMARC aggregate report about beta.test reaches B's report
 * address, signed, and shows in `tegami dmarc summary` on B.
 */
class CrossInstanceTest {

    private static final String PW = "cross-instance-pw";

    @Test
    void signedAtAVerifiedAtBAndByDkimpyThenReportedBack(@TempDir Path tmp) throws Exception {
        String python = ExternalTools.requirePythonModule("dkim");
        Path dirA = Files.createDirectories(tmp.resolve("a"));
        Path dirB = Files.createDirectories(tmp.resolve("b"));
        List<String> zoneA = publish(dirA, "alpha.test", "mx.alpha.test");
        List<String> zoneB = publish(dirB, "beta.test", "mx.beta.test");
        List<String> dnsOptions = new ArrayList<>(Dnsmasq.fromZoneLines(zoneA));
        dnsOptions.addAll(Dnsmasq.fromZoneLines(zoneB));
        dnsOptions.addAll(List.of("--host-record=mx.alpha.test,127.0.0.2", "--host-record=mx.beta.test,127.0.0.3"));
        dnsOptions.add(Dnsmasq.localZone("test"));
        // both servers live "yesterday" until the reporter's run, which then covers that day
        MutableClock clock = new MutableClock(Duration.ofDays(-1));
        try (Dnsmasq dns = new Dnsmasq(dnsOptions)) {
            int offset = Instances.freeOffset(List.of("127.0.0.2", "127.0.0.3"), 25, 587, 465);
            String toml = "[ports]\nimap = 0\nimaps = 0\npop3 = 0\npop3s = 0\n[queue]\nmx_port = " + (25 + offset)
                    + "\npoll_interval = \"100ms\"\nretry_initial = \"500ms\"\n[dns]\nservers = [\"" + dns.server() + "\"]\n";
            try (var a = Instances.start(toml, "mx.alpha.test", "127.0.0.2", offset, null, dirA, clock);
                    var b = Instances.start(toml, "mx.beta.test", "127.0.0.3", offset, null, dirB, clock)) {
                a.addUser("alice@alpha.test", PW, false);
                b.addUser("bob@beta.test", PW, false);
                b.admin().addAlias("dmarc-reports@beta.test", "bob@beta.test"); // see the report mail too

                submit("127.0.0.2", a.tegami().port("submission"), "alice@alpha.test", "bob@beta.test",
                        "From: Alice <alice@alpha.test>\r\nTo: Bob <bob@beta.test>\r\nSubject: signed at A\r\n\r\nHello Bob.\r\n");
                String atB = awaitOne(b.tegami().store(), "bob@beta.test", 1);
                assertThat(Inbound.field(atB, "Authentication-Results")).matches("Authentication-Results: mx\\.beta\\.test;"
                        + " spf=pass smtp\\.mailfrom=alice@alpha\\.test;"
                        + " dkim=pass header\\.d=alpha\\.test header\\.s=\\d{6}r header\\.a=rsa-sha256 header\\.b=\\S+;"
                        + " dkim=pass header\\.d=alpha\\.test header\\.s=\\d{6}e header\\.a=ed25519-sha256 header\\.b=\\S+;"
                        + " dmarc=pass \\(p=quarantine dis=none\\) header\\.from=alpha\\.test; spf=pass smtp\\.helo=mx\\.alpha\\.test");
                assertThat(dkimpy(python, tmp, atB, zoneA)).containsExactly("verify True", "signature 0 True", "signature 1 True");
                // and dkimpy is not just saying yes
                assertThat(dkimpy(python, tmp, atB.replace("Hello Bob.", "Hello Eve."), zoneA))
                        .containsExactly("verify False", "signature 0 False", "signature 1 False");

                // B -> A: A evaluates beta.test's DMARC (rua= to B) and keeps a row for the report
                submit("127.0.0.3", b.tegami().port("submission"), "bob@beta.test", "alice@alpha.test",
                        "From: <bob@beta.test>\r\nTo: <alice@alpha.test>\r\nSubject: back\r\n\r\nHi.\r\n");
                assertThat(Inbound.field(awaitOne(a.tegami().store(), "alice@alpha.test", 1), "Authentication-Results"))
                        .contains("dmarc=pass (p=quarantine dis=none) header.from=beta.test");

                clock.setOffset(Duration.ZERO); // a day later: yesterday's report is due
                var outcomes = a.tegami().dmarcReporter().runDue();
                assertThat(outcomes).hasSize(1);
                assertThat(outcomes.get(0).policyDomain()).isEqualTo("beta.test");
                assertThat(outcomes.get(0).result()).isEqualTo("queued");
                String report = awaitOne(b.tegami().store(), "bob@beta.test", 2);
                assertThat(Inbound.field(report, "Subject")).contains("Report Domain: beta.test Submitter: alpha.test");
                assertThat(Inbound.field(report, "Authentication-Results")).contains("dkim=pass header.d=alpha.test")
                        .contains("dmarc=pass");
                Cli.Run summary = Cli.run("dmarc", "summary", "beta.test", "--days", "0", "--data", dirB.toString());
                assertThat(summary.out()).contains("1 report(s) from 1 reporter(s), 1 message(s), DMARC pass 1, fail 0")
                        .contains("reporter mx.alpha.test <dmarc-reports@alpha.test>")
                        .containsPattern("source 127\\.0\\.0\\.3 +messages +1 +dmarc pass +1 fail +0")
                        .doesNotContain("unauthenticated");
                assertThat(a.tegami().dmarcReporter().runDue()).isEmpty(); // sent once

                // A bounces mail for an unknown user at B: the DSN from MAILER-DAEMON@mx.alpha.test is signed
                submit("127.0.0.2", a.tegami().port("submission"), "alice@alpha.test", "nobody@beta.test",
                        "From: <alice@alpha.test>\r\nTo: <nobody@beta.test>\r\nSubject: lost\r\n\r\nx\r\n");
                String dsn = awaitOne(a.tegami().store(), "alice@alpha.test", 2);
                assertThat(dsn).contains("From: Mail Delivery System <MAILER-DAEMON@mx.alpha.test>");
                List<DkimResult> verified = new DkimVerifier(new DnsjavaResolver(List.of(dns.server()), Duration.ofSeconds(2)),
                        Clock.systemUTC()).verify(dsn.getBytes(StandardCharsets.UTF_8));
                assertThat(verified).hasSize(2).allMatch(DkimResult::isPass).allMatch(r -> r.domain().equals("alpha.test"));
            }
        }
    }

    /** `tegami domain add`, `tegami dkim keygen` (RSA + Ed25519), then the `tegami dns records` lines. */
    private static List<String> publish(Path dir, String domain, String host) {
        assertThat(Cli.run("domain", "add", domain, "--data", dir.toString()).code()).isZero();
        Cli.Run keygen = Cli.run("dkim", "keygen", domain, "--data", dir.toString());
        assertThat(keygen.code()).as(keygen.err()).isZero();
        Cli.Run records = Cli.run("dns", "records", domain, "--hostname", host, "--data", dir.toString());
        assertThat(records.code()).isZero();
        return records.lines();
    }

    private static String awaitOne(org.tegami.store.Store store, String address, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailboxes.inbox(store, address).size() >= count);
        return Mailboxes.inbox(store, address).get(count - 1);
    }

    private static void submit(String host, int port, String user, String to, String content) throws Exception {
        ClientOptions o = new ClientOptions("client.test", null, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(30), ClientOptions.TlsMode.REQUIRED, false, "localhost", user, PW);
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress(host, port), o)) {
            var r = c.send(new OutboundMessage(user, List.of(new OutboundMessage.Rcpt(to, null, null)), null, null, false,
                    false, content.getBytes(StandardCharsets.UTF_8)));
            assertThat(r.perRecipient().get(0).code()).isEqualTo(250);
        }
    }

    private static List<String> dkimpy(String python, Path tmp, String message, List<String> zone) throws Exception {
        Path script = tmp.resolve("dkimpy_verify.py");
        try (InputStream in = CrossInstanceTest.class.getResourceAsStream("dkimpy_verify.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path msg = Files.writeString(tmp.resolve("message.eml"), message);
        Path records = Files.write(tmp.resolve("records.zone"), zone);
        var run = Processes.run(List.of(python, script.toString(), msg.toString(), records.toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output().lines().toList();
    }
}
