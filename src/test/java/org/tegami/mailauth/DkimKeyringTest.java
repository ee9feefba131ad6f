package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimResult;
import org.tegami.dkim.DkimSigner;
import org.tegami.dkim.DkimVerifier;
import org.tegami.dns.InMemoryResolver;
import org.tegami.store.DkimKeyStore;
import org.tegami.store.sqlite.SqliteDkimKeyStore;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.testing.MutableClock;

/** Key generation, rotation, sealing and the signing cache of {@link DkimKeyring}. */
class DkimKeyringTest {

    static final byte[] MESSAGE = "From: a@example.test\r\nTo: b@remote.test\r\nSubject: s\r\n\r\nbody\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void rotationSignsWithTheNewestActiveKeyPerAlgorithmAndKeepsOldOnesPublished(@TempDir Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir)) {
            DkimKeyring k = DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dir, Clock.systemUTC());
            k.generate("example.test", "r1", DkimAlgorithm.RSA_SHA256, false);
            k.generate("example.test", "e1", DkimAlgorithm.ED25519_SHA256, false);
            assertThat(selectors(k.signingKeys("example.test"))).containsExactly("r1", "e1");
            k.generate("example.test", "r2", DkimAlgorithm.RSA_SHA256, false);
            assertThat(selectors(k.signingKeys("example.test"))).containsExactly("r2", "e1");
            assertThat(k.list("example.test")).extracting(DkimKeyStore.Key::selector, DkimKeyStore.Key::state)
                    .contains(org.assertj.core.groups.Tuple.tuple("r1", DkimKeyStore.State.RETIRED));
            assertThat(k.list("example.test").stream().filter(x -> x.selector().equals("r1")).findFirst().orElseThrow().retiredAt())
                    .isPositive();
            // a standby key is published but does not sign until activated
            k.generate("example.test", "e2", DkimAlgorithm.ED25519_SHA256, true);
            assertThat(selectors(k.signingKeys("example.test"))).containsExactly("r2", "e1");
            assertThat(k.activate("example.test", "e2")).isTrue();
            assertThat(selectors(k.signingKeys("example.test"))).containsExactly("r2", "e2");
            assertThat(k.remove("example.test", "r2")).isTrue();
            assertThat(selectors(k.signingKeys("example.test"))).containsExactly("e2"); // retired r1 does not come back
            assertThat(k.activate("example.test", "nope")).isFalse();
        }
    }

    @Test
    void signaturesVerifyAndSubdomainsUseTheParentsKeys(@TempDir Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir)) {
            DkimKeyring k = DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dir, Clock.systemUTC());
            InMemoryResolver dns = new InMemoryResolver();
            for (DkimKeyring.Generated g : k.generate("example.test", null, null, false)) {
                dns.addTxt(g.selector() + "._domainkey.example.test", g.publicTxt());
            }
            byte[] signed = k.sign(MESSAGE);
            List<DkimResult> r = new DkimVerifier(dns, Clock.systemUTC()).verify(signed);
            assertThat(r).hasSize(2).allMatch(DkimResult::isPass);
            byte[] sub = new String(MESSAGE, StandardCharsets.US_ASCII).replace("a@example.test", "a@lists.example.test")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(new DkimVerifier(dns, Clock.systemUTC()).verify(k.sign(sub))).hasSize(2).allMatch(DkimResult::isPass);
            byte[] foreign = new String(MESSAGE, StandardCharsets.US_ASCII).replace("a@example.test", "a@other.test")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(k.sign(foreign)).isSameAs(foreign);
            byte[] noFrom = "Subject: no from\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(k.sign(noFrom)).isSameAs(noFrom);
        }
    }

    @Test
    void aRunningServerPicksUpKeysTheCliAddsWithinTheCacheTime(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Duration.ZERO);
        try (SqliteStore server = new SqliteStore(dir); SqliteStore cli = new SqliteStore(dir)) {
            DkimKeyring serving = DkimKeyring.open(new SqliteDkimKeyStore(server.database()), dir, clock);
            assertThat(serving.signingKeys("example.test")).isEmpty(); // "no keys" is cached too
            DkimKeyring.open(new SqliteDkimKeyStore(cli.database()), dir, Clock.systemUTC())
                    .generate("example.test", "new", DkimAlgorithm.ED25519_SHA256, false);
            assertThat(serving.signingKeys("example.test")).isEmpty();
            clock.setOffset(Duration.ofMillis(DkimKeyring.CACHE_MILLIS + 1));
            assertThat(selectors(serving.signingKeys("example.test"))).containsExactly("new");
        }
    }

    @Test
    void keysSealedWithAnotherSealingKeyAreNotUsedAndNothingThrows(@TempDir Path dir, @TempDir Path other) throws Exception {
        try (SqliteStore store = new SqliteStore(dir)) {
            DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dir, Clock.systemUTC())
                    .generate("example.test", "s", DkimAlgorithm.RSA_SHA256, false);
            // the database moved to a machine without the original DATA/seal.key
            DkimKeyring elsewhere = DkimKeyring.open(new SqliteDkimKeyStore(store.database()), other, Clock.systemUTC());
            assertThat(elsewhere.signingKeys("example.test")).isEmpty();
            assertThat(elsewhere.sign(MESSAGE)).isSameAs(MESSAGE);
            assertThat(Files.exists(other.resolve(DkimKeyring.SEALING_KEY_FILE))).isTrue();
        }
    }

    @Test
    void defaultSelectorsAndTheirFallbacks(@TempDir Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir)) {
            Clock fixed = Clock.fixed(java.time.Instant.parse("2026-11-27T10:00:00Z"), java.time.ZoneOffset.UTC);
            DkimKeyring k = DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dir, fixed);
            assertThat(k.generate("example.test", null, null, false)).extracting(DkimKeyring.Generated::selector)
                    .containsExactly("202611r", "202611e");
            assertThat(k.generate("example.test", null, DkimAlgorithm.RSA_SHA256, false).get(0).selector()).isEqualTo("20261127r");
            assertThat(k.generate("example.test", null, DkimAlgorithm.RSA_SHA256, false).get(0).selector()).isEqualTo("20261127r2");
            assertThatThrownBy(() -> k.generate("example.test", "s1", null, false)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> k.generate("example.test", "-bad", DkimAlgorithm.RSA_SHA256, false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> k.generate("example.test", "x", DkimAlgorithm.RSA_SHA1, false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<String> selectors(List<DkimSigner.SigningKey> keys) {
        return keys.stream().map(DkimSigner.SigningKey::selector).toList();
    }
}
