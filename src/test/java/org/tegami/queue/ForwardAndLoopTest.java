package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.smtpclient.ClientOptions;
import org.tegami.smtpclient.OutboundMessage;
import org.tegami.smtpclient.SmtpClient;
import org.tegami.testing.TestServer;

/** Mail arriving on port 25 for an alias that forwards off-site is queued (ORCPT kept); loops are refused. */
class ForwardAndLoopTest {

    private static SmtpClient mx(TestServer s) throws Exception {
        return SmtpClient.connect(new InetSocketAddress("127.0.0.1", s.port("smtp")), new ClientOptions("sender.test", null,
                Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(10), ClientOptions.TlsMode.OPPORTUNISTIC,
                false, "mx.example.test", null, null));
    }

    @Test
    void aliasForwardIsQueuedWithTheOriginalRecipientAndLocalCopyDelivered() throws Exception {
        try (var peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of("DSN", "PIPELINING"))) {
            TestServer s = TestServer.start("[queue]\nmx_port = " + peer.port() + "\npoll_interval = \"100ms\"\n");
            try {
                s.addUser("alice@example.test", "pw-forward-test");
                s.admin.addAlias("team@example.test", "alice@example.test");
                s.admin.addAlias("team@example.test", "friend@remote.test");
                s.dns.addMx("remote.test", 10, "mx.remote.test").addA("mx.remote.test", "127.0.0.1");
                try (SmtpClient c = mx(s)) {
                    var r = c.send(new OutboundMessage("someone@outside.test", List.of(new OutboundMessage.Rcpt("team@example.test", null, null)),
                            null, null, false, false, Mail.message("someone@outside.test", "team@example.test", "fwd", "x").getBytes(StandardCharsets.UTF_8)));
                    assertThat(r.perRecipient().get(0).code()).isEqualTo(250);
                }
                assertThat(Mail.inbox(s, "alice@example.test")).hasSize(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.received.size() == 1);
                assertThat(peer.received.get(0).mailFrom()).startsWith("MAIL FROM:<someone@outside.test>");
                assertThat(peer.received.get(0).rcptCommands().get(0)).isEqualTo("RCPT TO:<friend@remote.test> ORCPT=rfc822;team@example.test");
                assertThat(peer.received.get(0).content()).startsWith("Authentication-Results: mx.example.test;")
                        .contains("\r\nReceived: from sender.test");
            } finally {
                s.destroy();
            }
        }
    }

    @Test
    void tooManyReceivedFieldsIsRefusedAsALoop() throws Exception {
        TestServer s = TestServer.start("[queue]\nmax_received = 10\n");
        try {
            s.addUser("alice@example.test", "pw-loop-test");
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < 11; i++) {
                m.append("Received: from hop").append(i).append(".test by x.test; Mon, 1 Jan 2024 00:00:00 +0000\r\n");
            }
            m.append(Mail.message("a@outside.test", "alice@example.test", "loop", "x"));
            try (SmtpClient c = mx(s)) {
                var r = c.send(new OutboundMessage("a@outside.test", List.of(new OutboundMessage.Rcpt("alice@example.test", null, null)),
                        null, null, false, false, m.toString().getBytes(StandardCharsets.UTF_8)));
                assertThat(r.perRecipient().get(0).code()).isEqualTo(554);
                assertThat(r.perRecipient().get(0).enhanced()).isEqualTo("5.4.6");
            }
            assertThat(Mail.inbox(s, "alice@example.test")).isEmpty();
        } finally {
            s.destroy();
        }
    }
}
