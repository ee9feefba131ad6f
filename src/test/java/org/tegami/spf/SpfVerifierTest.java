package org.tegami.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.tegami.dns.InMemoryResolver;
import org.tegami.spf.SpfResult.Result;

class SpfVerifierTest {

    private final InMemoryResolver dns = new InMemoryResolver();
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private final SpfVerifier spf = new SpfVerifier(dns, clock, "mx.receiver.example");

    private static InetAddress ip(String s) {
        return InetAddresses.forString(s);
    }

    private SpfResult check(String ip, String from) {
        return spf.check(ip(ip), from, "helo.example");
    }

    @Test
    void passRecordsDomainAndMechanism() {
        dns.addTxt("example.com", "v=spf1 ip4:192.0.2.0/24 -all");
        SpfResult r = check("192.0.2.7", "alice@example.com");
        assertThat(r.result()).isEqualTo(Result.PASS);
        assertThat(r.domain()).isEqualTo("example.com");
        assertThat(r.mechanism()).isEqualTo("ip4:192.0.2.0/24");
        assertThat(r.sender()).isEqualTo("alice@example.com");
        assertThat(r.identity()).isEqualTo(SpfResult.Identity.MAILFROM);
        assertThat(r.reason()).contains("192.0.2.7", "authorized", "example.com");
    }

    @Test
    void failCarriesExpExplanationWithMacros() {
        dns.addTxt("example.com", "v=spf1 -all exp=why.%{d}");
        dns.addTxt("why.example.com", "%{i} may not send for %{o} (%{l}) via %{r} at %{t}, ver %{v}, helo %{h}, %{c}");
        SpfResult r = check("192.0.2.7", "Alice@example.com");
        assertThat(r.result()).isEqualTo(Result.FAIL);
        assertThat(r.explanation()).isEqualTo(
                "192.0.2.7 may not send for example.com (Alice) via mx.receiver.example at 1700000000, ver in-addr, helo helo.example, 192.0.2.7");
        assertThat(r.explanationOrDefault()).isEqualTo(r.explanation());
    }

    @Test
    void explanationIgnoredWhenMissingOrBroken() {
        dns.addTxt("a.example", "v=spf1 -all exp=nothing.a.example");
        dns.addTxt("b.example", "v=spf1 -all exp=bad.b.example");
        dns.addTxt("bad.b.example", "broken %{x} macro");
        assertThat(check("192.0.2.7", "x@a.example").explanation()).isNull();
        SpfResult b = check("192.0.2.7", "x@b.example");
        assertThat(b.result()).isEqualTo(Result.FAIL);
        assertThat(b.explanation()).isNull();
        assertThat(b.explanationOrDefault()).contains("x@b.example");
    }

    @Test
    void malformedRecordsArePermerror() {
        String[] bad = {
            "v=spf1 ip4:192.0.2.300 -all", "v=spf1 ip4:192.0.2.0/33", "v=spf1 ip6:2001:db8::/129",
            "v=spf1 a:foo.example/024", "v=spf1 foo:bar", "v=spf1 all:x", "v=spf1 redirect=a.example redirect=b.example",
            "v=spf1 exp=a.example exp=b.example", "v=spf1 include", "v=spf1 exists:%{z}.example",
            "v=spf1 a:%{c}.example", "v=spf1 a:museum", "v=spf1 a:foo.123", "v=spf1 -", "v=spf1 ip4:1.2.3.4\t-all",
            "v=spf1 x=%", "v=spf1 mx//129", "v=spf1 a:%{d0}.example", "v=spf1 ip6:fe80::1%eth0 -all",
        };
        for (int i = 0; i < bad.length; i++) {
            dns.addTxt("bad" + i + ".example", bad[i]);
            SpfResult r = check("192.0.2.7", "x@bad" + i + ".example");
            assertThat(r.result()).as(bad[i]).isEqualTo(Result.PERMERROR);
            assertThat(r.reason()).as(bad[i]).isNotBlank();
        }
    }

