package org.tegami.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dns.InMemoryResolver;
import org.tegami.testing.ExternalTools;

/**
 * opendkim-tools offline: opendkim-testmsg signs with a key file (its verify mode and
 * opendkim-testkey need live DNS, so only this direction runs here). It signs rsa-sha1
 * relaxed/simple, which RFC 8301 forbids passing: Tegami must find the signature
 * cryptographically valid, report it as not accepted, and fail it once the body changes.
 */
class DkimOpendkimCrossCheckTest {

    static final String MSG = "From: Alice <alice@example.com>\nTo: bob@example.net\nSubject: Cross check\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\nMessage-ID: <x1@example.com>\n\nHello Bob,  \n\nthis  is\ta test.\n";

    @Test
    void opendkimRsaSha1SignatureVerifiesButIsNotAccepted(@TempDir Path tmp) throws Exception {
        String tool = ExternalTools.require("opendkim-testmsg");
        DkimKeys.GeneratedKey key = DkimKeys.generate(DkimAlgorithm.RSA_SHA256, new SecureRandom());
        Path keyFile = tmp.resolve("key.pem");
        Files.writeString(keyFile, DkimTestSupport.dkimpyKey(key.privateKey())); // PKCS#1 PEM
        Process p = new ProcessBuilder(tool, "-d", "example.com", "-s", "odk", "-k", keyFile.toString(), "-t", tmp.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(MSG.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        byte[] raw = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        // opendkim-testmsg 2.11 prints the last b= line with leftover buffer bytes after the real
        // value ("...NaF1Q==bNaF1Q=="), which Tegami rightly calls invalid base64 (checked here).
        // A 2048-bit RSA signature is 256 bytes, so its base64 ends at the first "==": cut there.
        String out = new String(raw, StandardCharsets.US_ASCII);
        int field = out.indexOf("\nFrom:");
        int pad = out.indexOf("==", out.indexOf("b=", out.indexOf("bh=") + 3));
        if (pad >= 0 && pad + 2 < field) {
            assertThat(new DkimVerifier(new InMemoryResolver(), Clock.systemUTC()).verify(raw).get(0).reason()).contains("base64");
            out = out.substring(0, pad + 2) + out.substring(field);
        }
        byte[] signed = out.getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: v=1; a=rsa-sha1; c=relaxed/simple;");
        DkimVerifier v = new DkimVerifier(new InMemoryResolver().addTxt("odk._domainkey.example.com", key.dnsTxt()), Clock.systemUTC());
        DkimResult r = v.verify(signed).get(0);
        assertThat(r.status()).as(r.toString()).isEqualTo(DkimResult.Status.PERMERROR);
        assertThat(r.reason()).contains("signature verifies", "rsa-sha1", "8301");
        byte[] tampered = new String(signed, StandardCharsets.US_ASCII).replace("a test", "a jest").getBytes(StandardCharsets.US_ASCII);
        DkimResult bad = v.verify(tampered).get(0);
        assertThat(bad.status()).isEqualTo(DkimResult.Status.FAIL);
        assertThat(bad.reason()).contains("body hash");
    }
}
