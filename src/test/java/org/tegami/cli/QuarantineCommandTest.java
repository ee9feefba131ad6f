package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.QuarantineStore;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.TestServer;
import org.tegami.testing.ThreatMail;
import org.tegami.testing.ThreatSamples;

/** `tegami quarantine list|show|release|delete` against a running server's data directory. */
class QuarantineCommandTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("");
        ThreatSamples.setUp(server);
        assertThat(ThreatMail.mx(server, "a@outside.test", List.of(ThreatSamples.BOB), ThreatSamples.zipWithExecutable()).code())
                .isEqualTo(250);
        assertThat(ThreatMail.mx(server, "b@outside.test", List.of(ThreatSamples.BOB), ThreatSamples.macroDocument()).code())
                .isEqualTo(250);
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    private record Run(int code, String out) {}

    private Run cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "--data";
            full[args.length + 1] = server.dataDir.toString();
            return new Run(Main.execute(full), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private long id(int n) {
        return server.tegami.store().quarantine().list().get(n).id();
    }

    @Test
    void listAndShow() {
        Run list = cli("quarantine", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("2 message(s) in quarantine").contains("\"Invoice 4471\"").contains("\"Updated benefits form\"")
                .contains("to " + ThreatSamples.BOB).contains("action=quarantine").contains("held");
        Run show = cli("quarantine", "show", String.valueOf(id(0)));
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("attachment.executable").contains("\"explanation\":").contains("Subject: Invoice 4471");
        assertThat(cli("quarantine", "show", "424242").code()).isEqualTo(1);
    }

    @Test
    void releaseDeliversWithTheVerdictWhileTheServerRuns() {
        long first = id(0);
        Run r = cli("quarantine", "release", String.valueOf(first));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("released quarantined message " + first + " to " + ThreatSamples.BOB);
        List<String> inbox = Mailboxes.inbox(server.tegami.store(), ThreatSamples.BOB);
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0)).startsWith("Return-Path: <a@outside.test>\r\n").contains("X-Tegami-Verdict: action=quarantine; score=")
                .contains("Subject: Invoice 4471");
        assertThat(server.tegami.store().quarantine().list()).extracting(QuarantineStore.Entry::subject)
                .containsExactly("Updated benefits form");
        assertThat(cli("quarantine", "release", String.valueOf(first)).code()).isEqualTo(1);
        // the running server still delivers normally afterwards
        assertThat(cli("quarantine", "list").out()).contains("1 message(s) in quarantine");
    }

    @Test
    void deleteDropsWithoutDelivering() {
        long second = id(1);
        Run r = cli("quarantine", "delete", String.valueOf(second));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("deleted quarantined message " + second);
        assertThat(Mailboxes.inbox(server.tegami.store(), ThreatSamples.BOB)).isEmpty();
        assertThat(server.tegami.store().quarantine().list()).hasSize(1);
        assertThat(cli("quarantine", "delete", String.valueOf(second)).code()).isEqualTo(1);
    }
}
