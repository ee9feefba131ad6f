package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pop3server.Pop3Fixture.PASSWORD;
import static org.tegami.pop3server.Pop3Fixture.USER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * fetchmail (Debian package fetchmail) against production defaults: cleartext logins refused, so
 * it must use STLS on 110 or implicit TLS on 995, verifying the server's self-signed certificate.
 * Keep mode relies on UIDL being stable across sessions; delete mode on DELE + QUIT.
 */
class FetchmailTest {

    @TempDir
    Path home;
    private TestServer srv;
    private String fetchmail;

    @BeforeEach
    void start() {
        fetchmail = ExternalTools.require("fetchmail");
        srv = Pop3Fixture.server("");
        for (int i = 1; i <= 3; i++) {
            Pop3Fixture.deliver(srv, USER, Pop3Fixture.message(i));
        }
    }

    @AfterEach
    void stop() {
        srv.destroy();
    }

    /** Runs fetchmail once; returns its exit code (0: mail fetched, 1: no mail). */
    private Processes.Result fetch(boolean implicitTls, boolean keep) throws Exception {
        int port = srv.port(implicitTls ? "pop3s" : "pop3");
        String rc = "set no bouncemail\nset no syslog\n"
                + "poll 127.0.0.1 service " + port + " proto POP3 uidl\n"
                + "  user \"" + USER + "\" there with password \"" + PASSWORD + "\" is \"" + System.getProperty("user.name") + "\" here\n"
                + (keep ? "  keep\n" : "  no keep fetchall\n")
                + (implicitTls ? "  ssl\n" : "")
                + "  sslproto \"TLS1.2+\" sslcertck sslcertfile \"" + Pop3Fixture.certificate(srv) + "\""
                + " sslcommonname \"mx.example.test\"\n"
                + "  mda \"/bin/sh -c 'cat >> " + home.resolve("mbox") + "'\"\n";
        Path rcFile = home.resolve("fetchmailrc");
        Files.writeString(rcFile, rc);
        Files.setPosixFilePermissions(rcFile, PosixFilePermissions.fromString("rw-------"));
        return Processes.run(List.of(fetchmail, "-v", "-f", rcFile.toString()), null,
                Map.of("FETCHMAILHOME", home.toString(), "HOME", home.toString()), home, 120);
    }

    private List<String> subjects() throws Exception {
        if (!Files.exists(home.resolve("mbox"))) {
            return List.of();
        }
        Matcher m = Pattern.compile("(?m)^Subject: (.*)\r?$").matcher(Files.readString(home.resolve("mbox")));
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void stlsKeepModeFetchesOnlyNewMessagesByUidl() throws Exception {
        Processes.Result first = fetch(false, true);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("STLS").doesNotContain("PASS " + PASSWORD);
        assertThat(subjects()).containsExactly("message 1", "message 2", "message 3");
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).hasSize(3); // kept on the server

        Processes.Result second = fetch(false, true);
        assertThat(second.exitCode()).as(second.output()).isEqualTo(1); // 1: no new mail
        assertThat(subjects()).hasSize(3);

        Pop3Fixture.deliver(srv, USER, Pop3Fixture.message(4));
        Processes.Result third = fetch(false, true);
        assertThat(third.exitCode()).as(third.output()).isZero();
        assertThat(subjects()).containsExactly("message 1", "message 2", "message 3", "message 4");
    }

    @Test
    void sslDeleteModeEmptiesTheMaildrop() throws Exception {
        Processes.Result r = fetch(true, false);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(subjects()).containsExactly("message 1", "message 2", "message 3");
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).isEmpty();
        Processes.Result again = fetch(true, false);
        assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
    }

    @Test
    void stlsDeleteModeAndSslKeepMode() throws Exception {
        Processes.Result keep = fetch(true, true);
        assertThat(keep.exitCode()).as(keep.output()).isZero();
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).hasSize(3);
        Processes.Result delete = fetch(false, false);
        assertThat(delete.exitCode()).as(delete.output()).isZero();
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).isEmpty();
        assertThat(subjects()).hasSize(6);
    }
}