    @Test
    void dnsTimeoutIsTemperror() {
        dns.addTimeout("slow.example");
        assertThat(check("192.0.2.7", "x@slow.example").result()).isEqualTo(Result.TEMPERROR);
        dns.addTxt("inc.example", "v=spf1 include:slow.example -all");
        assertThat(check("192.0.2.7", "x@inc.example").result()).isEqualTo(Result.TEMPERROR);
        dns.addTxt("a.example", "v=spf1 a:slow.example -all");
        assertThat(check("192.0.2.7", "x@a.example").result()).isEqualTo(Result.TEMPERROR);
    }

    @Test
    void includeAndRedirectLoopsArePermerror() {
        dns.addTxt("loop1.example", "v=spf1 include:loop2.example -all");
        dns.addTxt("loop2.example", "v=spf1 include:loop1.example -all");
        dns.addTxt("r1.example", "v=spf1 redirect=r2.example");
        dns.addTxt("r2.example", "v=spf1 redirect=r1.example");
        SpfResult inc = check("192.0.2.7", "x@loop1.example");
        assertThat(inc.result()).isEqualTo(Result.PERMERROR);
        assertThat(inc.reason()).contains("10");
        assertThat(check("192.0.2.7", "x@r1.example").result()).isEqualTo(Result.PERMERROR);
    }

    @Test
    void voidLookupLimit() {
        dns.addTxt("two.example", "v=spf1 a:n1.example a:n2.example +all");
        dns.addTxt("three.example", "v=spf1 a:n1.example a:n2.example a:n3.example +all");
        assertThat(check("192.0.2.7", "x@two.example").result()).isEqualTo(Result.PASS);
        assertThat(check("192.0.2.7", "x@three.example").result()).isEqualTo(Result.PERMERROR);
    }

    @Test
    void noRecordAndMultipleRecords() {
        dns.addTxt("other.example", "google-site-verification=abc");
        dns.addTxt("two.example", "v=spf1 -all");
        dns.addTxt("two.example", "V=SPF1 +all");
        assertThat(check("192.0.2.7", "x@other.example").result()).isEqualTo(Result.NONE);
        assertThat(check("192.0.2.7", "x@absent.example").result()).isEqualTo(Result.NONE);
        assertThat(check("192.0.2.7", "x@two.example").result()).isEqualTo(Result.PERMERROR);
        assertThat(check("192.0.2.7", "x@[192.0.2.7]").result()).isEqualTo(Result.NONE);
    }

    @Test
    void dualCidrAndIp6() {
        dns.addTxt("d.example", "v=spf1 a/24//64 -all");
        dns.addA("d.example", "192.0.2.1", "2001:db8:1::1");
        assertThat(check("192.0.2.200", "x@d.example").result()).isEqualTo(Result.PASS);
        assertThat(check("192.0.3.1", "x@d.example").result()).isEqualTo(Result.FAIL);
        assertThat(check("2001:db8:1::ffff", "x@d.example").result()).isEqualTo(Result.PASS);
        assertThat(check("2001:db8:2::1", "x@d.example").result()).isEqualTo(Result.FAIL);
        dns.addTxt("six.example", "v=spf1 ip6:2001:DB8::/32 ~all");
        assertThat(check("2001:db8:ffff::1", "x@six.example").result()).isEqualTo(Result.PASS);
        assertThat(check("192.0.2.1", "x@six.example").result()).isEqualTo(Result.SOFTFAIL);
    }

    @Test
    void macrosIrD2AndUrlEscaping() {
        dns.addTxt("sub.mail.example.org", "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d2} -all");
        dns.addA("7.2.0.192.alice._spf.example.org", "127.0.0.2");
        assertThat(check("192.0.2.7", "alice+bob@sub.mail.example.org").result()).isEqualTo(Result.PASS);
        assertThat(check("192.0.2.8", "alice+bob@sub.mail.example.org").result()).isEqualTo(Result.FAIL);
        dns.addTxt("esc.example", "v=spf1 -all exp=e.esc.example");
        dns.addTxt("e.esc.example", "%{S}");
        assertThat(check("192.0.2.8", "a b@esc.example").explanation()).isEqualTo("a%20b%40esc.example");
    }

