package org.tegami.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.dkim.DkimResult;
import org.tegami.dkim.DkimSigner;
import org.tegami.dkim.DkimVerifier;
import org.tegami.directory.Resolution;
import org.tegami.dmarc.DmarcEvaluator;
import org.tegami.dmarc.DmarcResult;
import org.tegami.dns.InMemoryResolver;
import org.tegami.mailauth.DkimKeyring;
import org.tegami.mailauth.TrustedForwarders;
import org.tegami.smtp.MailAddress;
import org.tegami.spf.SpfResult;
import org.tegami.spf.SpfVerifier;
import org.tegami.store.sqlite.SqliteDkimKeyStore;
import org.tegami.store.sqlite.SqliteStore;

/** The authentication stages on messages built in memory, with the in-memory resolver. */
class AuthStagesTest {

    static final String HOST = "mx.example.test";
    final InMemoryResolver dns = new InMemoryResolver();
    final DkimKeys.GeneratedKey key = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, new SecureRandom());

    AuthStagesTest() {
        dns.addTxt("pass.test", "v=spf1 ip4:192.0.2.10 -all").addTxt("k._domainkey.pass.test", key.dnsTxt())
                .addTxt("_dmarc.pass.test", "v=DMARC1; p=reject").addTxt("mta.pass.test", "v=spf1 ip4:192.0.2.10 -all")
                .addTxt("q.test", "v=spf1 -all").addTxt("_dmarc.q.test", "v=DMARC1; p=quarantine")
                .addTxt("slow.test", "v=spf1 -all").addTimeout("_dmarc.slow.test");
    }

    List<Stage> inbound(boolean receivedSpf, boolean defer) {
        return List.of(new ForeignAuthResultsStage(HOST), new SpfStage(new SpfVerifier(dns, Clock.systemUTC(), HOST)),
                new DkimVerifyStage(new DkimVerifier(dns, Clock.systemUTC())),
                new DmarcStage(new DmarcEvaluator(dns), TrustedForwarders.of(List.of()), null),
                new AuthResultsStage(HOST, receivedSpf), new AuthPolicyStage(false, defer));
    }

    static InboundMessage message(Role role, String authUser, String from, String content) throws Exception {
        SessionInfo s = new SessionInfo("c1", role, InetAddress.getByName("192.0.2.10"), "mta.pass.test", true, null,
                authUser, HOST);
        return new InboundMessage("c1.1", s, MailAddress.parse(from), Map.of(),
                List.of(new Recipient(MailAddress.parse("bob@example.test"), Map.of(), new Resolution.Local(List.of(), List.of()))),
                content.getBytes(StandardCharsets.UTF_8));
    }

    static Outcome run(List<Stage> stages, InboundMessage m) throws Exception {
        for (Stage s : stages) {
            Outcome o = s.apply(m);
            if (o != null) {
                return o;
            }
        }
        return null;
    }

    String signed(String msg) throws Exception {
        DkimSigner signer = new DkimSigner(List.of(new DkimSigner.SigningKey("pass.test", "k", key.privateKey())), Clock.systemUTC());
        return new String(signer.signAndPrepend(msg.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void inboundMailLeavesTheWholeFactForLaterStages() throws Exception {
        InboundMessage m = message(Role.MX, null, "a@pass.test", signed("From: a@pass.test\r\nSubject: hi\r\n\r\nbody\r\n"));
        assertThat(run(inbound(false, false), m)).isNull();
        MessageAuthentication a = m.get(MessageAuthentication.class); // what threat analysis reads
        assertThat(a.isSubmission()).isFalse();
        assertThat(a.spf().result()).isEqualTo(SpfResult.Result.PASS);
        assertThat(a.helo().result()).isEqualTo(SpfResult.Result.PASS);
        assertThat(a.helo().identity()).isEqualTo(SpfResult.Identity.HELO);
        assertThat(a.dkim()).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS);
        assertThat(a.dmarc().status()).isEqualTo(DmarcResult.Status.PASS);
        assertThat(a.dmarcPass()).isTrue();
        assertThat(m.prependedHeaders()).hasSize(1);
        assertThat(m.prependedHeaders().get(0).replace("\r\n", "")).startsWith("Authentication-Results: " + HOST
                + "; spf=pass smtp.mailfrom=a@pass.test; dkim=pass header.d=pass.test header.s=k header.a=ed25519-sha256")
                .contains("; dmarc=pass (p=reject dis=none) header.from=pass.test; spf=pass smtp.helo=mta.pass.test");
    }

    @Test
    void mailFromOurOwnUsersIsNotChecked() throws Exception {
        InboundMessage m = message(Role.SUBMISSION, "alice@example.test", "alice@example.test",
                "From: alice@example.test\r\nSubject: hi\r\n\r\nbody\r\n");
        int before = dns.queryCount();
        assertThat(run(inbound(false, true), m)).isNull();
        assertThat(m.get(MessageAuthentication.class)).isEqualTo(MessageAuthentication.submitted("alice@example.test"));
        assertThat(m.prependedHeaders()).isEmpty();
        assertThat(dns.queryCount()).isEqualTo(before);
    }

    @Test
    void receivedSpfWhenAskedFor() throws Exception {
        InboundMessage m = message(Role.MX, null, "a@pass.test", "From: a@pass.test\r\n\r\nx\r\n");
        run(inbound(true, false), m);
        assertThat(m.prependedHeaders()).hasSize(2);
        assertThat(m.prependedHeaders().get(0)).startsWith("Authentication-Results: ");
        assertThat(m.prependedHeaders().get(1)).startsWith("Received-SPF: pass (").contains("client-ip=192.0.2.10;")
                .contains("envelope-from=a@pass.test;").contains("identity=mailfrom");
    }

    @Test
    void quarantineSendsEveryCopyToJunkAndTemperrorDefersOnlyWhenAsked() throws Exception {
        InboundMessage q = message(Role.MX, null, "x@q.test", "From: x@q.test\r\n\r\nx\r\n");
        assertThat(run(inbound(false, true), q)).isNull();
        assertThat(q.mailboxFor(1)).isEqualTo("Junk");
        assertThat(q.mailboxFor(42)).isEqualTo("Junk");
        InboundMessage slow = message(Role.MX, null, "x@slow.test", "From: x@slow.test\r\n\r\nx\r\n");
        assertThat(run(inbound(false, false), slow)).isNull();
        assertThat(slow.get(MessageAuthentication.class).dmarc().status()).isEqualTo(DmarcResult.Status.TEMPERROR);
        assertThat(slow.mailboxFor(1)).isEqualTo("INBOX");
        Outcome deferred = run(inbound(false, true), message(Role.MX, null, "x@slow.test", "From: x@slow.test\r\n\r\nx\r\n"));
        assertThat(deferred.reply().code()).isEqualTo(451);
        assertThat(deferred.reply().enhanced()).isEqualTo("4.4.3");
    }

    @Test
    void onlyForgedFieldsAreRemovedAndEveryOtherByteStays() throws Exception {
        String other = "Received: from a by b; Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Authentication-Results: elsewhere.example; spf=pass smtp.mailfrom=a@pass.test\r\n"
                + "From: a@pass.test\r\nSubject: keep\r\n\t folded\r\n\r\nbody\r\n";
        String forged = "Authentication-Results: MX.Example.Test;\r\n dkim=pass header.d=pass.test\r\n"
                + "Authentication-Results: " + HOST + " 1; dmarc=pass\r\n";
        InboundMessage m = message(Role.MX, null, "a@pass.test", forged + other);
        new ForeignAuthResultsStage(HOST).apply(m);
        assertThat(new String(m.content(), StandardCharsets.UTF_8)).isEqualTo(other);
        InboundMessage clean = message(Role.MX, null, "a@pass.test", other);
        byte[] before = clean.content();
        new ForeignAuthResultsStage(HOST).apply(clean);
        assertThat(clean.content()).isSameAs(before);
    }

    @Test
    void submittedMailIsSignedOverWhatLeavesAndOnlySubmittedMail(@TempDir Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir)) {
            DkimKeyring keyring = DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dir, Clock.systemUTC());
            List<String> published = new ArrayList<>();
            keyring.generate("example.test", null, null, false).forEach(g ->
                    published.add(g.selector() + "._domainkey.example.test=" + g.publicTxt()));
            published.forEach(p -> dns.addTxt(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
            InboundMessage m = message(Role.SUBMISSION, "alice@example.test", "alice@example.test",
                    "From: Alice <alice@sub.example.test>\r\nTo: bob@remote.test\r\nSubject: signed\r\n\r\nhello\r\n");
            m.prependHeader("Message-ID", "<1@example.test>"); // as SubmissionStage and Received: do
            m.prependHeader("Received", "from x by " + HOST);
            new DkimSignStage(keyring).apply(m);
            byte[] out = QueueStage.bytes(m);
            List<DkimResult> results = new DkimVerifier(dns, Clock.systemUTC()).verify(out);
            assertThat(results).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS, DkimResult.Status.PASS);
            assertThat(results).extracting(r -> r.algorithm().tag()).containsExactly("rsa-sha256", "ed25519-sha256");
            assertThat(results).allMatch(r -> r.domain().equals("example.test")); // parent domain of sub.example.test
            // From, To, Subject, Message-ID oversigned (one more than present), Received: not signed
            assertThat(new String(out, StandardCharsets.UTF_8).replace("\r\n\t", ""))
                    .contains("h=from:from:to:to:cc:subject:subject:date:message-id:message-id:").doesNotContain("received:");
            InboundMessage inbound = message(Role.MX, null, "alice@example.test", "From: alice@example.test\r\n\r\nx\r\n");
            new DkimSignStage(keyring).apply(inbound);
            assertThat(inbound.prependedHeaders()).isEmpty();
        }
    }
}
