package org.tegami.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 3461 parameter syntax: xtext, NOTIFY, RET, ENVID, ORCPT. */
class DsnParamsTest {

    @Test
    void xtextRoundTripsAndRejectsMalformedEscapes() {
        assertThat(DsnParams.encodeXtext("a+b=c d")).isEqualTo("a+2Bb+3Dc+20d");
        assertThat(DsnParams.decodeXtext("a+2Bb+3Dc+20d")).isEqualTo("a+b=c d");
        assertThat(DsnParams.decodeXtext("bad+2")).isNull();
        assertThat(DsnParams.decodeXtext("bad+zz")).isNull();
        assertThat(DsnParams.decodeXtext("lower+2b")).isNull(); // hexchar is upper case (RFC 3461 §4)
        assertThat(DsnParams.decodeXtext("no=equals")).isNull();
        assertThat(DsnParams.decodeXtext("sp ace")).isNull();
    }

    @Test
    void notifyKeywords() {
        assertThat(DsnParams.parseNotify(null)).isEqualTo(EnumSet.of(DsnParams.Notify.FAILURE, DsnParams.Notify.DELAY));
        assertThat(DsnParams.parseNotify("NEVER")).isEmpty();
        assertThat(DsnParams.parseNotify("success,Delay")).containsExactlyInAnyOrder(DsnParams.Notify.SUCCESS, DsnParams.Notify.DELAY);
        assertThat(DsnParams.parseNotify("SUCCESS,NEVER")).isNull();
        assertThat(DsnParams.parseNotify("SOMETIMES")).isNull();
    }

    @Test
    void mailAndRcptChecks() {
        assertThat(DsnParams.checkMail(Map.of("RET", "HDRS", "ENVID", "abc+2B1"))).isNull();
        assertThat(DsnParams.checkMail(Map.of("RET", "PARTIAL")).code()).isEqualTo(501);
        assertThat(DsnParams.checkMail(Map.of("ENVID", "x".repeat(101))).code()).isEqualTo(501);
        assertThat(DsnParams.checkRcpt(Map.of("NOTIFY", "FAILURE", "ORCPT", "rfc822;bob@example.test"))).isNull();
        assertThat(DsnParams.checkRcpt(Map.of("ORCPT", "bob@example.test")).code()).isEqualTo(501);
        assertThat(DsnParams.checkRcpt(Map.of("ORCPT", "rfc822;has space")).code()).isEqualTo(501);
        assertThat(DsnParams.parseRet("full")).isEqualTo(DsnParams.Ret.FULL);
    }
}
