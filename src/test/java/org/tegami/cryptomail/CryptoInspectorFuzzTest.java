package org.tegami.cryptomail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.smime.Certificates;
import org.tegami.smime.SmimeCredential;
import org.tegami.smime.TrustStore;

/**
 * Contract for the inspector (and so the CLI) on any bytes: an Inspection whose fields hold only
 * the documented values, valid JSON-ish output, and never the internal-error safety net.
 */
class CryptoInspectorFuzzTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    static final SmimeCredential SMIME;
    static final PgpSecretKey PGP;

    static {
        try (InputStream s = CryptoInspectorFuzzTest.class.getResourceAsStream("/org/tegami/fuzzkeys/smime.pem");
                InputStream p = CryptoInspectorFuzzTest.class.getResourceAsStream("/org/tegami/fuzzkeys/pgp-secret.asc")) {
            Certificates.PemBundle b = Certificates.readPem(s.readAllBytes(), null);
            SMIME = new SmimeCredential(b.privateKeys().get(0), b.certificates().get(0));
            PGP = ((PgpKeys.SecretKeyResult.Loaded) PgpKeys.readSecret(p.readAllBytes(), null)).key();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void inspect(byte[] data) {
        KeyRing ring = new KeyRing();
        ring.add(PGP.publicRing(), KeyTrust.VERIFIED);
        DecryptionKeys keys = new DecryptionKeys(List.of(SMIME), List.of(PGP));
        for (DecryptionKeys k : List.of(DecryptionKeys.NONE, keys)) {
            Inspection i = CryptoInspector.inspect(data, TrustStore.of(List.of(SMIME.certificate())), ring, CLOCK, k);
            if (!Set.of("smime", "pgp", "none").contains(i.type())
                    || !Set.of("pass", "fail", "untrusted", "unknown-key", "none").contains(i.signature())
                    || i.reason() == null || i.reason().startsWith(CryptoInspector.INTERNAL)) {
                throw new AssertionError("bad inspection: " + i);
            }
            String json = i.toJson();
            if (!json.startsWith("{\"type\":") || !json.endsWith("}}")) {
                throw new AssertionError("bad JSON: " + json);
            }
        }
    }
}
