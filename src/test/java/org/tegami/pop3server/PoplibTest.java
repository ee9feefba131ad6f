package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pop3server.Pop3Fixture.PASSWORD;
import static org.tegami.pop3server.Pop3Fixture.USER;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.MessageInfo;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/** Python's poplib as a real client: every command and the error paths, STLS and 995. */
class PoplibTest {

    private TestServer srv;

    @AfterEach
    void stop() {
        if (srv != null) {
            srv.destroy();
        }
    }

    private void run(String scenario) throws URISyntaxException {
        String python = ExternalTools.requirePythonModule("poplib");
        Path script = Path.of(getClass().getResource("poplib_client.py").toURI());
        Processes.Result r = Processes.run(List.of(python, script.toString(), scenario, "127.0.0.1",
                String.valueOf(srv.port("pop3")), String.valueOf(srv.port("pop3s")), USER, PASSWORD,
                Pop3Fixture.certificate(srv).toString()), null, Map.of(), null, 120);
        assertThat(r.output()).contains("PASSED " + scenario);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void everyTransactionCommandAndItsErrors() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        for (int i = 1; i <= 3; i++) {
            Pop3Fixture.deliver(srv, USER, Pop3Fixture.message(i));
        }
        run("transaction");
        // DELE 1, RSET, DELE 3, QUIT: only message 3 is gone, durably.
        assertThat(Pop3Fixture.inboxMessages(srv, USER)).extracting(MessageInfo::uid).containsExactly(1L, 2L);
    }

    @Test
    void authorizationStateErrorsAndInUse() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT);
        Pop3Fixture.deliver(srv, USER, Pop3Fixture.message(1));
        run("authorization");
    }

    @Test
    void tooManyErrorsCloseTheConnection() throws Exception {
        srv = Pop3Fixture.server(Pop3Fixture.PLAINTEXT + "[pop3]\nmax_errors = 5\n");
        run("too_many_errors");
    }

    @Test
    void stlsWithProductionDefaults() throws Exception {
        srv = Pop3Fixture.server("");
        Pop3Fixture.deliver(srv, USER, Pop3Fixture.message(1));
        run("stls");
    }

    @Test
    void implicitTls() throws Exception {
        srv = Pop3Fixture.server("");
        Pop3Fixture.deliver(srv, USER, Pop3Fixture.message(1));
        run("pop3s");
    }
}
