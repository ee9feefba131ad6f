package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.threat.TestMessages.*;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tegami.threat.corpus.CorpusFiles;

/**
 * The rules added for newer delivery techniques and for fewer false alarms: namesakes, partner
 * names on unrelated domains, QR codes, callback phishing, HTML/SVG smuggling, invitations,
 * free hosting, payments reported rather than requested, everyday words in service names.
 */
class NewTechniquesTest {

    private static final byte[] PNG = CorpusFiles.image("png", 16, 16, 0x101010);

    @Test
    void aNamesakeAtAnUnrelatedCompanyWeighsLessThanAnImpersonator() {
        Finding namesake = finding(analyze(mail("Jane Smith <jane.smith@harbor-freight.test>").text("Samples shipped today.")),
                "impersonation.display-name");
        assertThat(namesake.weight()).isEqualTo(3.0);
        assertThat(namesake.explanation()).contains("namesake");
        // free-mail, a lookalike of ours, or a generic mailbox: full weight
        assertThat(finding(analyze(mail("Jane Smith <jane.smith@gmail.test>").text("x")), "impersonation.display-name").weight()).isEqualTo(5.0);
        assertThat(finding(analyze(mail("Jane Smith <jane.smith@corp-payments.test>").text("x")), "impersonation.display-name").weight())
                .isEqualTo(5.0);
        assertThat(finding(analyze(mail("Jane Smith <office@harbor-freight.test>").text("x")), "impersonation.display-name").weight())
                .isEqualTo(5.0);
        assertThat(finding(analyze(mail("Jane Smith <jsmith@harbor-freight.test>").text("x")), "impersonation.display-name").weight())
                .isEqualTo(3.0);
    }

    @Test
    void aCorrespondentsNameOnAnUnrelatedDomain() {
        Verdict v = analyze(mail("Partner Supplies Billing <billing@psl-remit.test>").text("Our bank account has changed."));
        assertThat(finding(v, "impersonation.partner-name").explanation()).contains("partner-supplies.com", "billing@psl-remit.test");
        assertThat(analyze(mail("Partner Supplies Billing <billing@partner-supplies.com>").text("x")).has("impersonation.partner-name"))
                .isFalse();
        AnalysisContext noHistory = ctx().withHistory(CorrespondentHistory.none());
        assertThat(analyze(mail("Partner Supplies Billing <billing@psl-remit.test>").text("x"), noHistory).has("impersonation.partner-name"))
                .isFalse();
    }

    @Test
    void qrCodesThatLeadToASignInAreFlaggedButTicketsAreNot() {
        Verdict phish = analyze(mail("Security <no-reply@mfa-renew.test>").text("Your password expires today. Scan the attached QR code "
                + "with your phone to verify your account.").attach("code.png", "image/png", PNG));
        assertThat(phish.has("phish.qr-code")).isTrue();
        assertThat(phish.action()).isNotEqualTo(Action.DELIVER);
        Verdict jp = analyze(mail("総務 <soumu@portal-info.test>").text("添付のQRコードを読み取り、本人確認を行ってください。", "UTF-8", "base64"));
        assertThat(jp.has("phish.qr-code")).isTrue();
        Verdict ticket = analyze(mail("Tickets <tickets@events.test>").text("Show this QR code at the entrance, or scan it with your phone "
                + "to add it to your wallet.").attach("ticket.png", "image/png", PNG));
        assertThat(ticket.has("phish.qr-code")).isFalse();
        assertThat(ticket.action()).isEqualTo(Action.DELIVER);
    }

    @Test
    void callbackPhishingNeedsBothTheDisputeAndThePhoneNumber() {
        Verdict v = analyze(mail("Billing <billing.team@outlook.test>").text("Your subscription has been renewed and your card has been "
                + "charged $399. If you did not authorize this charge, call our billing department at +1 (808) 555-0147."));
        assertThat(v.has("phish.callback")).isTrue();
        assertThat(analyze(mail("Ichiro <suzuki@vendor.test>").text("Could you call me at +81 3 5555 0147 this afternoon?"))
                .has("phish.callback")).isFalse();
        assertThat(analyze(mail("Shop <shop@vendor.test>").text("If you did not make this order, please reply to this e-mail."))
                .has("phish.callback")).isFalse();
    }

