package org.tegami.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dns.InMemoryResolver;
import org.tegami.testing.Conformance;
import org.tegami.testing.ExternalTools;

/**
 * Both directions against Debian's dkimpy, offline: Tegami's signatures verify in dkimpy (its
 * dnsfunc returns our key records), and dkimpy's signatures verify in Tegami.
 */
class DkimDkimpyCrossCheckTest {

    static final byte[] MESSAGE = ("From: Alice <alice@example.com>\r\nTo: bob@example.net\r\n"
            + "Subject: Cross check  \r\n\twith folding\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <x1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
            + "Hello Bob,  \r\n\r\nthis  is\ta test.\r\n\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();

    @Test
    void tegamiSignaturesVerifyInDkimpy(@TempDir Path tmp) throws Exception {
        String python = ExternalTools.requirePythonModule("dkim");
        DkimKeys.GeneratedKey rsa = DkimKeys.generate(DkimAlgorithm.RSA_SHA256, random);
        DkimKeys.GeneratedKey ed = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, random);
        DkimSigner signer = new DkimSigner(List.of(
                new DkimSigner.SigningKey("example.com", "r1", rsa.privateKey()),
                new DkimSigner.SigningKey("example.com", "e1", ed.privateKey())), Clock.systemUTC());
        byte[] signed = signer.signAndPrepend(MESSAGE);
        String json = "{\"mode\":\"verify\",\"message\":\"" + DkimTestSupport.b64(signed) + "\",\"dns\":{"
                + "\"r1._domainkey.example.com.\":" + DkimTestSupport.q(rsa.dnsTxt()) + ","
                + "\"e1._domainkey.example.com.\":" + DkimTestSupport.q(ed.dnsTxt()) + "}}";
        assertThat(DkimTestSupport.dkimpy(python, tmp, json)).containsExactly("True", "True");
        // and dkimpy notices tampering, so "True" above means something
        byte[] tampered = new String(signed, StandardCharsets.US_ASCII).replace("this  is", "this was")
                .getBytes(StandardCharsets.US_ASCII);
        String bad = json.replace(DkimTestSupport.b64(signed), DkimTestSupport.b64(tampered));
        assertThat(DkimTestSupport.dkimpy(python, tmp, bad)).containsExactly("False", "False");
    }

    @Test
    void dkimpySignaturesVerifyInTegami(@TempDir Path tmp) throws Exception {
        String python = ExternalTools.requirePythonModule("dkim");
        DkimKeys.GeneratedKey rsa = DkimKeys.generate(DkimAlgorithm.RSA_SHA256, random);
        DkimKeys.GeneratedKey ed = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256, random);
        InMemoryResolver dns = new InMemoryResolver()
                .addTxt("py-rsa._domainkey.example.org", rsa.dnsTxt())
                .addTxt("py-ed._domainkey.example.org", ed.dnsTxt());
        DkimVerifier verifier = new DkimVerifier(dns, Clock.systemUTC());
        List<String> statuses = new ArrayList<>();
        for (String canon : List.of("relaxed/relaxed", "simple/simple", "relaxed/simple", "simple/relaxed")) {
            for (boolean length : List.of(false, true)) {
                for (Object[] k : new Object[][] {{"py-rsa", rsa.privateKey(), "rsa-sha256"}, {"py-ed", ed.privateKey(), "ed25519-sha256"}}) {
                    byte[] signed = dkimpySign(python, tmp, MESSAGE, (String) k[0], (PrivateKey) k[1], (String) k[2], canon, length);
                    List<DkimResult> r = verifier.verify(signed);
                    assertThat(r).hasSize(1);
                    assertThat(r.get(0).status()).as(canon + " " + k[2] + " l=" + length + ": " + r.get(0)).isEqualTo(DkimResult.Status.PASS);
                    assertThat(r.get(0).bodyLengthLimited()).isFalse(); // l= covers the whole body
                    // content appended after an l= signature still passes, but is flagged
                    byte[] appended = concat(signed, "P.S. added later\r\n".getBytes(StandardCharsets.US_ASCII));
                    DkimResult after = verifier.verify(appended).get(0);
                    if (length) {
                        assertThat(after.status()).isEqualTo(DkimResult.Status.PASS);
                        assertThat(after.bodyLengthLimited()).isTrue();
                    } else {
                        assertThat(after.status()).isEqualTo(DkimResult.Status.FAIL);
                    }
                    statuses.add(r.get(0).algorithm().tag());
                }
            }
        }
        assertThat(statuses).hasSize(16).contains("rsa-sha256", "ed25519-sha256");
    }

    /** The shared dkimpy test keys: a message signed by dkimpy with data/2048_testkey.key verifies. */
    @Test
    void dkimpySignsWithConformanceKey(@TempDir Path tmp) throws Exception {
        String python = ExternalTools.requirePythonModule("dkim");
        Path dir = Conformance.dir("dkim");
        PrivateKey key = DkimKeys.readPrivateKey(Files.readString(dir.resolve("data/2048_testkey.key")));
        String pub = Files.readString(dir.resolve("data/2048_testkey_wo_markers.pub.txt")).strip();
        byte[] msg = Files.readAllBytes(dir.resolve("data/test.message"));
        byte[] signed = dkimpySign(python, tmp, msg, "test", key, "rsa-sha256", "relaxed/simple", false);
        DkimVerifier v = new DkimVerifier(new InMemoryResolver().addTxt("test._domainkey.example.org", pub),
                Clock.systemUTC());
        DkimResult r = v.verify(signed).get(0);
        assertThat(r.status()).as(r.toString()).isEqualTo(DkimResult.Status.PASS);
        assertThat(r.keyBits()).isEqualTo(2048);
    }

    private static byte[] dkimpySign(String python, Path tmp, byte[] msg, String selector, PrivateKey key,
            String alg, String canon, boolean length) throws Exception {
        String json = "{\"mode\":\"sign\",\"message\":\"" + DkimTestSupport.b64(msg) + "\",\"selector\":\"" + selector
                + "\",\"domain\":\"example.org\",\"key\":" + DkimTestSupport.q(DkimTestSupport.dkimpyKey(key))
                + ",\"alg\":\"" + alg + "\",\"canon\":\"" + canon + "\",\"length\":" + length + "}";
        byte[] sig = Base64.getDecoder().decode(DkimTestSupport.dkimpy(python, tmp, json).get(0));
        return concat(sig, msg);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
