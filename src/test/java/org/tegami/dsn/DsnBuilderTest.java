package org.tegami.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;

/** RFC 3464 / RFC 6522 report structure, checked with our own MIME parser. */
class DsnBuilderTest {

    private static final byte[] ORIGINAL = ("From: <a@example.test>\r\nTo: <b@remote.test>\r\nSubject: hi\r\n\r\n"
            + "the body\r\n").getBytes(StandardCharsets.UTF_8);

    private static DeliveryReport report(DsnParams.Ret ret, DeliveryReport.Action action, boolean utf8) {
        return new DeliveryReport("mx.example.test", "env 1", Instant.parse("2026-01-02T03:04:05Z"), "a@example.test",
                List.of(new DeliveryReport.Entry("b@remote.test", "rfc822;b+2Bx@remote.test", action, "5.1.1",
                        "mx.remote.test", "550 5.1.1 no such user\r\ninjected: header", Instant.parse("2026-01-02T04:00:00Z"),
                        null)), ORIGINAL, ret, utf8);
    }

    @Test
    void failureReportHasThreePartsAndTheFullOriginal() {
        byte[] b = DsnBuilder.build(report(DsnParams.Ret.FULL, DeliveryReport.Action.FAILED, false));
        ParsedMessage pm = MimeParser.parse(b);
        String text = new String(b, StandardCharsets.UTF_8);
        assertThat(pm.headers().value("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(pm.headers().value("From")).contains("MAILER-DAEMON@mx.example.test");
        MimePart root = pm.root();
        assertThat(root.contentType().type() + "/" + root.contentType().subtype()).isEqualTo("multipart/report");
        assertThat(root.children()).hasSize(3);
        assertThat(root.children().get(1).contentType().subtype()).isEqualTo("delivery-status");
        assertThat(root.children().get(2).contentType().subtype()).isEqualTo("rfc822");
        assertThat(text).contains("Reporting-MTA: dns; mx.example.test\r\n")
                .contains("Original-Envelope-Id: env+201\r\n")
                .contains("Arrival-Date: Fri, 2 Jan 2026 03:04:05 +0000\r\n")
                .contains("Final-Recipient: rfc822; b@remote.test\r\n")
                .contains("Original-Recipient: rfc822;b+2Bx@remote.test\r\n")
                .contains("Action: failed\r\nStatus: 5.1.1\r\n")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 no such user  injected: header\r\n")
                .contains("the body");
    }

    @Test
    void hdrsReturnsOnlyTheHeaderAndUtf8UsesGlobalTypes() {
        String hdrs = new String(DsnBuilder.build(report(DsnParams.Ret.HDRS, DeliveryReport.Action.DELAYED, false)),
                StandardCharsets.UTF_8);
        assertThat(hdrs).contains("text/rfc822-headers").contains("Subject: hi").doesNotContain("the body")
                .contains("Action: delayed");
        String global = new String(DsnBuilder.build(report(DsnParams.Ret.FULL, DeliveryReport.Action.FAILED, true)),
                StandardCharsets.UTF_8);
        assertThat(global).contains("message/global-delivery-status").contains("Final-Recipient: utf-8; ")
                .contains("Content-Type: message/global");
    }
}
