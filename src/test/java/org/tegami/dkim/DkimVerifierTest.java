package org.tegami.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.dkim.DkimResult.Status;
import org.tegami.dns.InMemoryResolver;

class DkimVerifierTest {

    static final String MSG = "From: Alice <alice@example.com>\r\nTo: bob@example.net\r\nSubject: hi\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\nHello\r\n";
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final SecureRandom RANDOM = new SecureRandom();
    static final DkimKeys.GeneratedKey RSA = DkimKeys.generate(DkimAlgorithm.RSA_SHA256, RANDOM);
    static final DkimKeys.GeneratedKey ED = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, RANDOM);

    private final InMemoryResolver dns = new InMemoryResolver()
            .addTxt("rsa._domainkey.example.com", RSA.dnsTxt())
            .addTxt("ed._domainkey.example.com", ED.dnsTxt());

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String signed(String msg, DkimSigner.SigningKey... keys) throws Exception {
        return new String(new DkimSigner(List.of(keys), CLOCK).signAndPrepend(bytes(msg)), StandardCharsets.UTF_8);
    }

    private static DkimSigner.SigningKey rsaKey() {
        return new DkimSigner.SigningKey("example.com", "rsa", RSA.privateKey());
    }

    private static DkimSigner.SigningKey edKey() {
        return new DkimSigner.SigningKey("example.com", "ed", ED.privateKey());
    }

    private List<DkimResult> verify(String msg) {
        return new DkimVerifier(dns, CLOCK).verify(bytes(msg));
    }

    @Test
    void dualSignaturePassesWithEvidence() throws Exception {
        String m = signed(MSG, rsaKey(), edKey());
        List<DkimResult> r = verify(m);
        assertThat(r).extracting(DkimResult::status).containsExactly(Status.PASS, Status.PASS);
        assertThat(r).extracting(DkimResult::algorithm).containsExactly(DkimAlgorithm.RSA_SHA256, DkimAlgorithm.ED25519_SHA256);
        assertThat(r.get(0).domain()).isEqualTo("example.com");
        assertThat(r.get(0).selector()).isEqualTo("rsa");
        assertThat(r.get(0).auid()).isEqualTo("@example.com");
        assertThat(r.get(0).keyBits()).isEqualTo(2048);
        assertThat(r.get(0).headerB()).hasSize(12);
        assertThat(m).contains("h=from:from:to:to:cc:subject:subject:date:date:\r\n\tmessage-id:message-id:");
        assertThat(verify(MSG)).isEmpty();
    }

    @Test
    void bareLfMessageVerifiesLikeCrlf() throws Exception {
        String m = signed(MSG, edKey()).replace("\r\n", "\n");
        assertThat(verify(m).get(0).status()).isEqualTo(Status.PASS);
    }

    @Test
    void tamperingFails() throws Exception {
        String m = signed(MSG, rsaKey(), edKey());
        assertThat(verify(m.replace("Hello", "Hallo"))).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.reason()).contains("body hash");
        });
        assertThat(verify(m.replace("Subject: hi", "Subject: pay now"))).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.reason()).contains("signature did not verify");
        });
        // oversigning: a second From added above the signed one breaks the signature
        String extraFrom = m.replace("From: Alice", "From: Mallory <m@evil.example>\r\nFrom: Alice");
        assertThat(verify(extraFrom)).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.FAIL));
        // relaxed canonicalization tolerates whitespace changes in headers and at line ends
        assertThat(verify(m.replace("Subject: hi", "SUBJECT:   hi  ").replace("Hello\r\n", "Hello   \r\n\r\n")))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
    }

    @Test
    void timestampsUseTheClockWithSkew() throws Exception {
        DkimSigner expiring = new DkimSigner(List.of(rsaKey()), CLOCK,
                new DkimSigner.Options(DkimSigner.Options.DEFAULT.headers(), DkimSigner.Options.DEFAULT.oversigned(), Duration.ofDays(1)));
        String m = new String(expiring.signAndPrepend(bytes(MSG)), StandardCharsets.UTF_8);
        assertThat(m).contains("x=" + (NOW.getEpochSecond() + 86400));
        assertThat(new DkimVerifier(dns, Clock.offset(CLOCK, Duration.ofHours(23))).verify(bytes(m)).get(0).status()).isEqualTo(Status.PASS);
        DkimResult late = new DkimVerifier(dns, Clock.offset(CLOCK, Duration.ofDays(2))).verify(bytes(m)).get(0);
        assertThat(late.status()).isEqualTo(Status.PERMERROR);
        assertThat(late.reason()).contains("expired");
        assertThat(new DkimVerifier(dns, Clock.offset(CLOCK, Duration.ofMinutes(-3))).verify(bytes(m)).get(0).status())
                .isEqualTo(Status.PASS);
        DkimResult early = new DkimVerifier(dns, Clock.offset(CLOCK, Duration.ofHours(-1))).verify(bytes(m)).get(0);
        assertThat(early.status()).isEqualTo(Status.PERMERROR);
        assertThat(early.reason()).contains("future");
    }

    @Test
    void keyRecordFlagsAndProblems() throws Exception {
        String p = RSA.dnsTxt().substring(RSA.dnsTxt().indexOf("p="));
        dns.addTxt("test._domainkey.example.com", "v=DKIM1; t=y; " + p);
        dns.addTxt("revoked._domainkey.example.com", "v=DKIM1; k=rsa; p=");
        dns.addTxt("strict._domainkey.example.com", "v=DKIM1; t=s; " + p);
        dns.addTxt("sha1only._domainkey.example.com", "v=DKIM1; h=sha1; " + p);
        dns.addTxt("notmail._domainkey.example.com", "v=DKIM1; s=tlsrpt; " + p);
        dns.addTxt("edtype._domainkey.example.com", "v=DKIM1; k=ed25519; " + p);
        dns.addTxt("garbage._domainkey.example.com", "v=DKIM1; k=rsa; p=bm90IGEga2V5");
        dns.addTxt("badb64._domainkey.example.com", "v=DKIM1; k=rsa; p=!!!notbase64");
        dns.addTimeout("slow._domainkey.example.com");
        DkimResult testing = verify(signed(MSG, new DkimSigner.SigningKey("example.com", "test", RSA.privateKey()))).get(0);
        assertThat(testing.status()).isEqualTo(Status.PASS);
        assertThat(testing.testing()).isTrue();
        expect("revoked", Status.PERMERROR, "revoked");
        expect("sha1only", Status.PERMERROR, "h=");
        expect("notmail", Status.PERMERROR, "not for e-mail");
        expect("edtype", Status.PERMERROR, "");
        expect("garbage", Status.PERMERROR, "not an RSA public key");
        expect("badb64", Status.PERMERROR, "base64");
        expect("slow", Status.TEMPERROR, "DNS");
        expect("missing", Status.PERMERROR, "no key record");
        // t=s: i= in a subdomain is refused
        String sub = signed(MSG, new DkimSigner.SigningKey("example.com", "strict", RSA.privateKey()))
                .replace("d=example.com;", "d=example.com; i=@mail.example.com;");
        assertThat(verify(sub).get(0).reason()).contains("t=s");
    }

    private void expect(String selector, Status status, String reason) throws Exception {
        DkimResult r = verify(signed(MSG, new DkimSigner.SigningKey("example.com", selector, RSA.privateKey()))).get(0);
        assertThat(r.status()).as(selector + ": " + r).isEqualTo(status);
        assertThat(r.reason()).as(selector).contains(reason);
        assertThat(r.selector()).isEqualTo(selector);
    }

    @Test
    void rfc8301WeakCrypto() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512, RANDOM);
        var weak = g.generateKeyPair();
        dns.addTxt("weak._domainkey.example.com", DkimKeys.dnsTxt(weak.getPublic()));
        String m = signed(MSG, new DkimSigner.SigningKey("example.com", "weak", weak.getPrivate()));
        DkimResult r = verify(m).get(0);
        assertThat(r.status()).isEqualTo(Status.PERMERROR);
        assertThat(r.reason()).contains("512", "8301");
        DkimVerifier strictFail = new DkimVerifier(dns, CLOCK, new DkimVerifier.Policy(Status.FAIL, 1024, Duration.ofMinutes(5), 10));
        assertThat(strictFail.verify(bytes(m)).get(0).status()).isEqualTo(Status.FAIL);
        // an rsa-sha256 signature relabelled rsa-sha1 does not even verify (real rsa-sha1
        // signatures from opendkim are in DkimOpendkimCrossCheckTest)
        String sha1 = signed(MSG, rsaKey()).replace("a=rsa-sha256", "a=rsa-sha1");
        DkimResult s1 = verify(sha1).get(0);
        assertThat(s1.status()).isEqualTo(Status.FAIL);
        assertThat(s1.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA1);
    }

    @Test
    void lengthTagFlagsUnsignedContent() throws Exception {
        String m = signed(MSG, rsaKey());
        // re-sign by hand with l=: build from the verifier's view is circular, so use a body prefix
        String withL = m.replace("c=relaxed/relaxed;", "c=relaxed/relaxed; l=7;");
        DkimResult r = verify(withL).get(0);
        assertThat(r.status()).isEqualTo(Status.FAIL); // b= covered the field without l=
        String tooLong = m.replace("c=relaxed/relaxed;", "c=relaxed/relaxed; l=99999;");
        assertThat(verify(tooLong).get(0).status()).isEqualTo(Status.PERMERROR);
    }

    @Test
    void garbageSignaturesGetDefinedResults() throws Exception {
        String base = signed(MSG, rsaKey());
        String field = base.substring(0, base.indexOf("\r\nFrom:") + 2);
        String rest = base.substring(field.length());
        String[] bad = {
            "DKIM-Signature: garbage\r\n",
            "DKIM-Signature: v=1; v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=2; a=rsa-sha256; d=example.com; s=rsa; h=from; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-md5; d=example.com; s=rsa; h=from; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; bh=@@@@; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; bh=AAAA; b=A\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; h=to:subject; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; i=x@evil.example; h=from; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=exa mple.com; s=rsa; h=from; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; l=-5; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; t=20; x=10; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; c=fancy; d=example.com; s=rsa; h=from; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; q=http; d=example.com; s=rsa; h=from; bh=AAAA; b=AAAA\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; bh=AAAA; b=" + "A".repeat(70_000) + "\r\n",
            "DKIM-Signature: ;;;\r\n",
            "DKIM-Signature: \r\n",
        };
        for (String b : bad) {
            List<DkimResult> r = verify(b + rest);
            assertThat(r).as(b).hasSize(1);
            assertThat(r.get(0).status()).as(b).isIn(Status.NEUTRAL, Status.PERMERROR);
            assertThat(r.get(0).reason()).as(b).isNotBlank();
        }
        assertThat(verify(bad[6] + rest).get(0).reason()).contains("From");
        assertThat(verify(bad[1] + rest).get(0).reason()).contains("duplicate");
        // a broken signature next to a good one does not spoil the good one
        assertThat(verify(bad[0] + field + rest)).extracting(DkimResult::status).containsExactly(Status.NEUTRAL, Status.PASS);
    }

    @Test
    void manySignaturesAreCapped() throws Exception {
        String one = signed(MSG, rsaKey());
        String field = one.substring(0, one.indexOf("\r\nFrom:") + 2);
        String m = field.repeat(12) + one.substring(field.length());
        List<DkimResult> r = verify(m);
        assertThat(r).hasSize(12);
        assertThat(r.subList(0, 10)).allSatisfy(x -> assertThat(x.status()).isEqualTo(Status.PASS));
        assertThat(r.get(11).status()).isEqualTo(Status.NEUTRAL);
    }

    @Test
    void keysRoundTripThroughPem() throws Exception {
        for (DkimKeys.GeneratedKey k : List.of(RSA, ED)) {
            PrivateKey back = DkimKeys.readPrivateKey(k.privateKeyPem());
            assertThat(back.getEncoded()).isEqualTo(k.privateKey().getEncoded());
            assertThat(DkimKeys.dnsTxt(DkimKeys.publicKeyOf(back))).isEqualTo(k.dnsTxt());
        }
        assertThat(RSA.dnsTxt()).startsWith("v=DKIM1; k=rsa; p=MIIB");
        assertThat(ED.dnsTxt()).startsWith("v=DKIM1; k=ed25519; p=").hasSize("v=DKIM1; k=ed25519; p=".length() + 44);
        assertThatThrownBy(() -> DkimKeys.readPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> DkimKeys.readPrivateKey("hello")).isInstanceOf(InvalidKeyException.class);
        String line = DkimKeys.zoneFileLine("s1", "example.test", RSA.dnsTxt(), 3600);
        assertThat(line).startsWith("s1._domainkey.example.test. 3600 IN TXT \"v=DKIM1; k=rsa; p=MIIB").contains("\" \"");
    }

    @Test
    void canonicalizationMatchesRfc6376Example() {
        // RFC 6376 §3.4.5
        byte[] a = "A: X".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "B : Y\t\r\n\tZ  ".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Canonicalizer.header(a, true), StandardCharsets.US_ASCII)).isEqualTo("a:X\r\n");
        assertThat(new String(Canonicalizer.header(b, true), StandardCharsets.US_ASCII)).isEqualTo("b:Y Z\r\n");
        byte[] body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Canonicalizer.body(body, true), StandardCharsets.US_ASCII)).isEqualTo(" C\r\nD E\r\n");
        assertThat(new String(Canonicalizer.body(body, false), StandardCharsets.US_ASCII)).isEqualTo(" C \r\nD \t E\r\n");
        assertThat(Canonicalizer.body(new byte[0], false)).containsExactly('\r', '\n');
        assertThat(Canonicalizer.body("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), true)).isEmpty();
        assertThat(new String(Canonicalizer.body("x".getBytes(StandardCharsets.US_ASCII), true), StandardCharsets.US_ASCII)).isEqualTo("x\r\n");
    }
}
