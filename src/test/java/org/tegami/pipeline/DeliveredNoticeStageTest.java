package org.tegami.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tegami.directory.Resolution;
import org.tegami.smtp.MailAddress;
import org.tegami.store.QueueStore;
import org.tegami.testing.TestServer;

/** When local delivery fails after the remote recipients were queued, the queue entry is withdrawn. */
class DeliveredNoticeStageTest {

    @Test
    void aFailedLocalDeliveryWithdrawsTheQueuedRemoteCopy() throws Exception {
        TestServer s = TestServer.start("[queue]\nmx_port = 9\nretry_initial = \"1h\"\nretry_max = \"1h\"\n");
        // An MX that refuses connections: the queue's first attempt defers the message for an hour
        // and it stays queued. (Without an MX the queue bounced it at once and, on a busy machine,
        // could delete it before the stage withdrew it.)
        s.dns.addMx("remote.test", 10, "mx.remote.test").addA("mx.remote.test", "127.0.0.1");
        try {
            long id = s.tegami.queue().submit("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8), "a@example.test",
                    null, null, false, "test", List.of(new QueueStore.NewRecipient("b@remote.test", "remote.test", null, null)));
            SessionInfo session = new SessionInfo("c1", Role.SUBMISSION, InetAddress.getLoopbackAddress(), "client.test",
                    true, null, "a@example.test", "mx.example.test");
            InboundMessage m = new InboundMessage("c1.1", session, MailAddress.parse("a@example.test"), Map.of(),
                    List.of(new Recipient(MailAddress.parse("b@remote.test"), Map.of(), new Resolution.Remote())),
                    "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8));
            m.note("queued=" + id + " remote=1");
            Stage failing = new Stage() {
                public String name() {
                    return "deliver";
                }

                public Outcome apply(InboundMessage message) {
                    return Outcome.rejected(451, "4.3.0", "Mailbox unavailable, try again later");
                }
            };
            Outcome o = new DeliveredNoticeStage(failing, s.tegami.queue()).apply(m);
            assertThat(o.reply().code()).isEqualTo(451);
            assertThat(s.tegami.store().queue().message(id)).isEmpty();
            assertThat(m.notes()).contains("queue-cancelled=" + id);
        } finally {
            s.destroy();
        }
    }
}
