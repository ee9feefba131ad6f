package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.dkim.DkimSigner;
import org.tegami.smtp.Reply;
import org.tegami.testing.Dnsmasq;
import org.tegami.testing.Mailboxes;
import org.tegami.testing.TestServer;

/**
 * Issue 6's "contract used for checking", against a real DNS server: a dnsmasq on loopback holds
 * the senders' SPF, DKIM and DMARC records and Tegami resolves them through [dns] servers. Mail
 * from a p=reject domain whose SPF fails is refused with 550 5.7.1, p=quarantine lands in Junk, a
 * passing message carries "Authentication-Results: HOST; spf=pass ...; dkim=pass ...; dmarc=pass
 * ...", a forged field claiming our host name is removed, DNS failures are accepted as temperror
 * (or deferred with 451 4.4.3), and trusted forwarders are not refused.
 */
class MailAuthContractTest {

    static final String HOST = "mx.example.test";
    static final String BOB = "bob@example.test";
    static Dnsmasq dns;
    static DkimKeys.GeneratedKey passKey;
    static DkimKeys.GeneratedKey listKey;

    @BeforeAll
    static void records() throws Exception {
        SecureRandom random = new SecureRandom();
        passKey = DkimKeys.generate(DkimAlgorithm.RSA_SHA256, random);
        listKey = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, random);
        List<String> o = new ArrayList<>(List.of(
                // pass.test: SPF authorises loopback, DKIM key s1, DMARC p=reject
                Dnsmasq.txt("pass.test", "v=spf1 ip4:127.0.0.0/8 -all"),
                Dnsmasq.txt("s1._domainkey.pass.test", passKey.dnsTxt()),
                Dnsmasq.txt("_dmarc.pass.test", "v=DMARC1; p=reject"),
                // reject.test / quarantine.test: SPF fails for loopback
                Dnsmasq.txt("reject.test", "v=spf1 ip4:192.0.2.1 -all"),
                Dnsmasq.txt("_dmarc.reject.test", "v=DMARC1; p=reject"),
                Dnsmasq.txt("quarantine.test", "v=spf1 ip4:192.0.2.1 -all"),
                Dnsmasq.txt("_dmarc.quarantine.test", "v=DMARC1; p=quarantine"),
                // lists.test signs what it forwards (a trusted forwarder by domain)
                Dnsmasq.txt("l1._domainkey.lists.test", listKey.dnsTxt()),
                // flaky.example is outside --local: its _dmarc lookup is REFUSED (a DNS failure)
                Dnsmasq.txt("flaky.example", "v=spf1 ip4:192.0.2.1 -all")));
        o.add(Dnsmasq.localZone("test"));
        dns = new Dnsmasq(o);
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    static TestServer server(String extraToml) {
        TestServer s = TestServer.start("[dns]\nservers = [\"" + dns.server() + "\"]\ntimeout = \"2s\"\n" + extraToml, HOST, null);
        s.addUser(BOB, "pw-" + System.nanoTime());
        return s;
    }

