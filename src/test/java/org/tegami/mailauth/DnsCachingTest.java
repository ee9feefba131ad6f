package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.dkim.DkimSigner;
import org.tegami.testing.Dnsmasq;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.TestServer;

/**
 * The SPF, DKIM and DMARC lookups of a message are answered from the resolver's cache (TTL) when
 * the same sender writes again: a second message sends no query to the DNS server at all — the
 * negative answers included (the HELO name has no SPF record; RFC 2308 caching by the zone's SOA).
 */
class DnsCachingTest {

    @Test
    void secondMessageFromTheSameSenderAsksTheDnsServerNothing(@TempDir Path tmp) throws Exception {
        DkimKeys.GeneratedKey key = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, new SecureRandom());
        Path log = tmp.resolve("dnsmasq.log");
        List<String> options = new java.util.ArrayList<>(Dnsmasq.authoritativeFor("test"));
        options.addAll(List.of("--log-queries",
                Dnsmasq.txt("pass.test", "v=spf1 ip4:127.0.0.0/8 -all"),
                Dnsmasq.txt("k._domainkey.pass.test", key.dnsTxt()),
                Dnsmasq.txt("_dmarc.pass.test", "v=DMARC1; p=reject"),
                Dnsmasq.txt("client.pass.test", "v=spf1 ip4:127.0.0.0/8 -all")));
        try (Dnsmasq dns = new Dnsmasq(options, log)) {
            TestServer s = TestServer.start("[dns]\nservers = [\"" + dns.server() + "\"]\n", "mx.example.test", null);
            try {
                s.addUser("bob@example.test", "pw-caching-test");
                DkimSigner signer = new DkimSigner(List.of(new DkimSigner.SigningKey("pass.test", "k", key.privateKey())),
                        Clock.systemUTC());
                for (int i = 0; i < 2; i++) {
                    if (i == 1) {
                        Files.writeString(log, ""); // forget the first message's queries
                    }
                    String msg = new String(signer.signAndPrepend(Inbound.message("a@pass.test", "bob@example.test", "n" + i, "")
                            .getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                    assertThat(Inbound.send(s.port("smtp"), "nohelo.test", "a@pass.test", "bob@example.test", msg).code())
                            .isEqualTo(250);
                    if (i == 0) {
                        assertThat(queries(log)).as("the first message asks").isNotEmpty();
                    }
                }
                assertThat(queries(log)).as("the second message asks").isEmpty();
                assertThat(Inbound.field(Mailboxes.inbox(s.tegami.store(), "bob@example.test").get(1), "Authentication-Results"))
                        .contains("spf=pass").contains("dkim=pass").contains("dmarc=pass").contains("spf=none").contains("smtp.helo=nohelo.test");
            } finally {
                s.destroy();
            }
        }
    }

    private static List<String> queries(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.contains(" query[") || l.contains(" auth[")).toList();
    }
}
