package org.tegami.keys;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tegami.config.TegamiConfig;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.store.sqlite.SqliteStore;

/**
 * The server-side mail-crypto entry points on any bytes: importing a hostile "key file", storing
 * a hostile message for an account that decrypts and encrypts at rest, replacing the signature
 * header. Each returns one of its documented results; none throws.
 */
class MailboxCryptoFuzzTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    static final CryptoKeys KEYS;
    static final MailboxCrypto CRYPTO;
    static final KeyImport IMPORT;

    static {
        try (InputStream s = MailboxCryptoFuzzTest.class.getResourceAsStream("/org/tegami/fuzzkeys/smime.pem");
                InputStream p = MailboxCryptoFuzzTest.class.getResourceAsStream("/org/tegami/fuzzkeys/pgp-secret.asc")) {
            Path dir = Files.createTempDirectory("crypto-fuzz");
            @SuppressWarnings("resource") // lives as long as the fuzzing JVM, closed by the hook below
            SqliteStore store = new SqliteStore(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                store.close();
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // temp files
                }
            }));
            KEYS = new CryptoKeys(store.keys(), TegamiConfig.defaults().crypto(), dir, CLOCK, new SecureRandom());
            IMPORT = new KeyImport(KEYS);
            KeyAdmin admin = new KeyAdmin(KEYS);
            byte[] pgp = p.readAllBytes();
            PgpSecretKey key = ((PgpKeys.SecretKeyResult.Loaded) PgpKeys.readSecret(pgp, null)).key();
            String address = PgpKeys.email(org.tegami.pgp.KeyEvaluator.evaluate(key.publicRing(), CLOCK.instant()).primaryUserId());
            check(admin.importKey(address, pgp, null) instanceof KeyImport.Result.Imported, "seed key import");
            admin.setPolicy(address, null, null, "on");
            admin.setAtRest(address, key.fingerprint());
            FUZZ_ADDRESS = address;
            s.readAllBytes();
            CRYPTO = new MailboxCrypto(KEYS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String FUZZ_ADDRESS;

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void delivery(byte[] data) {
        MailboxCrypto.Result r = CRYPTO.forDelivery(FUZZ_ADDRESS, data);
        check(r instanceof MailboxCrypto.Result.Store s && !s.copies().isEmpty() || r instanceof MailboxCrypto.Result.Defer,
                "bad result " + r);
        byte[] h = MailboxCrypto.withSignatureHeader(data, "none");
        String text = new String(h, java.nio.charset.StandardCharsets.ISO_8859_1);
        check(text.startsWith("X-Tegami-Signature: none\r\n") || text.regionMatches(true, 0, "Return-Path:", 0, 12)
                && text.contains("\nX-Tegami-Signature: none\r\n"), "the field is not on top");
        org.tegami.pipeline.SignatureStageAccess.mentions(data);
    }

    @FuzzTest(maxDuration = "60s")
    void importKey(byte[] data) {
        for (char[] pass : new char[][] {null, "x".toCharArray()}) {
            KeyImport.Result r = IMPORT.importKey("someone@example.test", data, pass);
            check(r != null, "null result");
        }
    }
}