    @Test
    void htmlAndSvgSmugglingReachQuarantine() {
        String page = "<html><body><script>var b=atob('UEsDBA==');var u=new Uint8Array(b.length);"
                + "var a=document.createElement('a');a.href=URL.createObjectURL(new Blob([u]));a.download='x.zip';a.click();</script></body></html>";
        Verdict v = analyze(mail("Docs <docs@share.test>").text("See attachment.").attach("doc.html", "text/html",
                page.getBytes(StandardCharsets.UTF_8)));
        assertThat(v.has("attachment.html-smuggling")).isTrue();
        assertThat(v.action()).isEqualTo(Action.QUARANTINE);
        Verdict svg = analyze(mail("Fax <fax@share.test>").text("x").attach("fax.svg", "image/svg+xml",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"location.href='https://share.test/x'\"></svg>".getBytes(StandardCharsets.UTF_8)));
        assertThat(finding(svg, "attachment.html-active").weight()).isEqualTo(7.0);
        Verdict plain = analyze(mail("Docs <docs@share.test>").text("x").attach("page.html", "text/html",
                "<html><body><script>console.log('hi')</script></body></html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(plain.has("attachment.html-smuggling")).isFalse();
        assertThat(plain.has("attachment.html-active")).isTrue();
    }

    @Test
    void invitationTextAndLinksAreRead() {
        String ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Mailbox check\r\nDESCRIPTION:Your mailbox will be disabled. Verify your "
                + "account at https://c0rp.test/lo\r\n gin\\nThanks\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        Verdict v = analyze(mail("Calendar <cal@notify.test>").text("Invitation attached.").attach("invite.ics", "text/calendar",
                ics.getBytes(StandardCharsets.UTF_8)));
        assertThat(v.has("bec.credential-request")).isTrue();
        assertThat(v.has("lookalike.link-domain")).isTrue(); // c0rp.test, folded over two lines
    }

    @Test
    void signInPagesOnFreeHostingWeighMore() {
        Verdict v = analyze(mail("Payroll <payroll@staff-update.test>").html("<p>Verify your account information by Friday.</p>"
                + "<a href=\"https://docs.google.com/forms/d/e/1FAI/viewform\">Verify</a>"));
        assertThat(finding(v, "phish.credential-link").weight()).isEqualTo(4.0);
        Verdict elsewhere = analyze(mail("Payroll <payroll@staff-update.test>").html("<p>Verify your account information by Friday.</p>"
                + "<a href=\"https://portal.example-hr.test/login\">Verify</a>"));
        assertThat(finding(elsewhere, "phish.credential-link").weight()).isEqualTo(2.5);
    }

    @Test
    void aPaymentReportedIsNotARequest() {
        Verdict paid = analyze(mail("Ken <ken.walsh.shop@gmail.test>").text("I paid order 6120 by bank transfer this morning. "
                + "Could you ship it as soon as possible?"));
        assertThat(paid.has("bec.payment-request")).isTrue();
        assertThat(paid.has("bec.pressure-and-request")).isFalse();
        assertThat(paid.has("bec.freemail-sender")).isFalse();
        Verdict asked = analyze(mail("Ken <ken.walsh.shop@gmail.test>").text("Please process a wire transfer as soon as possible."));
        assertThat(asked.has("bec.pressure-and-request")).isTrue();
        assertThat(asked.has("bec.freemail-sender")).isTrue();
    }

    @Test
    void everydayWordsInDomainsAreNotServiceLookalikes() {
        assertThat(analyze(mail("Law <info@hale-law-office.test>").text("x")).has("lookalike.domain")).isFalse();
        assertThat(analyze(mail("Dental <info@zoom-dental.test>").text("x")).has("lookalike.domain")).isFalse();
        assertThat(analyze(mail("Team <team@office-verify-account.test>").text("x")).has("lookalike.domain")).isTrue();
        assertThat(analyze(mail("PayPal <x@paypal-billing.test>").text("x")).has("lookalike.domain")).isTrue();
    }

    @Test
    void macrosDdeAndWebTemplatesAreHeldButLocalTemplatePathsAreNot() {
        Verdict macro = analyze(mail("Accounts <a@vendor.test>").text("x").attach("inv.doc", "application/msword", CorpusFiles.docWithMacro()));
        assertThat(macro.action()).isEqualTo(Action.QUARANTINE);
        Verdict web = analyze(mail("E <e@vendor.test>").text("x").attach("a.docx", "application/octet-stream",
                CorpusFiles.docxRemoteTemplate("https://203.0.113.5/t.dotm")));
        assertThat(finding(web, "office.remote-template").weight()).isEqualTo(10.0);
        Verdict local = analyze(mail("E <e@vendor.test>").text("x").attach("a.docx", "application/octet-stream",
                CorpusFiles.docxRemoteTemplate("file:///C:/Users/jane/AppData/Roaming/Microsoft/Templates/Normal.dotm")));
        assertThat(local.has("office.remote-template")).isFalse();
        Verdict unc = analyze(mail("E <e@vendor.test>").text("x").attach("a.docx", "application/octet-stream",
                CorpusFiles.docxRemoteTemplate("\\\\files.vendor.test\\templates\\t.dotm")));
        assertThat(finding(unc, "office.remote-template").weight()).isEqualTo(8.0);
    }

    @Test
    void sevenZipWithEncryptedHeadersAndAPassword() {
        Verdict v = analyze(mail("Docs <d@vendor.test>").text("Archive password: 8841")
                .attach("docs.7z", "application/x-7z-compressed", CorpusFiles.sevenZipEncrypted(64)));
        assertThat(finding(v, "archive.encrypted").weight()).isEqualTo(6.5);
        Map<String, byte[]> entries = Map.of("x.one", CorpusFiles.onenote());
        assertThat(analyze(mail("D <d@vendor.test>").text("x").attach("a.zip", "application/zip", CorpusFiles.zip(entries)))
                .has("attachment.active-content")).isTrue();
    }
}
