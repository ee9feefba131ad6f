package org.tegami.smtpserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.smtp.Reply;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/** Slow clients are cut off within the configured bounds, whatever pace they keep. */
class TimeoutsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("[smtp]\ncommand_timeout = \"2s\"\ndata_timeout = \"1s\"\ndata_total_timeout = \"3s\"\n");
        server.addUser("alice@example.test", "alice-password");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    @Test
    void slowlorisCommandIsCutAtTheCommandTimeout() throws Exception {
        try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
            c.read();
            long start = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < 40 && !cut; i++) {
                try {
                    c.send("E"); // one byte every 250 ms: never silent long enough for a plain read timeout
                } catch (java.io.IOException e) {
                    cut = true;
                }
                Thread.sleep(250);
                if (c.hasInput()) {
                    Reply r = c.read();
                    assertThat(r.code()).isEqualTo(421);
                    assertThat(r.enhanced()).isEqualTo("4.4.2");
                    cut = true;
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(cut).isTrue();
            assertThat(seconds).isLessThan(6);
        }
    }

    @Test
    void silentClientTimesOut() throws Exception {
        try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
            c.read();
            Reply r = c.read(); // say nothing
            assertThat(r.code()).isEqualTo(421);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void slowDataIsCutAtTheTotalDataBound() throws Exception {
        try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
            c.read();
            c.cmd("EHLO slow.test");
            c.cmd("MAIL FROM:<a@remote.test>");
            c.cmd("RCPT TO:<alice@example.test>");
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            long start = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < 40 && !cut; i++) {
                try {
                    c.send("x\r\n"); // a line every 400 ms: under the 1 s read timeout, forever
                } catch (java.io.IOException e) {
                    cut = true;
                }
                Thread.sleep(400);
                if (c.hasInput()) {
                    assertThat(c.read().code()).isEqualTo(421);
                    cut = true;
                }
            }
            assertThat(cut).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(8);
        }
    }
}
