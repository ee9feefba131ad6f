package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.dkim.DkimResult;
import org.tegami.spf.SpfResult;

class TrustedForwardersTest {

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static DkimResult dkim(DkimResult.Status st, String d) {
        return new DkimResult(st, "x", d, "s", null, null, null, false, false, 256);
    }

    static SpfResult spf(SpfResult.Result r, SpfResult.Identity id, String domain) {
        return new SpfResult(r, id, "postmaster@" + domain, domain, null, null, "x");
    }

    @Test
    void addressesAndCidrBlocks() throws Exception {
        TrustedForwarders t = TrustedForwarders.of(List.of("192.0.2.7", "198.51.100.0/23", "2001:db8:1::/48", "10.0.0.0/0"));
        assertThat(t.match(ip("192.0.2.7"), null, null, List.of())).contains("192.0.2.7");
        assertThat(t.match(ip("198.51.101.255"), null, null, List.of())).contains("198.51.100.0/23");
        assertThat(TrustedForwarders.of(List.of("198.51.100.0/23")).match(ip("198.51.102.0"), null, null, List.of())).isNull();
        assertThat(t.match(ip("2001:db8:1:ffff::1"), null, null, List.of())).contains("2001:db8:1::/48");
        assertThat(TrustedForwarders.of(List.of("2001:db8:1::/48")).match(ip("2001:db8:2::1"), null, null, List.of())).isNull();
        // an IPv4 block never matches an IPv6 client (and /0 matches every IPv4 one)
        assertThat(TrustedForwarders.of(List.of("0.0.0.0/0")).match(ip("2001:db8::1"), null, null, List.of())).isNull();
        assertThat(TrustedForwarders.of(List.of("0.0.0.0/0")).match(ip("203.0.113.9"), null, null, List.of())).isNotNull();
    }

    @Test
    void domainsMatchOnlyAuthenticatedIdentities() throws Exception {
        TrustedForwarders t = TrustedForwarders.of(List.of("Lists.Example.ORG."));
        InetAddress c = ip("203.0.113.1");
        assertThat(t.match(c, null, null, List.of(dkim(DkimResult.Status.PASS, "lists.example.org")))).contains("DKIM d=lists.example.org");
        assertThat(t.match(c, null, null, List.of(dkim(DkimResult.Status.PASS, "eu.lists.example.org")))).isNotNull();
        assertThat(t.match(c, null, null, List.of(dkim(DkimResult.Status.FAIL, "lists.example.org")))).isNull();
        assertThat(t.match(c, null, null, List.of(dkim(DkimResult.Status.PASS, "evillists.example.org")))).isNull();
        assertThat(t.match(c, spf(SpfResult.Result.PASS, SpfResult.Identity.MAILFROM, "lists.example.org"), null, List.of()))
                .contains("smtp.mailfrom");
        assertThat(t.match(c, null, spf(SpfResult.Result.PASS, SpfResult.Identity.HELO, "mx.lists.example.org"), List.of()))
                .contains("smtp.helo");
        assertThat(t.match(c, spf(SpfResult.Result.SOFTFAIL, SpfResult.Identity.MAILFROM, "lists.example.org"), null, List.of()))
                .isNull();
    }
}
