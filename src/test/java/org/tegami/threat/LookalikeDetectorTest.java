package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.threat.TestMessages.*;

import java.net.IDN;
import org.junit.jupiter.api.Test;

class LookalikeDetectorTest {

    private static Finding lookalike(String from) {
        return finding(analyze(mail("X <x@" + from + ">").text("x")), "lookalike.domain");
    }

    @Test
    void typosOfPartnersAndOwnDomain() {
        assertThat(lookalike("partner-suppiies.com").explanation()).contains("partner-supplies.com");
        assertThat(lookalike("partner-supplies.co").explanation()).contains("same name with another ending");
        assertThat(lookalike("c0rp.test")).isNotNull();
        assertThat(lookalike("corp-payments.test").explanation()).contains("adds words");
    }

    @Test
    void homoglyphsAndIdn() {
        assertThat(lookalike("paypa1.com").explanation()).contains("paypal.com");
        Finding idn = lookalike(IDN.toASCII("pаypal.com"));
        assertThat(idn.explanation()).contains("look-alike characters");
        assertThat(lookalike("rnicrosoft.com")).isNotNull();
    }

    @Test
    void mixedScriptIdnWithoutTarget() {
        String mixed = IDN.toASCII("bаnkofsomewhere.com"); // Cyrillic а, no protected target
        assertThat(finding(analyze(mail("X <x@" + mixed + ">").text("x")), "lookalike.idn-mixed-script")).isNotNull();
        assertThat(finding(analyze(mail("X <x@" + IDN.toASCII("日本語.jp") + ">").text("x")), "lookalike.idn-mixed-script")).isNull();
    }

    @Test
    void realDomainInFrontOfAnotherInLinks() {
        Verdict v = analyze(mail("X <x@mailer.test>").html("<a href=\"https://paypal.com.account-check.test/login\">go</a>"));
        assertThat(finding(v, "lookalike.link-domain").explanation()).contains("paypal.com.account-check.test");
    }

    @Test
    void sameOrganizationAndTrackersAreNotLookalikes() {
        assertThat(lookalike("mail.partner-supplies.com")).isNull();
        assertThat(lookalike("corp.test")).isNull();
        assertThat(lookalike("unrelated-company.test")).isNull();
        Verdict v = analyze(mail("News <n@partner-supplies.com>").html("<a href=\"https://partner-supplies.us1.list-manage.com/x\">x</a>"));
        assertThat(v.has("lookalike.link-domain")).isFalse();
    }
}
