package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * Python's imaplib (Debian python3) as a real client: every command with its success and error
 * paths (imaplib_session.py "plain"), and the secure defaults — LOGINDISABLED, LOGIN and
 * AUTHENTICATE PLAIN refused before STARTTLS, fine after it and on IMAPS ("secure").
 */
class PythonImaplibTest {

    private static final Path SCRIPT = Path.of(System.getProperty("tegami.project.dir", "."),
            "src/test/resources/org/tegami/imapserver/imaplib_session.py");

    @Test
    void everyCommand() {
        String python = ExternalTools.requirePythonModule("imaplib");
        TestServer server = TestServer.start("[auth]\nallow_plaintext = true\n");
        try {
            server.addUser("py@example.test", "py-password-1");
            Processes.Result r = Processes.run(List.of(python, SCRIPT.toString(), "plain", "127.0.0.1",
                    String.valueOf(server.port("imap")), "py@example.test", "py-password-1"), null, Map.of(), null, 120);
            assertThat(r.output()).as(r.output()).contains("ok logout", "done");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output().lines().filter(l -> l.startsWith("ok ")).count()).isGreaterThan(90);
        } finally {
            server.destroy();
        }
    }

    @Test
    void secureDefaults() {
        String python = ExternalTools.requirePythonModule("ssl");
        TestServer server = TestServer.start("");
        try {
            server.addUser("py@example.test", "py-password-1");
            Processes.Result r = Processes.run(List.of(python, SCRIPT.toString(), "secure", "127.0.0.1",
                    String.valueOf(server.port("imap")), "py@example.test", "py-password-1",
                    String.valueOf(server.port("imaps"))), null, Map.of(), null, 120);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("ok login-before-tls", "ok starttls", "ok login-after-tls",
                    "ok imaps-authenticate-plain", "ok authenticate-plain-before-tls", "done");
        } finally {
            server.destroy();
        }
    }
}
