package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.threat.TestMessages.*;

import org.junit.jupiter.api.Test;

class HtmlDetectorTest {

    private static Verdict html(String body) {
        return analyze(mail("Shop <news@shop.test>").html(body));
    }

    @Test
    void activeContent() {
        assertThat(html("<script>alert(1)</script><p>x</p>").has("html.script")).isTrue();
        assertThat(finding(html("<img src=x onerror=\"alert(1)\">"), "html.event-handler").explanation()).contains("onerror");
        assertThat(finding(html("<form action=\"https://a.test\"><input type=\"password\"></form>"), "html.form").weight()).isEqualTo(5.0);
        assertThat(html("<iframe src=\"https://a.test\"></iframe>").has("html.embedded-content")).isTrue();
        assertThat(html("<a href=\" JaVaScRiPt:alert(1)\">x</a>").has("html.javascript-url")).isTrue();
        assertThat(html("<meta http-equiv=\"refresh\" content=\"0;url=https://a.test\">").has("html.meta-refresh")).isTrue();
    }

    @Test
    void deceptiveLinks() {
        Finding f = finding(html("<a href=\"https://evil.test/login\">https://www.shop.test/account</a>"), "html.link-mismatch");
        assertThat(f.explanation()).contains("www.shop.test", "evil.test");
        assertThat(html("<a href=\"https://www.shop.test/a\">www.shop.test</a>").has("html.link-mismatch")).isFalse();
        assertThat(html("<a href=\"https://u1.ct.sendgrid.net/x\">www.shop.test</a>").has("html.link-mismatch")).isFalse();
        assertThat(html("<a href=\"http://203.0.113.9/x\">Track</a>").has("link.ip-address")).isTrue();
        // a well-known site shown over a link to the sender's own (phishing) domain
        Verdict own = analyze(mail("Bank <service@bank-secure.test>").html("<a href=\"http://bank-secure.test/x\">https://www.paypal.com/signin</a>"));
        assertThat(finding(own, "html.link-mismatch").weight()).isEqualTo(5.0);
        // a newsletter's own redirector under an unknown shown domain is routine
        assertThat(html("<a href=\"https://click.shop.test/r/1\">www.shop-partner.test</a>").has("html.link-mismatch")).isFalse();
    }

    @Test
    void pixelsAndHiddenTextAreWeakSignals() {
        Verdict v = html("<p>Hi</p><img src=\"https://t.shop.test/o.gif\" width=\"1\" height=\"1\"><div style=\"display: none\">"
                + "lorem ipsum ".repeat(40) + "</div>");
        assertThat(finding(v, "html.tracking-pixel").weight()).isLessThan(1.0);
        assertThat(v.has("html.hidden-text")).isTrue();
        assertThat(v.action()).isEqualTo(Action.DELIVER);
        assertThat(html("<div style=\"display:none\">short preheader</div><p>x</p>").has("html.hidden-text")).isFalse();
    }
}
