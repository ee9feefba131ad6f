package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tegami.store.Mailbox;
import org.tegami.testing.Conformance;
import org.tegami.testing.Dnsmasq;
import org.tegami.testing.Instances;

/**
 * The checking scenario of issue 5: three instances bound to 127.0.0.2, .3 and .4 with no port
 * offset (25, 587, 465) and a dnsmasq on loopback holding their MX records exchange mail directly,
 * and the third one sends through the second as its smarthost. Needs root and those ports free;
 * otherwise it is skipped with the reason (a failure under CI=true).
 */
class ContractScenarioTest {

    private static final String PW = "contract-pw";
    private static final List<String> ADDRS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");

    @Test
    void threeInstancesOnStandardPortsExchangeMailDirectlyAndThroughTheRelay() throws Exception {
        if (!Instances.allFree(ADDRS, 0, 25, 587, 465)) {
            String why = "cannot bind ports 25/587/465 on 127.0.0.2-4 (needs root and free ports)";
            if (Conformance.ci()) {
                Assertions.fail(why + " — required under CI=true");
            }
            Assumptions.abort(why);
        }
        String ports = "[ports]\nimap = 0\nimaps = 0\npop3 = 0\npop3s = 0\n";
        try (var dns = new Dnsmasq(List.of("--mx-host=alpha.test,mx.alpha.test,10",
                "--mx-host=beta.test,mx.beta.test,10", "--mx-host=gamma.test,mx.gamma.test,10",
                "--address=/mx.alpha.test/127.0.0.2", "--address=/mx.beta.test/127.0.0.3",
                "--address=/mx.gamma.test/127.0.0.4"))) {
            String common = ports + "[dns]\nservers = [\"127.0.0.1:" + dns.port + "\"]\n"
                    + "[queue]\npoll_interval = \"100ms\"\nretry_initial = \"500ms\"\n";
            String relay = "[relay]\nhost = \"127.0.0.3\"\nport = 587\ntls = \"starttls\"\ntls_verify = false\n"
                    + "username = \"relay@beta.test\"\npassword = \"" + PW + "\"\n";
            try (var a = Instances.start(common, "mx.alpha.test", "127.0.0.2", 0, null);
                    var b = Instances.start(common, "mx.beta.test", "127.0.0.3", 0, null);
                    var c = Instances.start(common + relay, "mx.gamma.test", "127.0.0.4", 0, null)) {
                assertThat(a.tegami().port("smtp")).isEqualTo(25);
                a.addUser("alice@alpha.test", PW, false);
                b.addUser("bob@beta.test", PW, false);
                b.addUser("relay@beta.test", PW, true);
                c.addUser("carol@gamma.test", PW, false);
                // Direct: A -> B and A -> C through their MX records on port 25.
                Mail.submit("127.0.0.2", 587, "alice@alpha.test", PW, "alice@alpha.test",
                        List.of("bob@beta.test", "carol@gamma.test"),
                        Mail.message("alice@alpha.test", "bob@beta.test", "direct", "hello both"));
                await().atMost(Duration.ofSeconds(30)).until(() -> count(b, "bob@beta.test") == 1 && count(c, "carol@gamma.test") == 1);
                assertThat(Mail.mailbox(c.tegami().store(), "carol@gamma.test", Mailbox.INBOX).get(0))
                        .contains("from mx.alpha.test ([127.0.0.2])");
                // Through the relay: C sends everything via B's 587; the reply reaches A through B.
                Mail.submit("127.0.0.4", 587, "carol@gamma.test", PW, "carol@gamma.test",
                        List.of("alice@alpha.test"), Mail.message("carol@gamma.test", "alice@alpha.test", "via relay", "reply"));
                await().atMost(Duration.ofSeconds(30)).until(() -> count(a, "alice@alpha.test") == 1);
                String atAlice = Mail.mailbox(a.tegami().store(), "alice@alpha.test", Mailbox.INBOX).get(0);
                assertThat(atAlice).contains("from mx.beta.test ([127.0.0.3])").contains("from mx.gamma.test ([127.0.0.4])")
                        .contains("with ESMTPSA").contains("Subject: via relay");
            }
        }
    }

    private static int count(Instances.Node n, String address) throws Exception {
        return Mail.mailbox(n.tegami().store(), address, Mailbox.INBOX).size();
    }
}
