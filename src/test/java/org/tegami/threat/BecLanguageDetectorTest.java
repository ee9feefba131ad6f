package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.threat.TestMessages.*;

import org.junit.jupiter.api.Test;
import org.tegami.threat.corpus.Eml;

class BecLanguageDetectorTest {

    @Test
    void englishCategories() {
        Verdict v = analyze(mail("A <a@unknown.test>").text("Are you at your desk? Keep this between us. I need Apple gift cards urgently."));
        assertThat(v.findingIds()).contains("bec.availability-check", "bec.secrecy", "bec.gift-card", "bec.urgency", "bec.pressure-and-request");
        assertThat(finding(v, "bec.gift-card").explanation()).contains("gift cards");
    }

    @Test
    void japaneseCategoriesInIso2022Jp() {
        Eml e = mail("A <a@unknown.test>").subject("至急", "ISO-2022-JP")
                .text("今お時間ありますか。振込先口座の変更をお願いします。内密にお願いします。", "ISO-2022-JP", "7bit");
        Verdict v = analyze(e);
        assertThat(v.findingIds()).contains("bec.urgency", "bec.availability-check", "bec.bank-change", "bec.secrecy");
    }

    @Test
    void languageAloneIsCapped() {
        Verdict v = analyze(mail("A <a@unknown.test>").text("Urgent and confidential: are you available? Wire transfer today, "
                + "our bank details have changed, buy gift cards, verify your account, send me your cell number, W-2 forms."),
                ctx().withHistory(CorrespondentHistory.none()));
        double language = v.findings().stream().filter(f -> f.id().startsWith("bec.")).mapToDouble(Finding::weight).sum();
        assertThat(language).isLessThanOrEqualTo(BecLanguageDetector.CAP + 0.01);
        assertThat(v.action()).isEqualTo(Action.TAG);
    }

    @Test
    void bankChangeWithFuturePaymentsTags() {
        Verdict v = analyze(mail("Accounts <accounts@new-vendor.test>").text("Kindly note that we have updated our banking details. "
                + "Please make all future payments to the account below."), ctx().withHistory(CorrespondentHistory.none()));
        assertThat(v.findingIds()).contains("bec.bank-change", "bec.payment-request", "bec.payment-redirect");
        assertThat(v.action()).isEqualTo(Action.TAG);
    }

    @Test
    void mailboxAdminLureTags() {
        Verdict v = analyze(mail("Mail Admin <noreply@mailbox-center.test>").html("<p>Your email account will be deactivated in 24 hours.</p>"
                + "<a href=\"https://mailbox-center.test/keep\">Keep my account</a>"), ctx().withHistory(CorrespondentHistory.none()));
        assertThat(v.findingIds()).contains("impersonation.it-role", "bec.credential-request", "bec.urgency");
        assertThat(v.action()).isEqualTo(Action.TAG);
    }

    @Test
    void oneSignalAloneDoesNotTag() {
        assertThat(analyze(mail("A <a@unknown.test>").text("Please pay the invoice by Friday.")).action()).isEqualTo(Action.DELIVER);
        assertThat(analyze(mail("A <a@unknown.test>").text("This is urgent.")).action()).isEqualTo(Action.DELIVER);
    }

    @Test
    void disclaimersAndQuotedTextAreIgnored() {
        Verdict v = analyze(mail("A <a@unknown.test>").text("Thanks for the call.\n> Urgent: wire transfer please\n"
                + "This e-mail is confidential and intended solely for the addressee."));
        assertThat(v.findings()).noneMatch(f -> f.id().startsWith("bec."));
    }

    @Test
    void knownCorrespondentsCountHalfExceptBankChanges() {
        Verdict v = analyze(mail("AP <ap@partner-supplies.com>").text("Please pay the invoice urgently. Our bank details have changed."));
        assertThat(finding(v, "bec.payment-request").weight()).isEqualTo(0.5);
        assertThat(finding(v, "bec.bank-change").weight()).isEqualTo(3.0);
    }

    @Test
    void freemailAndCredentialLinkCombine() {
        Verdict v = analyze(mail("Boss <boss.private@gmail.com>").text("I need you to buy gift cards."));
        assertThat(v.has("bec.freemail-sender")).isTrue();
        Verdict p = analyze(mail("Accounts <a@shop.test>").html("<p>Verify your account now</p><a href=\"https://login.other.test/\">x</a>"));
        assertThat(finding(p, "phish.credential-link").explanation()).contains("login.other.test", "shop.test");
    }

    @Test
    void passwordResetLinkingToItsOwnSiteIsNotPhishing() {
        Verdict v = analyze(mail("GitHub <noreply@github.com>").text("Reset your password within 3 hours: https://github.com/password_reset/x"));
        assertThat(v.action()).isEqualTo(Action.DELIVER);
        assertThat(v.has("bec.credential-request")).isFalse();
    }
}