    static String signed(DkimKeys.GeneratedKey key, String domain, String selector, String message) throws Exception {
        DkimSigner signer = new DkimSigner(List.of(new DkimSigner.SigningKey(domain, selector, key.privateKey())),
                Clock.systemUTC());
        return new String(signer.signAndPrepend(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void rejectPolicyWithFailingSpfIsRefusedWith550571() throws Exception {
        TestServer s = server("");
        try {
            Reply r = Inbound.send(s.port("smtp"), "client.test", "ceo@reject.test", BOB,
                    Inbound.message("ceo@reject.test", BOB, "wire money", ""));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.enhanced()).isEqualTo("5.7.1");
            assertThat(r.text()).contains("DMARC").contains("reject.test").contains("p=reject");
            assertThat(Mailboxes.inbox(s.tegami.store(), BOB)).isEmpty();
            assertThat(Mailboxes.messages(s.tegami.store(), BOB, "Junk")).isEmpty();
        } finally {
            s.destroy();
        }
    }

    @Test
    void quarantinePolicyLandsInJunk() throws Exception {
        TestServer s = server("");
        try {
            Reply r = Inbound.send(s.port("smtp"), "client.test", "news@quarantine.test", BOB,
                    Inbound.message("news@quarantine.test", BOB, "offer", ""));
            assertThat(r.code()).isEqualTo(250);
            assertThat(Mailboxes.inbox(s.tegami.store(), BOB)).isEmpty();
            List<String> junk = Mailboxes.messages(s.tegami.store(), BOB, "Junk");
            assertThat(junk).hasSize(1);
            String ar = Inbound.field(junk.get(0), "Authentication-Results");
            assertThat(ar).startsWith("Authentication-Results: " + HOST + "; spf=fail ")
                    .contains(" smtp.mailfrom=news@quarantine.test; dkim=none; dmarc=fail (p=quarantine dis=quarantine) ")
                    .contains(" header.from=quarantine.test; spf=none ").endsWith(" smtp.helo=client.test");
        } finally {
            s.destroy();
        }
    }

    @Test
    void passingMessageCarriesAuthenticationResults() throws Exception {
        TestServer s = server("");
        try {
            String msg = signed(passKey, "pass.test", "s1", Inbound.message("alice@pass.test", BOB, "hello", ""));
            Reply r = Inbound.send(s.port("smtp"), "client.test", "alice@pass.test", BOB, msg);
            assertThat(r.code()).isEqualTo(250);
            String got = Mailboxes.inbox(s.tegami.store(), BOB).get(0);
            String ar = Inbound.field(got, "Authentication-Results");
            assertThat(ar).startsWith("Authentication-Results: " + HOST + "; spf=pass smtp.mailfrom=alice@pass.test;"
                    + " dkim=pass header.d=pass.test header.s=s1 header.a=rsa-sha256 header.b=")
                    .contains("; dmarc=pass (p=reject dis=none) header.from=pass.test")
                    .matches("Authentication-Results: mx\\.example\\.test; spf=pass .*; dkim=.*; dmarc=pass .*");
            // our field is the topmost one, above the Received: we added
            assertThat(got.indexOf("Authentication-Results:")).isLessThan(got.indexOf("Received:"));
        } finally {
            s.destroy();
        }
    }

    @Test
    void forgedAuthenticationResultsClaimingOurHostnameAreRemoved() throws Exception {
        TestServer s = server("");
        try {
            String forged = "Authentication-Results: " + HOST + "; spf=pass smtp.mailfrom=ceo@quarantine.test;\r\n"
                    + "  dkim=pass header.d=quarantine.test; dmarc=pass header.from=quarantine.test\r\n"
                    + "Authentication-Results: other.example; spf=pass smtp.mailfrom=x@quarantine.test\r\n";
            Reply r = Inbound.send(s.port("smtp"), "client.test", "ceo@quarantine.test", BOB,
                    forged + Inbound.message("ceo@quarantine.test", BOB, "trust me", ""));
            assertThat(r.code()).isEqualTo(250);
            String got = Mailboxes.messages(s.tegami.store(), BOB, "Junk").get(0);
            List<String> ours = Inbound.fields(got, "Authentication-Results").stream().filter(v -> v.startsWith(HOST)).toList();
            assertThat(ours).hasSize(1);
            assertThat(ours.get(0)).contains("dmarc=fail").doesNotContain("dmarc=pass");
            // another service's field is not ours to remove
            assertThat(Inbound.fields(got, "Authentication-Results")).anyMatch(v -> v.startsWith("other.example;"));
        } finally {
            s.destroy();
        }
    }

    @Test
    void dnsFailureIsAcceptedAsTemperrorByDefault() throws Exception {
        TestServer s = server("");
        try {
            Reply r = Inbound.send(s.port("smtp"), "client.test", "a@flaky.example", BOB,
                    Inbound.message("a@flaky.example", BOB, "flaky", ""));
            assertThat(r.code()).isEqualTo(250);
            String ar = Inbound.field(Mailboxes.inbox(s.tegami.store(), BOB).get(0), "Authentication-Results");
            assertThat(ar).contains("; spf=fail").contains("; dmarc=temperror");
        } finally {
            s.destroy();
        }
    }

    @Test
    void dnsFailureIsDeferredWith451443WhenConfigured() throws Exception {
        TestServer s = server("[mail_auth]\ntemperror = \"defer\"\n");
        try {
            Reply r = Inbound.send(s.port("smtp"), "client.test", "a@flaky.example", BOB,
                    Inbound.message("a@flaky.example", BOB, "flaky", ""));
            assertThat(r.code()).isEqualTo(451);
            assertThat(r.enhanced()).isEqualTo("4.4.3");
            assertThat(Mailboxes.inbox(s.tegami.store(), BOB)).isEmpty();
            // a clean pass is not affected by the option
            String msg = signed(passKey, "pass.test", "s1", Inbound.message("alice@pass.test", BOB, "ok", ""));
            assertThat(Inbound.send(s.port("smtp"), "client.test", "alice@pass.test", BOB, msg).code()).isEqualTo(250);
        } finally {
            s.destroy();
        }
    }

    @Test
    void trustedForwarderByAddressIsDeliveredDespiteReject() throws Exception {
        TestServer s = server("[mail_auth]\ntrusted_forwarders = [\"127.0.0.0/8\"]\n");
        try {
            Reply r = Inbound.send(s.port("smtp"), "relay.test", "ceo@reject.test", BOB,
                    Inbound.message("ceo@reject.test", BOB, "forwarded", ""));
            assertThat(r.code()).isEqualTo(250);
            String ar = Inbound.field(Mailboxes.inbox(s.tegami.store(), BOB).get(0), "Authentication-Results");
            assertThat(ar).contains("dmarc=fail (p=reject dis=none override=trusted_forwarder)");
        } finally {
            s.destroy();
        }
    }

    @Test
    void trustedForwarderByDomainNeedsItsPassingSignature() throws Exception {
        TestServer s = server("[mail_auth]\ntrusted_forwarders = [\"lists.test\"]\n");
        try {
            String plain = Inbound.message("ceo@reject.test", BOB, "via the list", "List-Id: <team.lists.test>\r\n");
            // signed by lists.test: a trusted forwarder
            Reply ok = Inbound.send(s.port("smtp"), "client.test", "bounces@lists.test", BOB,
                    signed(listKey, "lists.test", "l1", plain));
            assertThat(ok.code()).isEqualTo(250);
            assertThat(Inbound.field(Mailboxes.inbox(s.tegami.store(), BOB).get(0), "Authentication-Results"))
                    .contains("dkim=pass header.d=lists.test").contains("override=trusted_forwarder");
            // merely naming lists.test (no valid signature) is not enough
            Reply refused = Inbound.send(s.port("smtp"), "lists.test", "bounces@lists.test", BOB, plain);
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.enhanced()).isEqualTo("5.7.1");
        } finally {
            s.destroy();
        }
    }

    @Test
    void spfFailAloneRejectsOnlyWhenConfigured() throws Exception {
        // flaky.example's SPF fails; its DMARC lookup fails, so DMARC cannot reject it
        TestServer lenient = server("");
        TestServer strict = server("[mail_auth]\nspf_fail = \"reject\"\n");
        try {
            String msg = Inbound.message("a@flaky.example", BOB, "spf fail", "");
            assertThat(Inbound.send(lenient.port("smtp"), "client.test", "a@flaky.example", BOB, msg).code()).isEqualTo(250);
            Reply r = Inbound.send(strict.port("smtp"), "client.test", "a@flaky.example", BOB, msg);
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.enhanced()).isEqualTo("5.7.23");
        } finally {
            lenient.destroy();
            strict.destroy();
        }
    }
}
