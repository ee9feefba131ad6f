package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.testing.ExternalTools;
import org.tegami.testing.Processes;
import org.tegami.testing.TestServer;

/**
 * curl as an IMAP client (Debian curl): imap:// with STARTTLS required, imaps://, listing,
 * uploading (APPEND), fetching by UID, searching, and a custom command. The server keeps its
 * secure defaults: plaintext login only after TLS.
 */
class CurlTest {

    static TestServer server;
    static String curl;

    @BeforeAll
    static void start() {
        curl = ExternalTools.require("curl");
        server = TestServer.start("");
        server.addUser("curl@example.test", "curl-password-1");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    private static Processes.Result curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(curl, "-s", "-S", "-k", "-u", "curl@example.test:curl-password-1",
                "--max-time", "30"));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, null, Map.of(), null, 60);
    }

    private static String imap(String path) {
        return "imap://127.0.0.1:" + server.port("imap") + "/" + path;
    }

    private static String imaps(String path) {
        return "imaps://127.0.0.1:" + server.port("imaps") + "/" + path;
    }

    @Test
    void listsOverStartTls() {
        Processes.Result r = curl("--ssl-reqd", imap(""));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "\\Sent");
    }

    @Test
    void refusesPlaintextLoginWithoutTls() {
        Processes.Result r = curl(imap(""));
        assertThat(r.exitCode()).as(r.output()).isNotZero(); // curl tries LOGIN in the clear: refused
    }

    @Test
    void uploadsFetchesAndSearchesOverImaps() throws Exception {
        Path msg = Files.createTempFile("curl", ".eml");
        Files.writeString(msg, "From: a@example.test\r\nTo: curl@example.test\r\nSubject: from curl\r\n\r\n"
                + "uploaded with curl, pineapple\r\n");
        try {
            Processes.Result up = curl("-T", msg.toString(), imaps("Drafts"));
            assertThat(up.exitCode()).as(up.output()).isZero();
            Processes.Result search = curl(imaps("Drafts?TEXT%20pineapple"));
            assertThat(search.output()).contains("* SEARCH 1");
            Processes.Result fetch = curl(imaps("Drafts;UID=1"));
            assertThat(fetch.output()).contains("Subject: from curl", "uploaded with curl, pineapple");
            Processes.Result examine = curl("-X", "EXAMINE Drafts", imaps(""));
            assertThat(examine.output()).contains("* 1 EXISTS", "UIDVALIDITY");
            Processes.Result status = curl("-X", "STATUS Drafts (MESSAGES UNSEEN)", imaps(""));
            assertThat(status.output()).contains("* STATUS Drafts (MESSAGES 1 UNSEEN 0)");
        } finally {
            Files.deleteIfExists(msg);
        }
    }

    @Test
    void fetchesAPartOverStartTls() throws Exception {
        Path msg = Files.createTempFile("curl", ".eml");
        Files.writeString(msg, "From: b@example.test\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n"
                + "--x\r\nContent-Type: text/plain\r\n\r\nsecond part\r\n--x--\r\n");
        try {
            assertThat(curl("--ssl-reqd", "-T", msg.toString(), imap("INBOX")).exitCode()).isZero();
            Processes.Result part = curl("--ssl-reqd", imap("INBOX;UID=1;SECTION=2"));
            assertThat(part.output()).contains("second part").doesNotContain("first part");
        } finally {
            Files.deleteIfExists(msg);
        }
    }
}
