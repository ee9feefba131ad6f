package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/** The admin commands as users type them, including against a running server's data directory. */
class CliTest {

    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        data = Files.createTempDirectory("tegami-cli");
    }

    private record Run(int code, String out, String err) {}

    private Run tegami(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "--data";
            full[args.length + 1] = data.toString();
            int code = args.length > 0 && args[0].equals("--version") ? Main.execute(args) : Main.execute(full);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void versionDomainUserAliasMailboxStatus() {
        assertThat(tegami(null, "--version").out()).matches("tegami \\S+\\n");
        assertThat(tegami(null, "domain", "add", "Example.TEST").out()).isEqualTo("added domain example.test\n");
        Run add = tegami("s3cret-password\n", "user", "add", "alice@example.test", "--name", "Alice Liddell", "--password-stdin");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("added user alice@example.test (Alice Liddell)\n");
        Run generated = tegami(null, "user", "add", "bob@example.test");
        assertThat(generated.out()).containsPattern("password: [A-Za-z0-9]{20}\\n");
        assertThat(tegami(null, "alias", "add", "sales@example.test", "alice@example.test").code()).isZero();
        assertThat(tegami(null, "alias", "add", "@example.test", "alice@example.test").code()).isZero();
        assertThat(tegami(null, "alias", "list").out()).contains("sales@example.test -> alice@example.test")
                .contains("@example.test -> alice@example.test");
        assertThat(tegami(null, "user", "list").out()).contains("alice@example.test\tAlice Liddell");
        Run status = tegami(null, "mailbox", "status", "alice@example.test");
        assertThat(status.out()).isEqualTo("INBOX 0\nArchive 0\nDrafts 0\nJunk 0\nSent 0\nTrash 0\n");
    }

    @Test
    void clearErrors() {
        Run noDomain = tegami("s3cret-password\n", "user", "add", "x@nowhere.test", "--password-stdin");
        assertThat(noDomain.code()).isNotZero();
        assertThat(noDomain.err()).isEqualTo("tegami: domain nowhere.test is not a local domain; add it first with:"
                + " tegami domain add nowhere.test\n");
        tegami(null, "domain", "add", "example.test");
        Run shortPw = tegami("short\n", "user", "add", "x@example.test", "--password-stdin");
        assertThat(shortPw.err()).contains("password too short");
        Run badAddr = tegami(null, "alias", "add", "not an address", "x@example.test");
        assertThat(badAddr.err()).startsWith("tegami: invalid address");
        Run dup = tegami(null, "domain", "add", "example.test");
        assertThat(dup.err()).isEqualTo("tegami: domain example.test exists already\n");
        assertThat(tegami(null, "mailbox", "status", "ghost@example.test").err()).contains("no account ghost@example.test");
    }

    @Test
    void badConfigFileStopsServeWithOneLine() throws Exception {
        Path cfg = data.resolve("bad.toml");
        Files.writeString(cfg, "[smtp]\nmax_errors = \"many\"\n");
        Run r = tegami(null, "serve", "--config", cfg.toString(), "--port-offset", "31000");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).isEqualTo("tegami: " + cfg + ":2: [smtp] max_errors: must be an integer\n");
    }

    @Test
    void runningServerSeesAdminChangesAtOnce() throws Exception {
        try (TestServer server = TestServer.start("", "mx.example.test", new org.tegami.dns.InMemoryResolver(), data)) {
            int port = server.port("smtp");
            try (SmtpTestClient c = new SmtpTestClient(port)) {
                c.read();
                c.cmd("EHLO x.test");
                c.cmd("MAIL FROM:<a@remote.test>");
                assertThat(c.cmd("RCPT TO:<carol@new.test>").code()).isEqualTo(554); // not our domain yet
                assertThat(tegami(null, "domain", "add", "new.test").code()).isZero();
                assertThat(c.cmd("RCPT TO:<carol@new.test>").code()).isEqualTo(550); // ours, no such user
                assertThat(tegami("carol-password\n", "user", "add", "carol@new.test", "--password-stdin").code()).isZero();
                assertThat(c.cmd("RCPT TO:<carol@new.test>").code()).isEqualTo(250);
                c.cmd("DATA");
                assertThat(c.cmd("Subject: hi\r\n\r\nx\r\n.").code()).isEqualTo(250);
            }
            assertThat(tegami(null, "mailbox", "status", "carol@new.test").out()).startsWith("INBOX 1\n");
            assertThat(Mailboxes.inbox(server.tegami.store(), "carol@new.test")).hasSize(1);
        }
    }
}
