package org.tegami.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.CorrespondentStore;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.TestServer;
import org.tegami.testing.ThreatMail;
import org.tegami.testing.ThreatSamples;
import org.tegami.threat.corpus.Eml;

/**
 * The correspondent history, learned by the running server: recipients of submitted mail and
 * senders of accepted mail. A reply to a first contact changes how the next message is judged.
 */
class CorrespondentHistoryTest {

    // A partner's shared mailbox signed by an employee who shares a colleague's name.
    private static final String PARTNER = "office@partner.test";
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start("[queue]\nmx_port = 9\nretry_initial = \"1h\"\n");
        ThreatSamples.setUp(server);
        // Replies to the partner stay queued (its MX refuses connections) instead of bouncing.
        server.dns.addMx("partner.test", 10, "mx.partner.test").addA("mx.partner.test", "127.0.0.1");
        // Only authenticated senders are learned as correspondents: the partner's mail passes SPF.
        server.dns.addTxt("partner.test", "v=spf1 ip4:127.0.0.1 -all");
        server.admin.addUser("sarah.johnson@" + ThreatSamples.DOMAIN, "Sarah Johnson", ThreatSamples.PASSWORD, false);
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    private CorrespondentStore history() {
        return server.tegami.store().correspondents();
    }

    private static byte[] fromPartner(String subject) {
        return Eml.of("Sarah Johnson <" + PARTNER + ">", "Bob Smith <" + ThreatSamples.BOB + ">").subject(subject)
                .text("Hi Bob,\n\nthe delivery dates for June are now on our portal.\n\nSarah\n").build();
    }

    @Test
    void aReplyTurnsAFirstContactIntoAKnownCorrespondent() throws Exception {
        // First contact: an outside "Sarah Johnson" looks like our own Sarah Johnson.
        assertThat(ThreatMail.mx(server, PARTNER, List.of(ThreatSamples.BOB), fromPartner("June deliveries")).code()).isEqualTo(250);
        String first = Mailboxes.inbox(server.tegami.store(), ThreatSamples.BOB).get(0);
        assertThat(first).contains("X-Tegami-Verdict: action=tag").contains("impersonation.display-name")
                .contains("Subject: [SUSPICIOUS] June deliveries");
        assertThat(history().address(PARTNER)).isEqualTo(CorrespondentStore.Counts.NONE); // flagged mail teaches nothing

        // Bob answers her.
        byte[] reply = Eml.of("Bob Smith <" + ThreatSamples.BOB + ">", "Sarah Johnson <" + PARTNER + ">").subject("Re: June deliveries")
                .text("Thanks Sarah, noted.\n").build();
        assertThat(ThreatMail.submit(server, ThreatSamples.BOB, ThreatSamples.PASSWORD, List.of(PARTNER), reply).code()).isEqualTo(250);
        await().atMost(Duration.ofSeconds(10)).until(() -> history().address(PARTNER).sent() == 1);
        assertThat(history().domain("partner.test").sent()).isEqualTo(1);

        // Her next message is from someone we write to: delivered, and she is learned as a sender.
        assertThat(ThreatMail.mx(server, PARTNER, List.of(ThreatSamples.BOB), fromPartner("July deliveries")).code()).isEqualTo(250);
        String second = Mailboxes.inbox(server.tegami.store(), ThreatSamples.BOB).get(1);
        assertThat(second).contains("X-Tegami-Verdict: action=deliver").contains("Subject: July deliveries")
                .doesNotContain("[SUSPICIOUS]");
        await().atMost(Duration.ofSeconds(10)).until(() -> history().address(PARTNER).received() == 1);

        // With a history, a domain nobody has corresponded with is now a first contact.
        byte[] stranger = Eml.of("Tom Baker <tom@unknown-vendor.test>", "Bob Smith <" + ThreatSamples.BOB + ">").subject("Hello")
                .text("Hello Bob, may I introduce our services?\n").build();
        assertThat(ThreatMail.mx(server, "tom@unknown-vendor.test", List.of(ThreatSamples.BOB), stranger).code()).isEqualTo(250);
        String third = Mailboxes.inbox(server.tegami.store(), ThreatSamples.BOB).get(2);
        assertThat(third).contains("sender.first-contact");
    }
}
