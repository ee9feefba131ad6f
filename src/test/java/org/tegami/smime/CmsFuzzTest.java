package org.tegami.smime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Contract for hostile CMS and S/MIME input: every entry point returns a typed result with a
 * reason, never an exception. Seeds (real signed and encrypted objects for the fixed fuzzing key)
 * are in CmsFuzzTestInputs; JAZZER_FUZZ=1 mutates them.
 */
class CmsFuzzTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    static final SmimeCredential KEY = load();
    static final TrustStore TRUST = TrustStore.of(List.of(KEY.certificate()));

    static SmimeCredential load() {
        try (InputStream in = CmsFuzzTest.class.getResourceAsStream("/org/tegami/fuzzkeys/smime.pem")) {
            Certificates.PemBundle b = Certificates.readPem(in.readAllBytes(), null);
            return new SmimeCredential(b.privateKeys().get(0), b.certificates().get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(SmimeVerification v) {
        if (v == null || v.status() == null || v.reason() == null || v.reason().isBlank()) {
            throw new AssertionError("verification without status or reason: " + v);
        }
    }

    static void check(SmimeDecryptor.Result r) {
        if (r == null || r instanceof SmimeDecryptor.Result.Failed f && (f.reason() == null || f.reason().isBlank())) {
            throw new AssertionError("decryption without a defined result: " + r);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void verifySignedData(byte[] data) {
        check(new SmimeVerifier(TRUST, CLOCK).verifySignedData(data));
        check(new SmimeVerifier(TRUST, CLOCK).verifyDetached("Content-Type: text/plain\r\n\r\nx".getBytes(), data));
    }

    @FuzzTest(maxDuration = "30s")
    void decryptCms(byte[] data) {
        check(new SmimeDecryptor().decrypt(data, List.of(KEY)));
        new SmimeDecryptor().describe(data);
    }

    @FuzzTest(maxDuration = "30s")
    void verifyMessage(byte[] data) {
        check(new SmimeVerifier(TRUST, CLOCK).verify(data));
    }

    @FuzzTest(maxDuration = "30s")
    void decryptMessage(byte[] data) {
        check(new SmimeDecryptor().decryptMessage(data, List.of(KEY)));
    }
}
