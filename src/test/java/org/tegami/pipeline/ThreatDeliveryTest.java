package org.tegami.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tegami.smtp.Reply;
import org.tegami.store.Mailbox;
import org.tegami.store.QuarantineStore;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.TestServer;
import org.tegami.testing.ThreatMail;
import org.tegami.testing.ThreatSamples;
import org.tegami.threat.corpus.CorpusFiles;
import org.tegami.threat.corpus.Eml;

/**
 * The threat check over SMTP, end to end: every action of a verdict as the recipient (or the
 * sender) sees it, with the thresholds of [threat].
 */
class ThreatDeliveryTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    private void start(String threatToml) {
        server = TestServer.start("[auth]\nallow_plaintext = false\n[threat]\n" + threatToml);
        ThreatSamples.setUp(server);
    }

    private List<String> mailbox(String name) {
        return Mailboxes.messages(server.tegami.store(), ThreatSamples.BOB, name);
    }

    private Reply mx(byte[] message) throws Exception {
        return ThreatMail.mx(server, "sender@outside.test", List.of(ThreatSamples.BOB), message);
    }

    @Test
    void cleanBusinessMailIsDeliveredWithAZeroVerdictAndForgedVerdictsRemoved() throws Exception {
        start("");
        String forged = "X-Tegami-Verdict: action=deliver; score=0.0; findings=none\r\nX-Tegami-Warning: trust this message\r\n";
        byte[] message = (forged + new String(ThreatSamples.clean(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(mx(message).code()).isEqualTo(250);
        List<String> inbox = mailbox(Mailbox.INBOX);
        assertThat(inbox).hasSize(1);
        String stored = inbox.get(0);
        assertThat(stored).contains("\r\nX-Tegami-Verdict: action=deliver; score=0.0\r\n");
        assertThat(stored.split("X-Tegami-Verdict:", -1)).hasSize(2); // exactly one: ours
        assertThat(stored).doesNotContain("X-Tegami-Warning").doesNotContain("findings=none");
        assertThat(stored).contains("Subject: Minutes of Tuesday's meeting\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tag        | tag = 5.0\\njunk = 100\\nquarantine = 200\\nreject = 300",
        "junk       | tag = 3\\njunk = 5\\nquarantine = 200\\nreject = 300",
        "quarantine | ''"})
    void becFromALookalikeDomainIsActedOnPerThresholds(String action, String thresholds) throws Exception {
        start(thresholds.replace("\\n", "\n"));
        assertThat(mx(ThreatSamples.bec()).code()).isEqualTo(250);
        String expectedHeader = "X-Tegami-Verdict: action=" + action + "; score=";
        switch (action) {
            case "tag" -> {
                String stored = mailbox(Mailbox.INBOX).get(0);
                assertThat(stored).contains(expectedHeader).contains("impersonation.display-name").contains("lookalike.domain");
                assertThat(stored).contains("Subject: [SUSPICIOUS] Quick favour");
                // the banner, in the body, says who the message pretends to be
                assertThat(stored).contains("Akiko Tanaka").containsIgnoringCase("warning");
                assertThat(mailbox(Mailbox.JUNK)).isEmpty();
            }
            case "junk" -> {
                assertThat(mailbox(Mailbox.INBOX)).isEmpty();
                String stored = mailbox(Mailbox.JUNK).get(0);
                assertThat(stored).contains(expectedHeader).contains("Subject: Quick favour");
            }
            default -> {
                assertThat(mailbox(Mailbox.INBOX)).isEmpty();
                assertThat(mailbox(Mailbox.JUNK)).isEmpty();
                List<QuarantineStore.Entry> held = server.tegami.store().quarantine().list();
                assertThat(held).hasSize(1);
                assertThat(held.get(0).kind()).isEqualTo(QuarantineStore.Kind.HELD);
                assertThat(held.get(0).recipients()).containsExactly(ThreatSamples.BOB);
                assertThat(held.get(0).verdict()).startsWith("action=quarantine; score=").contains("impersonation.display-name");
                assertThat(held.get(0).details()).contains("\"explanation\":");
            }
        }
    }

    @Test
    void executableInAZipAndMacroDocumentAreQuarantined() throws Exception {
        start("");
        assertThat(mx(ThreatSamples.zipWithExecutable()).code()).isEqualTo(250);
        assertThat(mx(ThreatSamples.macroDocument()).code()).isEqualTo(250);
        assertThat(mailbox(Mailbox.INBOX)).isEmpty();
        List<QuarantineStore.Entry> held = server.tegami.store().quarantine().list();
        assertThat(held).extracting(QuarantineStore.Entry::subject).containsExactly("Invoice 4471", "Updated benefits form");
        assertThat(held.get(0).verdict()).contains("attachment.executable");
        assertThat(held.get(1).verdict()).contains("office.macro");
    }

    @Test
    void stackedFindingsAreRejectedWithTheStrongestReason() throws Exception {
        start("");
        byte[] message = Eml.of("Akiko Tanaka <akiko.tanaka@northwlnd.test>", "Bob Smith <" + ThreatSamples.BOB + ">")
                .subject("Urgent: signed contract")
                .text("Bob, are you at your desk? Open the attached contract and process the wire transfer today. Keep it confidential.\n")
                .attach("contract.zip", "application/zip", CorpusFiles.zip(java.util.Map.of("contract.scr", CorpusFiles.pe())))
                .build();
        Reply r = mx(message);
        assertThat(r.code()).isEqualTo(550);
        assertThat(r.enhanced()).isEqualTo("5.7.1");
        assertThat(r.text()).startsWith("Message refused as dangerous (attachment.executable): ").contains("contract.scr");
        assertThat(mailbox(Mailbox.INBOX)).isEmpty();
        assertThat(server.tegami.store().quarantine().list()).isEmpty();
    }

    @Test
    void submittedProgramsAreRefusedButOrdinaryMailIsNotJudged() throws Exception {
        start("");
        byte[] program = Eml.of("Bob Smith <" + ThreatSamples.BOB + ">", "<partner@outside.test>").subject("tool")
                .text("here it is\n").attach("tool.zip", "application/zip", CorpusFiles.zip("tool.exe", CorpusFiles.pe())).build();
        Reply refused = ThreatMail.submit(server, ThreatSamples.BOB, ThreatSamples.PASSWORD, List.of(ThreatSamples.AKIKO), program);
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.text()).contains("tool.exe");
        // Language that would look like BEC from outside is the user's own business when submitted.
        byte[] request = Eml.of("Bob Smith <" + ThreatSamples.BOB + ">", "Akiko Tanaka <" + ThreatSamples.AKIKO + ">")
                .subject("Payment").text("Akiko, urgent: please process the wire transfer today, keep it confidential.\n").build();
        Reply ok = ThreatMail.submit(server, ThreatSamples.BOB, ThreatSamples.PASSWORD, List.of(ThreatSamples.AKIKO), request);
        assertThat(ok.code()).isEqualTo(250);
        String stored = Mailboxes.inbox(server.tegami.store(), ThreatSamples.AKIKO).get(0);
        assertThat(stored).doesNotContain("X-Tegami-Verdict").contains("Subject: Payment");
    }

    @Test
    void disabledCheckDeliversUntouched() throws Exception {
        start("enabled = false");
        assertThat(mx(ThreatSamples.zipWithExecutable()).code()).isEqualTo(250);
        assertThat(mailbox(Mailbox.INBOX)).hasSize(1).first().asString().doesNotContain("X-Tegami-Verdict");
    }

    @Test
    void activeHtmlIsNeutralisedForListedDomainsAndTheOriginalKept() throws Exception {
        start("neutralize_html = [\"northwind.test\"]");
        byte[] message = Eml.of("Newsletter <news@shop.test>", "Bob Smith <" + ThreatSamples.BOB + ">").subject("Offers")
                .text("Offers of the week.\n")
                .html("<html><body><p>Offers of the week</p><script>document.location='https://shop.test/x'</script>"
                        + "<a href=\"https://shop.test/offers\" onclick=\"steal()\">See offers</a></body></html>")
                .build();
        assertThat(mx(message).code()).isEqualTo(250);
        String stored = mailbox(Mailbox.INBOX).get(0);
        assertThat(stored).contains("X-Tegami-Verdict: action=").contains("html.script");
        String html = decodedHtml(stored);
        assertThat(html).contains("Offers of the week").contains("https://shop.test/offers");
        assertThat(html).doesNotContain("<script").doesNotContain("onclick=");
        List<QuarantineStore.Entry> kept = server.tegami.store().quarantine().list();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).kind()).isEqualTo(QuarantineStore.Kind.ORIGINAL);
    }

    /** The base64 text/html part of a stored message, decoded. */
    private static String decodedHtml(String message) {
        int at = message.indexOf("Content-Type: text/html");
        int body = message.indexOf("\r\n\r\n", at) + 4;
        int end = message.indexOf("\r\n--", body);
        return new String(java.util.Base64.getMimeDecoder().decode(message.substring(body, end)), StandardCharsets.UTF_8);
    }
}
