package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pop3server.Pop3Fixture.PASSWORD;
import static org.tegami.pop3server.Pop3Fixture.USER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * curl (pop3:// with STLS required, pop3s://) and getmail6 (POP3 over implicit TLS) against
 * production defaults, each verifying the server certificate by name through --resolve /
 * ssl_cert_hostname, so no DNS is used.
 */
class CurlGetmailTest {

    /** Lines starting with dots: stuffed on the wire, restored by the clients. */
    private static final String DOTTED = ".starts with a dot\r\n\r\nbody\r\n..two\r\n";

    @TempDir
    Path dir;
    private TestServer srv;

    @BeforeEach
    void start() {
        srv = Pop3Fixture.server("");
        Pop3Fixture.deliver(srv, USER, Pop3Fixture.message(1));
        Pop3Fixture.deliver(srv, USER, DOTTED);
    }

    @AfterEach
    void stop() {
        srv.destroy();
    }

    private Processes.Result curl(String scheme, String service, String path, String... extra) {
        String curl = ExternalTools.require("curl");
        int port = srv.port(service);
        List<String> cmd = new ArrayList<>(List.of(curl, "-sS", "--max-time", "30",
                "--cacert", Pop3Fixture.certificate(srv).toString(),
                "--resolve", "mx.example.test:" + port + ":127.0.0.1",
                "-u", USER + ":" + PASSWORD));
        cmd.addAll(List.of(extra));
        cmd.add(scheme + "://mx.example.test:" + port + path);
        return Processes.run(cmd, null, Map.of(), null, 60);
    }

    @Test
    void curlOverStlsListsAndRetrieves() {
        Processes.Result list = curl("pop3", "pop3", "/", "--ssl-reqd");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output().lines()).containsExactly("1 " + Pop3Fixture.message(1).length(), "2 " + DOTTED.length());
        Processes.Result retr = curl("pop3", "pop3", "/2", "--ssl-reqd");
        assertThat(retr.exitCode()).as(retr.output()).isZero();
        // curl undoes the dot-stuffing: the original bytes come back.
        assertThat(retr.output()).isEqualTo(DOTTED);
    }

    @Test
    void curlWithoutTlsCannotLogIn() {
        Processes.Result r = curl("pop3", "pop3", "/1");
        assertThat(r.exitCode()).as(r.output()).isNotZero(); // USER refused before STLS
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).hasSize(2);
    }

    @Test
    void curlOverImplicitTlsRetrievesAndDeletes() {
        Processes.Result retr = curl("pop3s", "pop3s", "/1");
        assertThat(retr.exitCode()).as(retr.output()).isZero();
        assertThat(retr.output()).isEqualTo(Pop3Fixture.message(1));
        Processes.Result uidl = curl("pop3s", "pop3s", "/", "-X", "UIDL");
        assertThat(uidl.output().lines()).hasSize(2);
        Processes.Result dele = curl("pop3s", "pop3s", "/1", "-X", "DELE", "-I");
        assertThat(dele.exitCode()).as(dele.output()).isZero();
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).hasSize(1);
    }

    @Test
    void getmailRetrievesOverImplicitTlsAndDeletes() throws Exception {
        String getmail = ExternalTools.require("getmail");
        Path mbox = Files.createFile(dir.resolve("mbox"));
        String rc = "[retriever]\ntype = SimplePOP3SSLRetriever\nserver = 127.0.0.1\nport = " + srv.port("pop3s") + "\n"
                + "username = " + USER + "\npassword = " + PASSWORD + "\n"
                + "ca_certs = " + Pop3Fixture.certificate(srv) + "\nssl_cert_hostname = mx.example.test\n"
                // An external MDA: getmail's own mbox writer refuses to run as root (CI containers).
                + "[destination]\ntype = MDA_external\npath = /bin/sh\narguments = (\"-c\", \"cat >> " + mbox + "\")\n"
                + "allow_root_commands = true\n"
                + "[options]\nread_all = true\ndelete = true\nverbose = 1\n";
        Path rcFile = dir.resolve("getmailrc");
        Files.writeString(rcFile, rc);
        Processes.Result r = Processes.run(List.of(getmail, "--getmaildir", dir.toString(), "--rcfile", rcFile.toString()),
                null, Map.of("HOME", dir.toString()), dir, 120);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("2 messages");
        String box = Files.readString(mbox).replace("\r\n", "\n"); // getmail writes local LF line ends
        assertThat(box).contains("\nSubject: message 1\n").contains("\n.starts with a dot\n\nbody\n..two\n");
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).isEmpty();
    }
}
