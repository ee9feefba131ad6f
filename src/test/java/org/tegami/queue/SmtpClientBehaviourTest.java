package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.smtpclient.ClientOptions;
import org.tegami.smtpclient.OutboundMessage;
import org.tegami.smtpclient.SmtpClient;
import org.tegami.smtpclient.SmtpClientException;

/** The outbound client against scripted servers: HELO fallback, lock-step without PIPELINING, SIZE, TLS policy. */
class SmtpClientBehaviourTest {

    private static ClientOptions opts(ClientOptions.TlsMode tls, String user) {
        return new ClientOptions("me.test", null, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5), tls,
                false, "peer.test", user, user == null ? null : "pw");
    }

    private static OutboundMessage msg(String... rcpts) {
        return new OutboundMessage("a@me.test", java.util.Arrays.stream(rcpts).map(r -> new OutboundMessage.Rcpt(r, null, null)).toList(),
                null, null, false, false, "Subject: t\r\n\r\n.dot\r\nbody\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void heloFallbackAndLockStepWithPerRecipientReplies() throws Exception {
        try (var peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of("!EHLO"))) {
            try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", peer.port()), opts(ClientOptions.TlsMode.OPPORTUNISTIC, null))) {
                assertThat(c.esmtp()).isFalse();
                var r = c.send(msg("x@peer.test", "y@peer.test"));
                assertThat(r.perRecipient()).extracting(x -> x.code()).containsExactly(250, 250);
                var r2 = c.send(msg("z@peer.test")); // the same connection, a second transaction
                assertThat(r2.perRecipient().get(0).code()).isEqualTo(250);
            }
            assertThat(peer.commands).contains("HELO me.test").doesNotContain("STARTTLS");
            assertThat(peer.received).hasSize(2);
            assertThat(peer.received.get(0).content()).contains("\r\n.dot\r\n");
            assertThat(peer.connections).hasSize(1);
        }
    }

    @Test
    void refusedRecipientsGetTheirOwnReplyAndSizeIsChecked() throws Exception {
        try (var peer = new ScriptedPeer(n -> new ScriptedPeer.Script("550 5.1.1 unknown", null), List.of("PIPELINING", "SIZE 10"))) {
            try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", peer.port()), opts(ClientOptions.TlsMode.OPPORTUNISTIC, null))) {
                var big = c.send(msg("x@peer.test"));
                assertThat(big.perRecipient().get(0).code()).isEqualTo(552);
                assertThat(big.perRecipient().get(0).enhanced()).isEqualTo("5.3.4");
            }
        }
        try (var peer = new ScriptedPeer(n -> new ScriptedPeer.Script("550 5.1.1 unknown", null), List.of("PIPELINING"))) {
            try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", peer.port()), opts(ClientOptions.TlsMode.OPPORTUNISTIC, null))) {
                var r = c.send(msg("x@peer.test"));
                assertThat(r.perRecipient().get(0).code()).isEqualTo(550);
            }
            assertThat(peer.received).isEmpty();
        }
    }

    @Test
    void requiredTlsAndAuthNeverFallBackToPlaintext() throws Exception {
        try (var peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of("AUTH PLAIN"))) {
            assertThatThrownBy(() -> SmtpClient.connect(new InetSocketAddress("127.0.0.1", peer.port()),
                    opts(ClientOptions.TlsMode.REQUIRED, null)))
                    .isInstanceOf(SmtpClientException.class).hasMessageContaining("does not offer STARTTLS");
            assertThatThrownBy(() -> SmtpClient.connect(new InetSocketAddress("127.0.0.1", peer.port()),
                    opts(ClientOptions.TlsMode.OPPORTUNISTIC, "user")))
                    .isInstanceOf(SmtpClientException.class).hasMessageContaining("without TLS");
            assertThat(peer.commands).noneMatch(c -> c.startsWith("AUTH"));
        }
    }
}
