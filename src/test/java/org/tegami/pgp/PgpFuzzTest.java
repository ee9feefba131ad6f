package org.tegami.pgp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Contract for hostile OpenPGP input (keys, signatures, encrypted data, PGP/MIME and inline
 * messages): typed results, never an exception. Seeds are real objects for the fixed fuzzing key
 * in PgpFuzzTestInputs; JAZZER_FUZZ=1 mutates them.
 */
class PgpFuzzTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    static final PgpSecretKey KEY = load();

    static PgpSecretKey load() {
        try (InputStream in = PgpFuzzTest.class.getResourceAsStream("/org/tegami/fuzzkeys/pgp-secret.asc")) {
            return ((PgpKeys.SecretKeyResult.Loaded) PgpKeys.readSecret(in.readAllBytes(), null)).key();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KeyRing ring() {
        KeyRing r = new KeyRing();
        r.add(KEY.publicRing(), KeyTrust.VERIFIED);
        return r;
    }

    static void check(PgpVerification v) {
        if (v == null || v.status() == null || v.reason() == null || v.reason().isBlank()) {
            throw new AssertionError("verification without status or reason: " + v);
        }
    }

    static void check(PgpDecryptor.Result r) {
        if (r == null || r instanceof PgpDecryptor.Result.Failed f && (f.reason() == null || f.reason().isBlank())) {
            throw new AssertionError("decryption without a defined result: " + r);
        }
        if (r instanceof PgpDecryptor.Result.Decrypted d) {
            check(d.signature());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void readKeys(byte[] data) {
        KeyRing r = ring();
        KeyRing.ImportResult res = r.importKeys(data, KeyTrust.UNVERIFIED);
        if (res == null) {
            throw new AssertionError("no import result");
        }
        for (PgpKeyInfo info : r.list(CLOCK.instant())) {
            if (info.fingerprint() == null || info.validity() == null) {
                throw new AssertionError("incomplete key info " + info);
            }
        }
        PgpKeys.readSecret(data, new char[0]);
    }

    @FuzzTest(maxDuration = "30s")
    void verifyMessage(byte[] data) {
        check(new PgpVerifier(ring(), CLOCK).verify(data));
        check(new PgpVerifier(ring(), CLOCK).verifyDetached("x".getBytes(), data, List.of()));
        check(new PgpVerifier(ring(), CLOCK).verifyCleartext(data, List.of()));
    }

    @FuzzTest(maxDuration = "30s")
    void decryptMessage(byte[] data) {
        check(new PgpDecryptor(ring(), CLOCK).decryptMessage(data, List.of(KEY)));
    }

    @FuzzTest(maxDuration = "30s")
    void decryptData(byte[] data) {
        check(new PgpDecryptor(ring(), CLOCK).decrypt(data, List.of(KEY), List.of(), false));
        PgpDecryptor.recipients(data);
    }
}
