package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.smtpclient.SmtpClient;
import org.tegami.store.QueueStore;
import org.tegami.testing.TestServer;

/**
 * The queue against a scripted remote MX on loopback: delivery, immediate bounce on 5xx, retry on
 * 4xx (delivered once), MX down (growing delays, bounce at expiry), null MX, NOTIFY=NEVER.
 */
class QueueDeliveryTest {

    private TestServer server;
    private ScriptedPeer peer;

    private static final String PASSWORD = "correct horse battery";

    private TestServer start(ScriptedPeer p, String extraQueue) {
        String toml = "[auth]\nlockout_failures = 5\n[queue]\nmx_port = " + (p == null ? 9 : p.port())
                + "\npoll_interval = \"100ms\"\nretry_initial = \"300ms\"\nretry_max = \"5s\"\n" + extraQueue;
        TestServer s = TestServer.start(toml);
        s.addUser("alice@example.test", PASSWORD);
        s.dns.addMx("remote.test", 10, "mx.remote.test").addA("mx.remote.test", "127.0.0.1");
        return s;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private SmtpClient.Result send(String to, String subject) throws Exception {
        return Mail.submit(server, "alice@example.test", PASSWORD, "alice@example.test", List.of(to),
                Mail.message("alice@example.test", to, subject, "Hello from the queue test.\r\n.leading dot line"));
    }

    @Test
    void deliversToTheMxWithReceivedAndDotStuffingIntact() throws Exception {
        peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of("PIPELINING", "SIZE 1000000"));
        server = start(peer, "");
        SmtpClient.Result r = send("bob@remote.test", "hello");
        assertThat(r.perRecipient().get(0).code()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.received.size() == 1);
        ScriptedPeer.Received got = peer.received.get(0);
        assertThat(got.mailFrom()).startsWith("MAIL FROM:<alice@example.test>");
        assertThat(got.rcptCommands()).containsExactly("RCPT TO:<bob@remote.test>");
        ParsedMessage pm = MimeParser.parse(got.content().getBytes());
        assertThat(pm.headers().fields().get(0).name()).isEqualTo("Received");
        assertThat(pm.headers().value("Received")).contains("by mx.example.test").contains("ESMTPSA");
        assertThat(pm.headers().value("Message-ID")).endsWith("@mx.example.test>");
        assertThat(pm.headers().value("Date")).isNotBlank();
        assertThat(got.content()).contains("\r\n.leading dot line\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.tegami.store().queue().list().isEmpty());
        assertThat(Mail.inbox(server, "alice@example.test")).isEmpty();
    }

    @Test
    void permanentRefusalBouncesAtOnceToTheSendersInbox() throws Exception {
        peer = new ScriptedPeer(n -> new ScriptedPeer.Script("550 5.1.1 <bob@remote.test>: no such user", null), List.of());
        server = start(peer, "");
        send("bob@remote.test", "to nobody");
        await().atMost(Duration.ofSeconds(10)).until(() -> Mail.inbox(server, "alice@example.test").size() == 1);
        String bounce = Mail.inbox(server, "alice@example.test").get(0);
        ParsedMessage pm = MimeParser.parse(bounce.getBytes());
        assertThat(pm.headers().value("Return-Path")).isEqualTo("<>");
        assertThat(pm.root().contentType().type()).isEqualTo("multipart");
        assertThat(pm.root().contentType().subtype()).isEqualTo("report");
        assertThat(bounce).contains("report-type=delivery-status")
                .contains("Final-Recipient: rfc822; bob@remote.test")
                .contains("Action: failed").contains("Status: 5.1.1")
                .contains("Diagnostic-Code: smtp; 550 5.1.1")
                .contains("Subject: to nobody");
        assertThat(peer.connections).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.tegami.store().queue().list().isEmpty());
    }

