package org.tegami.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.smtp.Reply;
import org.tegami.testing.Dnsmasq;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/** The issue 9 contract over real sockets, with a real DNS server on loopback. */
class PolicyServerTest {

    @Test
    void dnsblListedClientIsRefusedOnPort25ButServedOn587() throws Exception {
        try (Dnsmasq dns = new Dnsmasq(List.of("--address=/1.0.0.127.zen.example/127.0.0.2",
                "--txt-record=1.0.0.127.zen.example,\"test listing\""))) {
            String toml = "[dns]\nservers = [\"127.0.0.1:" + dns.port + "\"]\ntimeout = \"2s\"\n"
                    + "[policy]\ndnsbl = [\"zen.example\"]\n";
            TestServer server = TestServer.startWithRealDns(toml);
            try (SmtpTestClient mx = new SmtpTestClient(server.port("smtp"))) {
                Reply greeting = mx.read();
                assertThat(greeting.code()).isEqualTo(554);
                assertThat(greeting.enhanced()).isEqualTo("5.7.1");
                assertThat(greeting.text()).contains("zen.example").contains("test listing");
                assertThat(mx.cmd("EHLO x.test").code()).isEqualTo(503);
                assertThat(mx.cmd("QUIT").code()).isEqualTo(221);
            } finally {
                try (SmtpTestClient sub = new SmtpTestClient(server.port("submission"))) {
                    assertThat(sub.read().code()).isEqualTo(220);
                }
                server.destroy();
            }
        }
    }

    @Test
    void perIpConcurrencyLimitAnswers421() throws Exception {
        TestServer server = TestServer.start("[policy]\nmax_connections_per_ip = 2\n");
        List<SmtpTestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                SmtpTestClient c = new SmtpTestClient(server.port("smtp"));
                open.add(c);
                assertThat(c.read().code()).isEqualTo(220);
            }
            try (SmtpTestClient third = new SmtpTestClient(server.port("smtp"))) {
                Reply r = third.read();
                assertThat(r.code()).isEqualTo(421);
                assertThat(r.enhanced()).isEqualTo("4.7.0");
            }
            open.remove(0).close();
            Thread.sleep(200); // the server notices the close
            try (SmtpTestClient again = new SmtpTestClient(server.port("smtp"))) {
                assertThat(again.read().code()).isEqualTo(220);
            }
        } finally {
            for (SmtpTestClient c : open) {
                c.close();
            }
            server.destroy();
        }
    }

    @Test
    void defaultsLetOneLoopbackClientOpenThousandsOfConnections() throws Exception {
        TestServer server = TestServer.start("");
        try {
            for (int i = 0; i < 2000; i++) {
                try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
                    assertThat(c.read().code()).as("connection " + i).isEqualTo(220);
                    c.send("QUIT\r\n");
                    assertThat(c.read().code()).isEqualTo(221);
                }
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void earlyTalkerIsRefusedWhenAGreetingDelayIsSetAndAPatientClientIsServed() throws Exception {
        TestServer server = TestServer.start("[smtp]\ngreeting_delay = \"1s\"\n");
        try {
            try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
                c.send("EHLO spam.test\r\nMAIL FROM:<x@spam.test>\r\n"); // before the greeting
                Reply r = c.read();
                assertThat(r.code()).isEqualTo(554);
                assertThat(r.text()).contains("talked before my greeting");
            }
            try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
                long t0 = System.nanoTime();
                assertThat(c.read().code()).isEqualTo(220);
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(900);
                assertThat(c.cmd("EHLO patient.test").code()).isEqualTo(250);
            }
            try (SmtpTestClient c = new SmtpTestClient(server.port("submission"))) {
                long t0 = System.nanoTime();
                assertThat(c.read().code()).as("submission is not delayed").isEqualTo(220);
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(900);
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void blockedRangeIsRefusedWithReason() throws Exception {
        TestServer server = TestServer.start("[policy]\ndynamic = [\"127.0.0.0/8\"]\n");
        try (SmtpTestClient c = new SmtpTestClient(server.port("smtp"))) {
            Reply r = c.read();
            assertThat(r.code()).isEqualTo(554);
            assertThat(r.text()).contains("submission");
        } finally {
            server.destroy();
        }
    }
}
