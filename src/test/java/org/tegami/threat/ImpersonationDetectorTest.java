package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.threat.TestMessages.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.threat.corpus.Eml;

class ImpersonationDetectorTest {

    @Test
    void colleaguesNameOnOutsideAddress() {
        Verdict v = analyze(mail("Jane Smith <jane.smith@gmail.test>").text("Hello"));
        Finding f = finding(v, "impersonation.display-name");
        assertThat(f).isNotNull();
        assertThat(f.weight()).isEqualTo(5.0);
        assertThat(f.explanation()).contains("\"Jane Smith\"", "jane@corp.test", "jane.smith@gmail.test");
    }

    @Test
    void reorderedPunctuatedAndHomoglyphNamesStillMatch() {
        assertThat(analyze(mail("\"Smith, Jane\" <x@evil.test>").text("x")).has("impersonation.display-name")).isTrue();
        assertThat(analyze(mail("Jаne Smith <x@evil.test>").text("x")).has("impersonation.display-name")).isTrue(); // Cyrillic а
        assertThat(analyze(mail("Jane Smith (CEO) <x@evil.test>").text("x")).has("impersonation.display-name")).isTrue();
        assertThat(analyze(mail(Eml.addr("山田太郎", "x@evil.test", "UTF-8")).text("x")).has("impersonation.display-name")).isTrue();
    }

    @Test
    void vipWeighsMoreAndTheirOwnAddressesAreFine() {
        assertThat(finding(analyze(mail("Robert Brown <rb@evil.test>").text("x")), "impersonation.display-name").weight()).isEqualTo(6.0);
        assertThat(analyze(mail("Robert Brown <bob.brown.home@gmail.com>").text("x")).has("impersonation.display-name")).isFalse();
    }

    @Test
    void internalSenderAndOneWordRoleNamesAreNotImpersonation() {
        assertThat(analyze(mail("Jane Smith <jane@corp.test>").text("x")).findings()).isEmpty();
        assertThat(analyze(mail("Support <support@vendor.test>").text("x")).has("impersonation.display-name")).isFalse();
        assertThat(analyze(mail("Jane Doe <jane@vendor.test>").text("x")).has("impersonation.display-name")).isFalse();
    }

    @Test
    void addressInDisplayName() {
        Verdict v = analyze(mail("\"jane@corp.test\" <mailer@bulk.test>").text("x"));
        assertThat(finding(v, "impersonation.display-name-address").explanation()).contains("jane@corp.test", "mailer@bulk.test");
    }

    @Test
    void replyToElsewhereAndToFreemail() {
        Verdict v = analyze(mail("Partner AP <ap@partner-supplies.com>").replyTo("partner.ap@gmail.com").text("x"));
        Finding f = finding(v, "impersonation.reply-to");
        assertThat(f.weight()).isEqualTo(3.5);
        assertThat(f.explanation()).contains("partner.ap@gmail.com", "free-mail");
        assertThat(analyze(mail("A <a@shop.test>").replyTo("help@shop.test").text("x")).has("impersonation.reply-to")).isFalse();
    }

    @Test
    void ownDomainFailingAuthentication() {
        AnalysisContext ctx = ctx().withAuth(AuthSummary.fromAuthenticationResults(
                List.of("mx.corp.test; spf=fail smtp.mailfrom=corp.test; dkim=none; dmarc=fail header.from=corp.test")));
        Verdict v = analyze(mail("Jane Smith <jane@corp.test>").text("x"), ctx);
        assertThat(finding(v, "impersonation.own-domain").weight()).isEqualTo(6.0);
        assertThat(v.action()).isEqualTo(Action.TAG);
    }

    @Test
    void unknownAuthenticationIsNoEvidence() {
        Verdict v = analyze(mail("Partner AP <ap@partner-supplies.com>").text("x"));
        assertThat(v.findings()).isEmpty();
        assertThat(v.action()).isEqualTo(Action.DELIVER);
        assertThat(v.score()).isZero();
    }

    @Test
    void knownCorrespondentFailingDmarc() {
        AnalysisContext ctx = ctx().withAuth(AuthSummary.fromAuthenticationResults(
                List.of("mx.corp.test; spf=fail smtp.mailfrom=partner-supplies.com; dmarc=fail header.from=partner-supplies.com")));
        assertThat(analyze(mail("AP <ap@partner-supplies.com>").text("x"), ctx).has("auth.known-sender-unverified")).isTrue();
    }

    @Test
    void brandNameFromUnrelatedDomain() {
        Verdict v = analyze(mail("PayPal Service <service@secure-billing.test>").text("x"));
        assertThat(finding(v, "impersonation.brand").explanation()).contains("PayPal", "secure-billing.test");
        assertThat(analyze(mail("PayPal <service@paypal.com>").text("x")).has("impersonation.brand")).isFalse();
    }

    @Test
    void firstContactOnlyWithHistory() {
        assertThat(analyze(mail("New <a@new-domain.test>").text("x")).has("sender.first-contact")).isTrue();
        AnalysisContext noHistory = ctx().withHistory(CorrespondentHistory.none());
        assertThat(analyze(mail("New <a@new-domain.test>").text("x"), noHistory).has("sender.first-contact")).isFalse();
    }

    @Test
    void organizationNameAndItRole() {
        assertThat(analyze(mail("Corp IT Team <it@helpdesk-portal.test>").text("x")).has("impersonation.org-name")).isTrue();
        assertThat(analyze(mail("Mail Administrator <admin@quota-check.test>").text("x")).has("impersonation.it-role")).isTrue();
    }
}
