package org.tegami.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimResult;
import org.tegami.dns.InMemoryResolver;
import org.tegami.mime.HeaderField;
import org.tegami.spf.SpfResult;
import org.tegami.dmarc.DmarcRecord.Policy;

class DmarcEvaluatorTest {

    private final InMemoryResolver dns = new InMemoryResolver();

    /** A RandomGenerator that always returns the given value from nextInt(bound). */
    private static RandomGenerator fixed(int value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public int nextInt(int bound) {
                return value;
            }
        };
    }

    private DmarcEvaluator evaluator(int random) {
        return new DmarcEvaluator(dns, OrganizationalDomains.guava(), fixed(random));
    }

    static SpfResult spf(SpfResult.Result r, String domain) {
        return new SpfResult(r, SpfResult.Identity.MAILFROM, "x@" + domain, domain, null, null, "test");
    }

    static DkimResult dkim(DkimResult.Status s, String d) {
        return new DkimResult(s, "test", d, "sel", DkimAlgorithm.ED25519_SHA256, "@" + d, "abcdefghijkl", false, false, 256);
    }

    @Test
    void passThroughAlignedDkimOrSpf() {
        dns.addTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com");
        DmarcResult byDkim = evaluator(0).evaluate("example.com", spf(SpfResult.Result.FAIL, "bounce.other.net"),
                List.of(dkim(DkimResult.Status.FAIL, "example.com"), dkim(DkimResult.Status.PASS, "mail.example.com")));
        assertThat(byDkim.status()).isEqualTo(DmarcResult.Status.PASS);
        assertThat(byDkim.dkimAligned()).isTrue();
        assertThat(byDkim.spfAligned()).isFalse();
        assertThat(byDkim.alignedDkimDomain()).isEqualTo("mail.example.com");
        assertThat(byDkim.disposition()).isEqualTo(Policy.NONE);
        assertThat(byDkim.policy()).isEqualTo(Policy.REJECT);
        DmarcResult bySpf = evaluator(0).evaluate("example.com", spf(SpfResult.Result.PASS, "bounces.example.com"), List.of());
        assertThat(bySpf.status()).isEqualTo(DmarcResult.Status.PASS);
        assertThat(bySpf.spfAligned()).isTrue();
        assertThat(bySpf.reason()).contains("SPF", "aligned");
    }

    @Test
    void strictAlignmentNeedsExactDomain() {
        dns.addTxt("_dmarc.example.com", "v=DMARC1; p=quarantine; adkim=s; aspf=s");
        DmarcResult r = evaluator(0).evaluate("example.com", spf(SpfResult.Result.PASS, "bounces.example.com"),
                List.of(dkim(DkimResult.Status.PASS, "mail.example.com")));
        assertThat(r.status()).isEqualTo(DmarcResult.Status.FAIL);
        assertThat(r.disposition()).isEqualTo(Policy.QUARANTINE);
        assertThat(r.reason()).contains("example.com", "quarantine");
    }

    @Test
    void unalignedPassIsFailAndRejectApplies() {
        dns.addTxt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcResult r = evaluator(0).evaluate("example.com", spf(SpfResult.Result.PASS, "attacker.example"),
                List.of(dkim(DkimResult.Status.PASS, "attacker.example")));
        assertThat(r.status()).isEqualTo(DmarcResult.Status.FAIL);
        assertThat(r.policy()).isEqualTo(Policy.REJECT);
        assertThat(r.disposition()).isEqualTo(Policy.REJECT);
        assertThat(r.override()).isNull();
    }

    @Test
    void pctSamplingLowersThePolicyOneStep() {
        dns.addTxt("_dmarc.example.com", "v=DMARC1; p=reject; pct=20");
        DmarcResult in = evaluator(19).evaluate("example.com", null, List.of());
        assertThat(in.disposition()).isEqualTo(Policy.REJECT);
        DmarcResult out = evaluator(20).evaluate("example.com", null, List.of());
        assertThat(out.policy()).isEqualTo(Policy.REJECT);
        assertThat(out.disposition()).isEqualTo(Policy.QUARANTINE);
        assertThat(out.override()).isEqualTo(DmarcResult.Override.SAMPLED_OUT);
        dns.addTxt("_dmarc.test.example", "v=DMARC1; p=quarantine; t=y");
        assertThat(evaluator(0).evaluate("test.example", null, List.of()).disposition()).isEqualTo(Policy.NONE);
    }

    @Test
    void subdomainAndNonexistentPolicies() {
        dns.addTxt("_dmarc.example.com", "v=DMARC1; p=none; sp=quarantine; np=reject");
        dns.addA("real.example.com", "192.0.2.1");
        assertThat(evaluator(0).evaluate("example.com", null, List.of()).policy()).isEqualTo(Policy.NONE);
        assertThat(evaluator(0).evaluate("real.example.com", null, List.of()).policy()).isEqualTo(Policy.QUARANTINE);
        DmarcResult ghost = evaluator(0).evaluate("ghost.example.com", null, List.of());
        assertThat(ghost.policy()).isEqualTo(Policy.REJECT);
        assertThat(ghost.policyDomain()).isEqualTo("example.com");
    }

    @Test
    void temperrorsAndBrokenRecords() {
        dns.addTimeout("_dmarc.slow.example");
        assertThat(evaluator(0).evaluate("slow.example", null, List.of()).status()).isEqualTo(DmarcResult.Status.TEMPERROR);
        dns.addTxt("_dmarc.junk.example", "v=DMARC1; p=bogus");
        DmarcResult junk = evaluator(0).evaluate("junk.example", null, List.of());
        assertThat(junk.status()).isEqualTo(DmarcResult.Status.PERMERROR);
        assertThat(junk.disposition()).isEqualTo(Policy.NONE);
        dns.addTxt("_dmarc.two.example", "v=DMARC1; p=reject");
        dns.addTxt("_dmarc.two.example", "v=DMARC1; p=none");
        assertThat(evaluator(0).evaluate("two.example", null, List.of()).status()).isEqualTo(DmarcResult.Status.PERMERROR);
        dns.addTxt("_dmarc.t.example", "v=DMARC1; p=reject");
        DmarcResult t = evaluator(0).evaluate("t.example", spf(SpfResult.Result.TEMPERROR, "t.example"), List.of());
        assertThat(t.status()).isEqualTo(DmarcResult.Status.TEMPERROR);
        assertThat(evaluator(0).evaluate("nothing.example", null, List.of()).status()).isEqualTo(DmarcResult.Status.NONE);
    }

    @Test
    void fromFieldProblems() {
        dns.addTxt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcEvaluator ev = evaluator(0);
        assertThat(ev.evaluate(FromDomain.of(List.of()), null, List.of()).status()).isEqualTo(DmarcResult.Status.PERMERROR);
        FromDomain two = FromDomain.of(List.of(HeaderField.of("From", "a@ok.example"), HeaderField.of("From", "b@example.com")));
        assertThat(two.status()).isEqualTo(FromDomain.Status.MULTIPLE_FROM);
        DmarcResult r = ev.evaluate(two, null, List.of(dkim(DkimResult.Status.PASS, "ok.example")));
        assertThat(r.disposition()).isEqualTo(Policy.REJECT);
        assertThat(r.fromDomain()).isEqualTo("example.com");
        assertThat(FromDomain.ofValue("Group: a@x.example, b@y.example;").status()).isEqualTo(FromDomain.Status.MULTIPLE_DOMAINS);
        assertThat(FromDomain.ofValue("undisclosed-recipients:;").status()).isEqualTo(FromDomain.Status.NO_DOMAIN);
        assertThat(FromDomain.of(List.of(HeaderField.of("From", "=?utf-8?q?J=C3=B6rg?= <j@Example.COM>"))).domain()).isEqualTo("example.com");
        assertThat(FromDomain.ofValue("jörg@bücher.example").domain()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void overrideKeepsStatusButLowersDisposition() {
        dns.addTxt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcResult r = evaluator(0).evaluate("example.com", null, List.of())
                .withOverride(DmarcResult.Override.TRUSTED_FORWARDER, "forwarder.example");
        assertThat(r.status()).isEqualTo(DmarcResult.Status.FAIL);
        assertThat(r.disposition()).isEqualTo(Policy.NONE);
        assertThat(r.reason()).contains("trusted_forwarder");
    }

    @Test
    void recordParserDefaultsAndJunk() {
        DmarcRecord r = ((DmarcRecord.Valid) DmarcRecord.parse(
                "v=DMARC1;p=quarantine; sp=none; pct=50; adkim=s; rua=mailto:a@example.com!10m, mailto:b@x.example; ruf=mailto:f@example.com; fo=1:d; ri=3600"))
                .record();
        assertThat(r.policy()).isEqualTo(Policy.QUARANTINE);
        assertThat(r.subdomainPolicy()).isEqualTo(Policy.NONE);
        assertThat(r.nonexistentPolicy()).isEqualTo(Policy.NONE);
        assertThat(r.percent()).isEqualTo(50);
        assertThat(r.dkimAlignment()).isEqualTo(DmarcRecord.Alignment.STRICT);
        assertThat(r.spfAlignment()).isEqualTo(DmarcRecord.Alignment.RELAXED);
        assertThat(r.rua()).extracting(DmarcRecord.ReportUri::mailAddress).containsExactly("a@example.com", "b@x.example");
        assertThat(r.rua().get(0).maxBytes()).isEqualTo(10L << 20);
        assertThat(r.failureOptions()).containsExactly("1", "d");
        assertThat(r.interval()).isEqualTo(3600);
        assertThat(r.problems()).isEmpty();
        DmarcRecord junk = ((DmarcRecord.Valid) DmarcRecord.parse("v=DMARC1; p=reject; pct=abc; adkim=x; p=none; garbage; rua=not a uri"))
                .record();
        assertThat(junk.policy()).isEqualTo(Policy.REJECT);
        assertThat(junk.percent()).isEqualTo(100);
        assertThat(junk.problems()).hasSize(5);
        DmarcRecord noP = ((DmarcRecord.Valid) DmarcRecord.parse("v=DMARC1; rua=mailto:r@example.com")).record();
        assertThat(noP.policy()).isEqualTo(Policy.NONE);
        assertThat(DmarcRecord.parse("v=DMARC2; p=none")).isInstanceOf(DmarcRecord.Invalid.class);
        assertThat(DmarcRecord.parse("x".repeat(10_000))).isInstanceOf(DmarcRecord.Invalid.class);
        assertThat(new DmarcRecord.ReportUri("mailto:a%0d%0aBcc:%20x@evil.example", 0).mailAddress()).isNull();
    }

    @Test
    void externalReportDestinations() {
        ReportDestinations rd = new ReportDestinations(dns, OrganizationalDomains.guava());
        DmarcRecord.ReportUri same = new DmarcRecord.ReportUri("mailto:dmarc@reports.example.com", 0);
        DmarcRecord.ReportUri ext = new DmarcRecord.ReportUri("mailto:dmarc@vendor.example", 0);
        assertThat(rd.verify("example.com", same)).isEqualTo(ReportDestinations.Verdict.AUTHORIZED);
        assertThat(rd.verify("example.com", ext)).isEqualTo(ReportDestinations.Verdict.NOT_AUTHORIZED);
        dns.addTxt("example.com._report._dmarc.vendor.example", "v=DMARC1");
        assertThat(rd.verify("example.com", ext)).isEqualTo(ReportDestinations.Verdict.AUTHORIZED);
        dns.addTimeout("other.example._report._dmarc.vendor.example");
        assertThat(rd.verify("other.example", ext)).isEqualTo(ReportDestinations.Verdict.TEMPERROR);
        assertThat(rd.verify("example.com", new DmarcRecord.ReportUri("https://vendor.example/r", 0)))
                .isEqualTo(ReportDestinations.Verdict.NOT_AUTHORIZED);
    }
}
