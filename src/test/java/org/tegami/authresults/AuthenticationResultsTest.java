package org.tegami.authresults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimResult;
import org.tegami.dmarc.DmarcRecord;
import org.tegami.dmarc.DmarcResult;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimeParser;
import org.tegami.spf.SpfResult;

class AuthenticationResultsTest {

    static final SpfResult SPF = new SpfResult(SpfResult.Result.PASS, SpfResult.Identity.MAILFROM, "alice@example.com",
            "example.com", "ip4:192.0.2.0/24", null, "192.0.2.1 is authorized by example.com");
    static final DkimResult DKIM = new DkimResult(DkimResult.Status.PASS, "good", "example.com", "s2026",
            DkimAlgorithm.RSA_SHA256, "@example.com", "AbC+/deF0123", false, false, 2048);
    static final DkimResult DKIM_FAIL = new DkimResult(DkimResult.Status.FAIL, "body hash did not verify (body changed in transit)",
            "lists.example.org", "ed", DkimAlgorithm.ED25519_SHA256, "bob@lists.example.org", "zzzzzzzzzzzz", true, false, 256);
    static final DmarcResult DMARC = new DmarcResult(DmarcResult.Status.PASS, "example.com", "example.com", null,
            DmarcRecord.Policy.REJECT, DmarcRecord.Policy.NONE, null, true, true, "example.com", "DMARC pass");

    @Test
    void buildsTheExpectedHeader() {
        // header.b holds "/" (a tspecial), so RFC 8601 wants it quoted
        String v = AuthenticationResults.of("mx.tegami.example", SPF, List.of(DKIM, DKIM_FAIL), DMARC).toValue();
        assertThat(v).doesNotContain("\t");
        assertThat(v.replace("\r\n", "")).isEqualTo("mx.tegami.example; spf=pass smtp.mailfrom=alice@example.com;"
                + " dkim=pass header.d=example.com header.s=s2026 header.a=rsa-sha256 header.b=\"AbC+/deF0123\";"
                + " dkim=fail (l= leaves body content unsigned) reason=\"body hash did not verify (body changed in transit)\""
                + " header.d=lists.example.org header.s=ed header.i=bob@lists.example.org header.a=ed25519-sha256 header.b=zzzzzzzzzzzz;"
                + " dmarc=pass (p=reject dis=none) header.from=example.com");
        assertThat(AuthenticationResults.of("mx.tegami.example", null, List.of(), null).toValue())
                .isEqualTo("mx.tegami.example;\r\n dkim=none");
    }

    @Test
    void roundTripsThroughTheParser() {
        AuthenticationResults built = AuthenticationResults.of("mx.tegami.example", SPF, List.of(DKIM, DKIM_FAIL), DMARC);
        // through a real header block, as `tegami analyze` reads it from a file
        byte[] msg = (built.toField() + "From: a@example.com\r\n\r\nbody\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String value = MimeParser.parse(msg).headers().value("Authentication-Results");
        AuthenticationResults back = ((AuthResultsParser.Valid) AuthResultsParser.parse(value)).results();
        assertThat(back).isEqualTo(built);
        assertThat(back.first("dmarc").comment()).isEqualTo("p=reject dis=none");
        assertThat(back.first("dkim").property("header", "b")).isEqualTo("AbC+/deF0123");
    }

    @Test
    void parsesRfc8601Examples() {
        // RFC 8601 Appendix B.2, B.4, B.5 and B.6 (comments, versions, no-result, quoted values)
        AuthenticationResults none = parsed("example.org 1; none");
        assertThat(none.results()).isEmpty();
        assertThat(none.version()).isEqualTo(1);
        AuthenticationResults b4 = parsed("example.com;\r\n          spf=pass smtp.mailfrom=example.net");
        assertThat(b4.first("spf").property("smtp", "mailfrom")).isEqualTo("example.net");
        AuthenticationResults b5 = parsed("example.com;\r\n  auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
                + "  spf=pass smtp.mailfrom=example.net");
        assertThat(b5.results()).extracting(AuthenticationResults.Result::method).containsExactly("auth", "spf");
        assertThat(b5.first("auth").comment()).isEqualTo("cram-md5");
        assertThat(b5.first("auth").property("smtp", "auth")).isEqualTo("sender@example.net");
        AuthenticationResults b6 = parsed("example.com;\r\n  dkim=pass (good signature) header.d=mail-router.example.net;\r\n"
                + "  dkim=fail (bad signature) header.d=newyork.example.com");
        assertThat(b6.results()).extracting(AuthenticationResults.Result::result).containsExactly("pass", "fail");
        AuthenticationResults q = parsed("\"mx (1).example\" (c) 1 ; SPF = Pass (x (nested)) reason=\"a; b\" smtp.mailfrom = \"a b\"@example.com");
        assertThat(q.authservId()).isEqualTo("mx (1).example");
        assertThat(q.first("spf").reason()).isEqualTo("a; b");
        assertThat(q.first("spf").comment()).isEqualTo("x (nested)");
        assertThat(q.first("spf").property("smtp", "mailfrom")).isEqualTo("\"a b\"@example.com");
    }

    @Test
    void junkIsSkippedOrRefused() {
        assertThat(AuthResultsParser.parse("")).isInstanceOf(AuthResultsParser.Invalid.class);
        assertThat(AuthResultsParser.parse(";;;")).isInstanceOf(AuthResultsParser.Invalid.class);
        assertThat(AuthResultsParser.parse(null)).isInstanceOf(AuthResultsParser.Invalid.class);
        assertThat(AuthResultsParser.parse("x".repeat(70_000))).isInstanceOf(AuthResultsParser.Invalid.class);
        AuthenticationResults partial = parsed("mx.example; garbage garbage; spf=pass smtp.mailfrom=a@b.example; dkim=; =x");
        assertThat(partial.results()).extracting(AuthenticationResults.Result::method).containsExactly("spf");
    }

    @Test
    void findsFieldsClaimingOurAuthservId() {
        List<HeaderField> header = List.of(
                HeaderField.of("Authentication-Results", "MX.Tegami.Example; spf=pass smtp.mailfrom=a@evil.example"),
                HeaderField.of("Received", "from x"),
                HeaderField.of("authentication-results", " (forged) mx.tegami.example; dkim=pass"),
                HeaderField.of("Authentication-Results", "mx.other.example; spf=fail"),
                HeaderField.of("Authentication-Results", "mx.tegami.example.evil; spf=pass"));
        assertThat(AuthResultsParser.claiming(header, "mx.tegami.example")).containsExactly(0, 2);
        assertThat(AuthResultsParser.claims("\"mx.tegami.example\"; none", "mx.tegami.example")).isTrue();
        assertThat(AuthResultsParser.claims(null, "mx.tegami.example")).isFalse();
        assertThat(AuthResultsParser.topmost(header, "mx.other.example").orElseThrow().first("spf").result()).isEqualTo("fail");
        assertThat(AuthResultsParser.topmost(header, null).orElseThrow().authservId()).isEqualTo("MX.Tegami.Example");
        assertThat(AuthResultsParser.topmost(header, "absent.example")).isEmpty();
        assertThat(AuthResultsParser.topmost(List.of(HeaderField.of("Subject", "x")), null)).isEmpty();
    }

    private static AuthenticationResults parsed(String v) {
        AuthResultsParser.Parsed p = AuthResultsParser.parse(v);
        assertThat(p).as(v).isInstanceOf(AuthResultsParser.Valid.class);
        return ((AuthResultsParser.Valid) p).results();
    }
}
