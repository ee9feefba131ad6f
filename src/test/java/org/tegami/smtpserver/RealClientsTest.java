package org.tegami.smtpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/** Real third-party clients against the MX and submission roles: Python smtplib and swaks. */
class RealClientsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("");
        server.addUser("alice@example.test", "alice-password");
        server.addUser("bob@example.test", "bob-password1");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    private static Processes.Result python(String script) {
        String py = ExternalTools.require("python3");
        return Processes.run(List.of(py, "-c", script), null, Map.of(), null, 60);
    }

    @Test
    void smtplibPlainStarttlsAndPartialRefusal() {
        int before = Mailboxes.inbox(server.tegami.store(), "alice@example.test").size();
        Processes.Result r = python("""
                import smtplib, ssl
                from email.message import EmailMessage
                m = EmailMessage()
                m['From'] = 'sender@remote.test'; m['To'] = 'alice@example.test'; m['Subject'] = 'via smtplib'
                m.set_content('hello from python\\n.leading dot\\n')
                with smtplib.SMTP('127.0.0.1', %d) as s:
                    s.ehlo('py.test')
                    assert s.has_extn('starttls') and s.has_extn('pipelining') and s.has_extn('chunking')
                    s.send_message(m)
                    ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                    s.starttls(context=ctx); s.ehlo('py.test')
                    print('tls', s.sock.version())
                    refused = s.sendmail('sender@remote.test', ['alice@example.test', 'nobody@example.test'], m.as_bytes())
                    print('refused', sorted(refused))
                """.formatted(server.port("smtp")));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("tls TLSv1.3").contains("refused ['nobody@example.test']");
        List<String> inbox = Mailboxes.inbox(server.tegami.store(), "alice@example.test");
        assertThat(inbox).hasSize(before + 2);
        assertThat(inbox.get(before)).contains("Subject: via smtplib").contains("\r\n.leading dot\r\n");
        assertThat(inbox.get(before + 1)).contains("with ESMTPS id").contains("(version=TLSv1.3 cipher=");
    }

    @Test
    void smtplibSmtpUtf8() {
        int before = Mailboxes.inbox(server.tegami.store(), "bob@example.test").size();
        Processes.Result r = python("""
                import smtplib
                msg = 'From: 山田 <山田@例え.テスト>\\r\\nTo: bob@example.test\\r\\nSubject: 日本語の件名\\r\\n\\r\\n本文です\\r\\n'
                with smtplib.SMTP('127.0.0.1', %d) as s:
                    s.ehlo('py.test')
                    s.sendmail('山田@例え.テスト', ['bob@example.test'], msg.encode('utf-8'), mail_options=['SMTPUTF8', 'BODY=8BITMIME'])
                print('ok')
                """.formatted(server.port("smtp")));
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> inbox = Mailboxes.inbox(server.tegami.store(), "bob@example.test");
        assertThat(inbox).hasSize(before + 1);
        assertThat(inbox.get(before)).contains("Subject: 日本語の件名").contains("with UTF8SMTP id");
    }

    @Test
    void swaksWithTlsAndPipelining() {
        String swaks = ExternalTools.require("swaks");
        int before = Mailboxes.inbox(server.tegami.store(), "bob@example.test").size();
        Processes.Result r = Processes.run(List.of(swaks, "--server", "127.0.0.1:" + server.port("smtp"),
                "--from", "sender@remote.test", "--to", "bob@example.test", "--tls", "--pipeline",
                "--header", "Subject: swaks tls"), null, Map.of(), null, 60);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("TLS started").contains("250 2.0.0 OK");
        assertThat(Mailboxes.inbox(server.tegami.store(), "bob@example.test")).hasSize(before + 1);

        Processes.Result relay = Processes.run(List.of(swaks, "--server", "127.0.0.1:" + server.port("smtp"),
                "--from", "sender@remote.test", "--to", "victim@elsewhere.test"), null, Map.of(), null, 60);
        assertThat(relay.exitCode()).isNotZero();
        assertThat(relay.output()).contains("554 5.7.1");
    }

    @Test
    void swaksSubmissionWithAuthOnStarttlsAndImplicitTls() {
        String swaks = ExternalTools.require("swaks");
        int before = Mailboxes.inbox(server.tegami.store(), "bob@example.test").size();
        for (List<String> mode : List.of(
                List.of("--server", "127.0.0.1:" + server.port("submission"), "--tls", "--auth", "PLAIN"),
                List.of("--server", "127.0.0.1:" + server.port("submission"), "--tls", "--auth", "LOGIN"),
                List.of("--server", "127.0.0.1:" + server.port("submissions"), "--tlsc", "--auth", "PLAIN"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(swaks, "--from", "alice@example.test",
                    "--to", "bob@example.test", "--auth-user", "alice@example.test", "--auth-password", "alice-password"));
            cmd.addAll(mode);
            Processes.Result r = Processes.run(cmd, null, Map.of(), null, 60);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("235 2.7.0");
        }
        assertThat(Mailboxes.inbox(server.tegami.store(), "bob@example.test")).hasSize(before + 3);

        Processes.Result cleartext = Processes.run(List.of(swaks, "--server", "127.0.0.1:" + server.port("submission"),
                "--from", "alice@example.test", "--to", "bob@example.test", "--auth", "PLAIN",
                "--auth-user", "alice@example.test", "--auth-password", "alice-password"), null, Map.of(), null, 60);
        assertThat(cleartext.exitCode()).as("AUTH is not offered before TLS").isNotZero();

        Processes.Result spoof = Processes.run(List.of(swaks, "--server", "127.0.0.1:" + server.port("submission"), "--tls",
                "--from", "bob@example.test", "--to", "bob@example.test", "--auth", "PLAIN",
                "--auth-user", "alice@example.test", "--auth-password", "alice-password"), null, Map.of(), null, 60);
        assertThat(spoof.output()).contains("553 5.7.1");
    }
}
