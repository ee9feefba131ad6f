package org.tegami.smtpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.io.LineReader;
import org.tegami.smtp.Reply;
import org.tegami.smtp.ReplyParser;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.store.MessageInfo;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * Submission (RFC 6409) on 587 with STARTTLS and 465 with implicit TLS (RFC 8314), driven by real
 * clients: Python's smtplib (PLAIN, LOGIN, CRAM-MD5, and SCRAM-SHA-256 implemented in the test
 * script) and swaks; plus the refusals: AUTH before TLS, MAIL before AUTH, wrong passwords,
 * lockout, sender spoofing in MAIL FROM and in From:.
 */
class SubmissionTest {

    private static TestServer server;
    private static final String PW = "s3cret-passphrase";

    @BeforeAll
    static void start() {
        server = TestServer.start("[auth]\ncram_md5 = true\nlockout_failures = 5\n");
        server.addUser("alice@example.test", PW);
        server.addUser("bob@example.test", PW);
        server.addUser("lock@example.test", PW);
        server.admin.addUser("relay@example.test", null, PW, true);
        server.admin.addAlias("sales@example.test", "alice@example.test");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    private static String python(String mode, int port, String user, String mech, List<String> passwords, String from,
            String to, String message) throws Exception {
        String py = ExternalTools.requirePythonModule("smtplib");
        Path script = Path.of(SubmissionTest.class.getResource("submit.py").toURI());
        List<String> cmd = new ArrayList<>(List.of(py, script.toString(), "--port", String.valueOf(port), "--mode", mode,
                "--user", user, "--mech", mech));
        for (String p : passwords) {
            cmd.add("--password");
            cmd.add(p);
        }
        if (to != null) {
            cmd.addAll(List.of("--mail-from", from, "--to", to));
        }
        Processes.Result r = Processes.run(cmd, message, Map.of(), null, 60);
        return r.output();
    }

    private static String msg(String from, String to, String subject) {
        return "From: Someone <" + from + ">\nTo: <" + to + ">\nSubject: " + subject + "\n\nbody of " + subject + "\n";
    }

    private static List<String> inbox(String address) throws Exception {
        var store = server.tegami.store();
        Account a = store.directory().account(address).orElseThrow();
        Mailbox mb = store.mail().mailbox(a.id(), Mailbox.INBOX).orElseThrow();
        List<String> out = new ArrayList<>();
        for (MessageInfo m : store.mail().messages(mb.id())) {
            out.add(new String(store.blobs().read(m.blob()), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String find(String address, String subject) throws Exception {
        return inbox(address).stream().filter(m -> m.contains("Subject: " + subject)).findFirst().orElse(null);
    }

    @Test
    void smtplibStarttlsPlainOn587() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "PLAIN", List.of(PW),
                "alice@example.test", "bob@example.test", msg("alice@example.test", "bob@example.test", "py-plain"));
        assertThat(out).contains("EHLO SCRAM-SHA-256 PLAIN CRAM-MD5 LOGIN").contains("AUTH 235").contains("SEND ok {}");
        String m = find("bob@example.test", "py-plain");
        assertThat(m).isNotNull().contains("with ESMTPSA").contains("Message-ID: <").contains("Date: ");
        assertThat(m.indexOf("Received:")).isLessThan(m.indexOf("Message-ID:"));
    }

    @Test
    void smtplibStarttlsLoginOn587() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "LOGIN", List.of(PW),
                "alice@example.test", "bob@example.test", msg("alice@example.test", "bob@example.test", "py-login"));
        assertThat(out).contains("AUTH 235").contains("SEND ok {}");
        assertThat(find("bob@example.test", "py-login")).isNotNull();
    }

    @Test
    void smtplibImplicitTlsOn465() throws Exception {
        String out = python("ssl", server.port("submissions"), "alice@example.test", "PLAIN", List.of(PW),
                "alice@example.test", "bob@example.test", msg("alice@example.test", "bob@example.test", "py-465"));
        assertThat(out).contains("AUTH 235").contains("SEND ok {}");
        assertThat(find("bob@example.test", "py-465")).isNotNull();
    }

    @Test
    void scramSha256WithAnIndependentClientImplementation() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "SCRAM-SHA-256", List.of(PW),
                "alice@example.test", "bob@example.test", msg("alice@example.test", "bob@example.test", "py-scram"));
        assertThat(out).contains("SCRAM server verified").contains("AUTH 235").contains("SEND ok {}");
        assertThat(find("bob@example.test", "py-scram")).isNotNull();
        String bad = python("starttls", server.port("submission"), "bob@example.test", "SCRAM-SHA-256", List.of("wrong"),
                null, null, "");
        assertThat(bad).contains("AUTH 535");
    }

    @Test
    void cramMd5WhenEnabled() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "CRAM-MD5", List.of(PW),
                "alice@example.test", "bob@example.test", msg("alice@example.test", "bob@example.test", "py-cram"));
        assertThat(out).contains("AUTH 235").contains("SEND ok {}");
    }

    @Test
    void swaksOn587And465() throws Exception {
        String swaks = ExternalTools.require("swaks");
        Processes.Result r = Processes.run(List.of(swaks, "--server", "127.0.0.1:" + server.port("submission"),
                "--tls", "--auth", "PLAIN", "--auth-user", "alice@example.test", "--auth-password", PW,
                "--from", "alice@example.test", "--to", "bob@example.test", "--header", "Subject: swaks-587",
                "--helo", "client.test"), null, Map.of(), null, 60);
        assertThat(r.exitCode()).as(r.output()).isZero();
        Processes.Result r2 = Processes.run(List.of(swaks, "--server", "127.0.0.1:" + server.port("submissions"),
                "--tls-on-connect", "--auth", "LOGIN", "--auth-user", "alice@example.test", "--auth-password", PW,
                "--from", "alice@example.test", "--to", "bob@example.test", "--header", "Subject: swaks-465",
                "--helo", "client.test"), null, Map.of(), null, 60);
        assertThat(r2.exitCode()).as(r2.output()).isZero();
        assertThat(find("bob@example.test", "swaks-587")).isNotNull();
        assertThat(find("bob@example.test", "swaks-465")).isNotNull();
    }

    @Test
    void aWrongPasswordDoesNotStopTheNextRightOne() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "PLAIN", List.of("nope", PW),
                null, null, "");
        assertThat(out).contains("AUTH 535").contains("AUTH 235");
    }

    @Test
    void lockoutAfterRepeatedFailures() throws Exception {
        // Its own server: the lockout is per IP too, and would lock the other tests out.
        TestServer own = TestServer.start("[auth]\nlockout_failures = 5\n");
        String out;
        try {
            own.addUser("lock@example.test", PW);
            List<String> pws = new ArrayList<>(List.of("w1", "w2", "w3", "w4", "w5", "w6"));
            pws.add(PW);
            out = python("starttls", own.port("submission"), "lock@example.test", "PLAIN", pws, null, null, "");
        } finally {
            own.destroy();
        }
        assertThat(out).contains("AUTH 535");
        // The last attempt, with the right password, is refused while the account is locked.
        String[] lines = out.strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("AUTH 454");
    }

    @Test
    void authIsNeitherOfferedNorAcceptedBeforeTls() throws Exception {
        try (var sock = new java.net.Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", server.port("submission")), 5000);
            sock.setSoTimeout(10_000);
            LineReader in = new LineReader(sock.getInputStream());
            var out = sock.getOutputStream();
            assertThat(ReplyParser.read(in).code()).isEqualTo(220);
            out.write("EHLO client.test\r\n".getBytes());
            Reply ehlo = ReplyParser.read(in);
            assertThat(ehlo.lines()).contains("STARTTLS").noneMatch(l -> l.startsWith("AUTH"));
            out.write("AUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABzM2NyZXQtcGFzc3BocmFzZQ==\r\n".getBytes());
            Reply auth = ReplyParser.read(in);
            assertThat(auth.code()).isEqualTo(538);
            assertThat(auth.enhanced()).isEqualTo("5.7.11");
            out.write("MAIL FROM:<alice@example.test>\r\n".getBytes());
            Reply mail = ReplyParser.read(in);
            assertThat(mail.code()).isEqualTo(530);
            assertThat(mail.enhanced()).isEqualTo("5.7.0");
        }
    }

    @Test
    void senderSpoofingInMailFromIsRefused() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "PLAIN", List.of(PW),
                "bob@example.test", "bob@example.test", msg("alice@example.test", "bob@example.test", "spoof-env"));
        assertThat(out).contains("SEND 553").contains("not owned");
        assertThat(find("bob@example.test", "spoof-env")).isNull();
    }

    @Test
    void senderSpoofingInFromHeaderIsRefusedAtEndOfData() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "PLAIN", List.of(PW),
                "alice@example.test", "bob@example.test", msg("ceo@example.test", "bob@example.test", "spoof-hdr"));
        assertThat(out).contains("SEND 553").contains("5.7.1").contains("From: address <ceo@example.test>");
        assertThat(find("bob@example.test", "spoof-hdr")).isNull();
    }

    @Test
    void aliasesSubaddressesAndRelayAccountsMaySend() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "PLAIN", List.of(PW),
                "sales@example.test", "bob@example.test", msg("alice+news@example.test", "bob@example.test", "alias-ok"));
        assertThat(out).contains("SEND ok {}");
        String relay = python("starttls", server.port("submission"), "relay@example.test", "PLAIN", List.of(PW),
                "printer@elsewhere.test", "bob@example.test", msg("scanner@elsewhere.test", "bob@example.test", "any-sender"));
        assertThat(relay).contains("SEND ok {}");
        assertThat(find("bob@example.test", "alias-ok")).isNotNull();
        assertThat(find("bob@example.test", "any-sender")).isNotNull();
    }

    @Test
    void ownMessageIdAndDateAreKept() throws Exception {
        String m = "From: <alice@example.test>\nTo: <bob@example.test>\nSubject: keep-ids\nMessage-ID: <mine@client.test>\n"
                + "Date: Mon, 1 Jan 2024 00:00:00 +0000\n\nx\n";
        String out = python("starttls", server.port("submission"), "alice@example.test", "PLAIN", List.of(PW),
                "alice@example.test", "bob@example.test", m);
        assertThat(out).contains("SEND ok {}");
        String got = find("bob@example.test", "keep-ids");
        assertThat(got).contains("Message-ID: <mine@client.test>");
        assertThat(got.split("Message-ID:", -1)).hasSize(2);
        assertThat(got.split("\nDate:", -1)).hasSize(2);
    }

    @Test
    void mailToRemoteDomainsIsQueuedDurablyBeforeTheReply() throws Exception {
        String out = python("starttls", server.port("submission"), "alice@example.test", "PLAIN", List.of(PW),
                "alice@example.test", "zed@far.test", msg("alice@example.test", "zed@far.test", "queued-remote"));
        assertThat(out).contains("SEND ok {}");
        // far.test does not exist in DNS: the entry was committed before the 250, and bounces soon.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> inbox("alice@example.test").stream().anyMatch(x -> x.contains("Status: 5.1.2")));
    }

    @Test
    void authCancelAndMalformedBase64On465() throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (var sock = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port("submissions"))) {
            sock.setSoTimeout(10_000);
            LineReader in = new LineReader(sock.getInputStream());
            var out = sock.getOutputStream();
            assertThat(ReplyParser.read(in).code()).isEqualTo(220);
            assertThat(sock.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            out.write("EHLO client.test\r\n".getBytes());
            assertThat(ReplyParser.read(in).lines()).anyMatch(l -> l.startsWith("AUTH ")).noneMatch(l -> l.equals("STARTTLS"));
            out.write("AUTH PLAIN\r\n".getBytes());
            assertThat(ReplyParser.read(in).code()).isEqualTo(334);
            out.write("*\r\n".getBytes());
            assertThat(ReplyParser.read(in).code()).isEqualTo(501);
            out.write("AUTH PLAIN !!!not-base64!!!\r\n".getBytes());
            assertThat(ReplyParser.read(in).code()).isEqualTo(501);
            // Initial response in the AUTH command itself (RFC 4954 §4).
            String ir = java.util.Base64.getEncoder().encodeToString(("\0alice@example.test\0" + PW).getBytes(StandardCharsets.UTF_8));
            out.write(("AUTH PLAIN " + ir + "\r\n").getBytes());
            Reply ok = ReplyParser.read(in);
            assertThat(ok.code()).isEqualTo(235);
            assertThat(ok.enhanced()).isEqualTo("2.7.0");
        }
    }
}