    @Test
    void temporaryFailureIsRetriedAndDeliveredOnce() throws Exception {
        peer = new ScriptedPeer(n -> n == 1 ? new ScriptedPeer.Script("451 4.7.1 greylisted, come back later", null)
                : new ScriptedPeer.Script(null, null), List.of("PIPELINING"));
        server = start(peer, "");
        send("carol@remote.test", "greylisted");
        await().atMost(Duration.ofSeconds(15)).until(() -> peer.received.size() == 1);
        Thread.sleep(1500); // any duplicate attempt would show up within a few retry intervals
        assertThat(peer.received).hasSize(1);
        assertThat(peer.commands.stream().filter(c -> c.startsWith("RCPT")).count()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.tegami.store().queue().list().isEmpty());
        assertThat(Mail.inbox(server, "alice@example.test")).isEmpty();
    }

    @Test
    void mxDownIsRetriedWithGrowingDelaysThenBouncedAtExpiry() throws Exception {
        server = start(null, "lifetime = \"5s\"\n"); // mx_port 9: nothing listens, connection refused
        send("dave@remote.test", "into the void");
        List<Long> attempts = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && Mail.inbox(server, "alice@example.test").isEmpty()) {
            for (QueueStore.QueuedMessage m : server.tegami.store().queue().list()) {
                for (QueueStore.QueuedRecipient r : m.recipients()) {
                    if (r.lastAttempt() > 0 && !attempts.contains(r.lastAttempt())) {
                        attempts.add(r.lastAttempt());
                    }
                }
            }
            Thread.sleep(20);
        }
        List<String> inbox = Mail.inbox(server, "alice@example.test");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0)).contains("Action: failed").contains("Status: 5.4.7")
                .contains("delivery time expired").contains("Subject: into the void");
        assertThat(attempts.size()).isGreaterThanOrEqualTo(3);
        long first = attempts.get(1) - attempts.get(0);
        long second = attempts.get(2) - attempts.get(1);
        assertThat(second).isGreaterThan(first + 100); // 300ms then 600ms (plus scheduling slack)
        // The report's own entry is recorded just after its local delivery.
        await().atMost(Duration.ofSeconds(5)).until(() -> server.tegami.store().queue().list().isEmpty());
    }

    @Test
    void nullMxBouncesWithoutAnyConnection() throws Exception {
        peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of());
        server = start(peer, "");
        server.dns.addMx("nomail.test", 0, ".");
        send("eve@nomail.test", "null mx");
        await().atMost(Duration.ofSeconds(10)).until(() -> Mail.inbox(server, "alice@example.test").size() == 1);
        assertThat(Mail.inbox(server, "alice@example.test").get(0)).contains("Status: 5.1.10").contains("null MX");
        assertThat(peer.connections).isEmpty();
    }

    @Test
    void delayWarningIsSentOnceThenTheMessageIsDelivered() throws Exception {
        AtomicInteger n = new AtomicInteger();
        peer = new ScriptedPeer(t -> n.incrementAndGet() <= 4 ? new ScriptedPeer.Script("450 4.2.1 mailbox busy", null)
                : new ScriptedPeer.Script(null, null), List.of());
        server = start(peer, "delay_warning = \"1s\"\n");
        send("frank@remote.test", "slow one");
        await().atMost(Duration.ofSeconds(20)).until(() -> peer.received.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Mail.inbox(server, "alice@example.test").size() == 1);
        String warning = Mail.inbox(server, "alice@example.test").get(0);
        assertThat(warning).contains("Action: delayed").contains("Will-Retry-Until:").contains("text/rfc822-headers");
        Thread.sleep(500);
        assertThat(Mail.inbox(server, "alice@example.test")).hasSize(1);
    }

    private SmtpClient.Result sendWithDsn(String to, String notify, String orcpt, String envid, String ret) throws Exception {
        var o = new org.tegami.smtpclient.ClientOptions("client.test", null, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(30), org.tegami.smtpclient.ClientOptions.TlsMode.REQUIRED, false, "localhost",
                "alice@example.test", PASSWORD);
        try (SmtpClient c = SmtpClient.connect(new java.net.InetSocketAddress("127.0.0.1", server.port("submission")), o)) {
            assertThat(c.supports("DSN")).isTrue();
            return c.send(new org.tegami.smtpclient.OutboundMessage("alice@example.test",
                    List.of(new org.tegami.smtpclient.OutboundMessage.Rcpt(to, notify, orcpt)), envid, ret, false, false,
                    Mail.message("alice@example.test", to, "dsn params", "body").getBytes()));
        }
    }

    @Test
    void notifyNeverSuppressesTheBounce() throws Exception {
        peer = new ScriptedPeer(n -> new ScriptedPeer.Script("550 5.1.1 no such user", null), List.of());
        server = start(peer, "");
        assertThat(sendWithDsn("gina@remote.test", "NEVER", null, null, null).perRecipient().get(0).code()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.tegami.store().queue().list().isEmpty());
        Thread.sleep(300);
        assertThat(peer.connections).hasSize(1);
        assertThat(Mail.inbox(server, "alice@example.test")).isEmpty();
    }

    @Test
    void dsnParametersArePassedOnToAPeerThatSupportsDsn() throws Exception {
        peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of("DSN", "PIPELINING"));
        server = start(peer, "");
        sendWithDsn("hank@remote.test", "SUCCESS,FAILURE", "rfc822;hank+2Blist@remote.test", "env-42", "HDRS");
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.received.size() == 1);
        assertThat(peer.received.get(0).mailFrom()).contains("RET=HDRS").contains("ENVID=env-42");
        assertThat(peer.received.get(0).rcptCommands().get(0))
                .isEqualTo("RCPT TO:<hank@remote.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;hank+2Blist@remote.test");
        Thread.sleep(500);
        assertThat(Mail.inbox(server, "alice@example.test")).isEmpty(); // the peer took over DSN duties
    }

    @Test
    void notifySuccessToAPeerWithoutDsnGivesARelayedReport() throws Exception {
        peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of());
        server = start(peer, "");
        sendWithDsn("ivy@remote.test", "SUCCESS", null, "track-7", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> Mail.inbox(server, "alice@example.test").size() == 1);
        String report = Mail.inbox(server, "alice@example.test").get(0);
        assertThat(report).contains("Action: relayed").contains("Original-Envelope-Id: track-7")
                .contains("Remote-MTA: dns; mx.remote.test");
        assertThat(peer.received.get(0).mailFrom()).doesNotContain("ENVID");
    }

    @Test
    void badDsnParametersAreRefusedWith501() throws Exception {
        server = start(null, "");
        var r = sendWithDsn("x@remote.test", "SUCCESS,NEVER", null, null, null);
        assertThat(r.perRecipient().get(0).code()).isEqualTo(501);
    }

    @Test
    void oneConnectionCarriesManyMessagesWithinThePerDomainLimit() throws Exception {
        peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of("PIPELINING"));
        peer.gate = new java.util.concurrent.CountDownLatch(1);
        server = start(peer, "max_connections_per_domain = 2\n");
        for (int i = 0; i < 8; i++) {
            send("user" + i + "@remote.test", "reuse " + i);
        }
        Thread.sleep(500); // both workers are connected and waiting for the greeting; six jobs wait
        assertThat(peer.connections).hasSize(2);
        peer.gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.received.size() == 8);
        assertThat(peer.connections).hasSize(2);
        assertThat(peer.maxActive.get()).isEqualTo(2);
    }

    @Test
    void notifySuccessForALocalRecipientGivesADeliveredReport() throws Exception {
        server = start(null, "");
        server.addUser("bob@example.test", PASSWORD);
        sendWithDsn("bob@example.test", "SUCCESS", null, "local-1", null);
        assertThat(Mail.inbox(server, "bob@example.test")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Mail.inbox(server, "alice@example.test").size() == 1);
        assertThat(Mail.inbox(server, "alice@example.test").get(0)).contains("Action: delivered")
                .contains("Final-Recipient: rfc822; bob@example.test").contains("Original-Envelope-Id: local-1")
                .contains("text/rfc822-headers");
    }
}
