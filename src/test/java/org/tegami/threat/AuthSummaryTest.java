package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthSummaryTest {

    @Test
    void absentHeadersAreUnknownNotFailed() {
        AuthSummary a = AuthSummary.fromAuthenticationResults(List.of());
        assertThat(a.isUnknown()).isTrue();
        assertThat(a.contradicts("corp.test")).isFalse();
        assertThat(a.authenticates("corp.test")).isFalse();
    }

    @Test
    void parsesAllMethodsAndPolicyFromComment() {
        AuthSummary a = AuthSummary.fromAuthenticationResults(List.of(
                "mx.corp.test; spf=pass smtp.mailfrom=bounce.example.com; dkim=pass (2048-bit key) header.d=example.com header.s=s1; "
                        + "dmarc=pass (p=REJECT sp=NONE dis=NONE) header.from=example.com"));
        assertThat(a.spf()).isEqualTo(AuthSummary.Result.PASS);
        assertThat(a.spfDomain()).isEqualTo("bounce.example.com");
        assertThat(a.dkimPassingDomains()).containsExactly("example.com");
        assertThat(a.dmarc()).isEqualTo(AuthSummary.Result.PASS);
        assertThat(a.dmarcPolicy()).isEqualTo(AuthSummary.Policy.REJECT);
        assertThat(a.authenticates("news.example.com")).isTrue();
    }

    @Test
    void dmarcFailContradictsFromDomain() {
        AuthSummary a = AuthSummary.fromAuthenticationResults(List.of(
                "mx.corp.test; spf=fail smtp.mailfrom=corp.test; dkim=none; dmarc=fail policy.dmarc=quarantine header.from=corp.test"));
        assertThat(a.contradicts("corp.test")).isTrue();
        assertThat(a.dmarcPolicy()).isEqualTo(AuthSummary.Policy.QUARANTINE);
        assertThat(a.contradicts("other.test")).isFalse();
    }

    @Test
    void spfFailWithoutDmarcContradictsOnlyItsDomain() {
        AuthSummary a = AuthSummary.fromAuthenticationResults(List.of("mx; spf=softfail smtp.mailfrom=user@shop.test"));
        assertThat(a.spfDomain()).isEqualTo("shop.test");
        assertThat(a.contradicts("shop.test")).isTrue();
        assertThat(a.contradicts("corp.test")).isFalse();
    }

    @Test
    void topmostHeaderWinsAndUntrustedServersAreIgnored() {
        List<String> headers = List.of("mx.corp.test; dmarc=pass header.from=a.test", "evil.test; dmarc=fail header.from=a.test");
        assertThat(AuthSummary.fromAuthenticationResults(headers).dmarc()).isEqualTo(AuthSummary.Result.PASS);
        AuthSummary trusted = AuthSummary.fromAuthenticationResults(List.of("evil.test; dmarc=pass header.from=a.test"), Set.of("mx.corp.test"));
        assertThat(trusted.isUnknown()).isTrue();
    }

    @Test
    void garbageNeverThrows() {
        for (String s : List.of("", ";;;", "(((", "x; =; spf", "x; dkim=pass header.d=", "\"unterminated; dmarc=fail")) {
            AuthSummary.fromAuthenticationResults(List.of(s));
        }
        assertThat(AuthSummary.fromAuthenticationResults(List.of("x; spf=bogus")).spf()).isEqualTo(AuthSummary.Result.UNKNOWN);
    }
}
