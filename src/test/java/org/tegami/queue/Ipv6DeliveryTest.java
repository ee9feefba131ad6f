package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.dns.InMemoryResolver;
import org.tegami.testing.Instances;

/** An instance bound to ::1 delivers to an MX that has only an AAAA record, over IPv6. */
class Ipv6DeliveryTest {

    @Test
    void deliversOverIpv6FromTheIpv6BindAddress() throws Exception {
        try (var peer = new ScriptedPeer(n -> new ScriptedPeer.Script(null, null), List.of("PIPELINING"), "::1")) {
            InMemoryResolver dns = new InMemoryResolver().addMx("six.test", 10, "mx.six.test").addA("mx.six.test", "::1")
                    .addMx("four.test", 10, "mx.four.test").addA("mx.four.test", "127.0.0.1");
            int offset = Instances.freeOffset(List.of("::1"), 25, 587, 465);
            String toml = "[ports]\nimap = 0\nimaps = 0\npop3 = 0\npop3s = 0\n[queue]\nmx_port = " + peer.port()
                    + "\npoll_interval = \"100ms\"\nretry_initial = \"1h\"\nretry_max = \"1h\"\n";
            try (var node = Instances.start(toml, "mx.example.test", "::1", offset, dns)) {
                node.addUser("alice@example.test", "ipv6-test-pw", false);
                Mail.submit("::1", node.tegami().port("submission"), "alice@example.test", "ipv6-test-pw",
                        "alice@example.test", List.of("bob@six.test", "carol@four.test"),
                        Mail.message("alice@example.test", "bob@six.test", "over v6", "x"));
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.received.size() == 1);
                assertThat(peer.received.get(0).rcptCommands()).containsExactly("RCPT TO:<bob@six.test>");
                assertThat(peer.received.get(0).content()).contains("[IPv6:0:0:0:0:0:0:0:1]");
                // The IPv4-only MX cannot be reached from an IPv6 bind address: it stays queued, not bounced.
                await().atMost(Duration.ofSeconds(10)).until(() -> node.tegami().store().queue().list().stream()
                        .anyMatch(m -> m.recipients().stream().anyMatch(r -> r.address().equals("carol@four.test") && r.attempts() > 0)));
            }
        }
    }
}