    @Test
    void ptrMechanismAndPMacro() {
        dns.addTxt("p.example", "v=spf1 ptr -all exp=e.p.example");
        dns.addTxt("e.p.example", "host %{p}");
        dns.addPtr("192.0.2.10", "mail.p.example");
        dns.addA("mail.p.example", "192.0.2.10");
        dns.addPtr("192.0.2.11", "spoof.p.example");
        assertThat(check("192.0.2.10", "x@p.example").result()).isEqualTo(Result.PASS);
        SpfResult r = check("192.0.2.11", "x@p.example");
        assertThat(r.result()).isEqualTo(Result.FAIL);
        assertThat(r.explanation()).isEqualTo("host unknown");
    }

    @Test
    void mxLimitIsPermerror() {
        dns.addTxt("many.example", "v=spf1 mx -all");
        for (int i = 0; i < 11; i++) {
            dns.addMx("many.example", i, "mx" + i + ".many.example");
        }
        assertThat(check("192.0.2.7", "x@many.example").result()).isEqualTo(Result.PERMERROR);
    }

    @Test
    void heloIdentityAndNullSender() {
        dns.addTxt("helo.example", "v=spf1 ip4:192.0.2.7 -all");
        SpfResult h = spf.checkHelo(ip("192.0.2.7"), "helo.example");
        assertThat(h.result()).isEqualTo(Result.PASS);
        assertThat(h.identity()).isEqualTo(SpfResult.Identity.HELO);
        assertThat(h.sender()).isEqualTo("postmaster@helo.example");
        SpfResult nul = spf.check(ip("192.0.2.8"), "", "helo.example");
        assertThat(nul.result()).isEqualTo(Result.FAIL);
        assertThat(nul.sender()).isEqualTo("postmaster@helo.example");
        assertThat(spf.check(ip("192.0.2.8"), "<>", "helo.example").sender()).isEqualTo("postmaster@helo.example");
        assertThat(spf.check(ip("192.0.2.7"), "<x@helo.example>", "other.example").result()).isEqualTo(Result.PASS);
        assertThat(spf.checkHelo(ip("192.0.2.7"), "[192.0.2.7]").result()).isEqualTo(Result.NONE);
        assertThat(spf.checkHelo(ip("192.0.2.7"), "localhost").result()).isEqualTo(Result.NONE);
    }

    @Test
    void neutralWhenNothingMatches() {
        dns.addTxt("n.example", "v=spf1 ip4:198.51.100.1");
        SpfResult r = check("192.0.2.7", "x@n.example");
        assertThat(r.result()).isEqualTo(Result.NEUTRAL);
        assertThat(r.mechanism()).isNull();
    }

    @Test
    void recordParserExposesTerms() {
        SpfRecord rec = ((SpfRecord.Valid) SpfRecord.parse("v=spf1 +mx ~a:x.example/24 ?ip6:::1 redirect=r.example exp=e.example foo=bar")).record();
        assertThat(rec.directives()).extracting(SpfRecord.Directive::mechanism)
                .containsExactly(SpfRecord.Mechanism.MX, SpfRecord.Mechanism.A, SpfRecord.Mechanism.IP6);
        assertThat(rec.directives().get(1).qualifier()).isEqualTo(Result.SOFTFAIL);
        assertThat(rec.directives().get(1).cidr4()).isEqualTo(24);
        assertThat(rec.redirect()).isEqualTo("r.example");
        assertThat(rec.exp()).isEqualTo("e.example");
        assertThat(SpfRecord.parse("v=spf10")).isInstanceOf(SpfRecord.Invalid.class);
        assertThat(SpfRecord.parse(null)).isInstanceOf(SpfRecord.Invalid.class);
    }

    @Test
    void receivedSpfField() {
        dns.addTxt("example.com", "v=spf1 ip4:192.0.2.0/24 -all");
        SpfResult r = check("192.0.2.7", "alice@example.com");
        String f = ReceivedSpf.field(r, ip("192.0.2.7"), "helo.example", "mx.receiver.example");
        assertThat(f).startsWith("Received-SPF: pass (192.0.2.7 is authorized by example.com \\(ip4:192.0.2.0/24\\))")
                .contains("client-ip=192.0.2.7;", "envelope-from=alice@example.com;", "helo=helo.example;",
                        "receiver=mx.receiver.example;", "mechanism=ip4:192.0.2.0/24;", "identity=mailfrom")
                .endsWith("\r\n");
    }
}
