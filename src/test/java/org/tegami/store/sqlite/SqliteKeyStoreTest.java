package org.tegami.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.KeyStore;
import org.tegami.store.KeyStore.Kind;
import org.tegami.store.KeyStore.Settings;
import org.tegami.store.KeyStore.Source;
import org.tegami.store.KeyStore.Trust;

/** Keys, trust anchors, settings and the change counter a running server polls. */
class SqliteKeyStoreTest {

    private Path dir;
    private SqliteStore store;
    private KeyStore keys;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("key-store");
        store = new SqliteStore(dir);
        keys = store.keys();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void keysArePerAddressAndFingerprintAndReplacedInPlace() {
        KeyStore.StoredKey k = keys.putKey(new KeyStore.NewKey("alice@a.test", Kind.PGP, "AAAA", b("pub1"), null, Trust.UNVERIFIED,
                Source.HARVEST));
        assertThat(k.id()).isPositive();
        assertThat(k.hasPrivate()).isFalse();
        keys.putKey(new KeyStore.NewKey("alice@a.test", Kind.SMIME, "BBBB", b("cert"), b("sealed"), Trust.VERIFIED, Source.IMPORT));
        keys.putKey(new KeyStore.NewKey("bob@b.test", Kind.PGP, "AAAA", b("pub1"), null, Trust.VERIFIED, Source.IMPORT));
        KeyStore.StoredKey replaced = keys.putKey(new KeyStore.NewKey("alice@a.test", Kind.PGP, "AAAA", b("pub2"), b("sec"),
                Trust.VERIFIED, Source.IMPORT));
        assertThat(replaced.id()).isEqualTo(k.id());
        assertThat(replaced.createdAt()).isEqualTo(k.createdAt());
        assertThat(replaced.publicData()).isEqualTo(b("pub2"));
        assertThat(replaced.sealedPrivate()).isEqualTo(b("sec"));
        assertThat(replaced.trust()).isEqualTo(Trust.VERIFIED);
        assertThat(keys.keys("alice@a.test")).extracting(KeyStore.StoredKey::fingerprint).containsExactly("AAAA", "BBBB");
        assertThat(keys.keys((String) null)).hasSize(3);
        assertThat(keys.keys(Kind.PGP)).extracting(KeyStore.StoredKey::address).containsExactly("alice@a.test", "bob@b.test");
        assertThat(keys.key("bob@b.test", "AAAA")).isPresent();
        assertThat(keys.removeKey("bob@b.test", "AAAA")).isTrue();
        assertThat(keys.removeKey("bob@b.test", "AAAA")).isFalse();
        assertThat(keys.key("bob@b.test", "AAAA")).isEmpty();
    }

    @Test
    void trustAnchorsAreUniqueByFingerprint() {
        assertThat(keys.addTrustAnchor(new KeyStore.TrustAnchor("F1", "CN=Root", b("der"), 5))).isTrue();
        assertThat(keys.addTrustAnchor(new KeyStore.TrustAnchor("F1", "CN=Root again", b("der2"), 6))).isFalse();
        assertThat(keys.trustAnchors()).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("CN=Root");
            assertThat(a.der()).isEqualTo(b("der"));
        });
        assertThat(keys.removeTrustAnchor("F1")).isTrue();
        assertThat(keys.trustAnchors()).isEmpty();
    }

    @Test
    void settingsInheritWithNullsAndVanishWhenEmpty() {
        keys.putSettings(new Settings("a.test", "always", null, null, null));
        keys.putSettings(new Settings("alice@a.test", null, "required", true, "FPR"));
        assertThat(keys.settings("a.test")).contains(new Settings("a.test", "always", null, null, null));
        assertThat(keys.settings("alice@a.test")).contains(new Settings("alice@a.test", null, "required", true, "FPR"));
        keys.putSettings(new Settings("alice@a.test", null, "never", false, null));
        assertThat(keys.settings("alice@a.test").orElseThrow().decrypt()).isFalse();
        assertThat(keys.allSettings()).extracting(Settings::scope).containsExactly("a.test", "alice@a.test");
        keys.putSettings(Settings.empty("a.test"));
        assertThat(keys.settings("a.test")).isEmpty();
    }

    @Test
    void everyChangeMovesTheGenerationAndOtherProcessesSeeIt() {
        long g0 = keys.generation();
        keys.putKey(new KeyStore.NewKey("a@a.test", Kind.PGP, "AA", b("x"), null, Trust.VERIFIED, Source.IMPORT));
        long g1 = keys.generation();
        assertThat(g1).isGreaterThan(g0);
        keys.putSettings(new Settings("a.test", "always", null, null, null));
        long g2 = keys.generation();
        assertThat(g2).isGreaterThan(g1);
        // A second store on the same directory (an admin command while the server runs).
        try (SqliteStore other = new SqliteStore(dir)) {
            other.keys().addTrustAnchor(new KeyStore.TrustAnchor("F", "CN=x", b("d"), 1));
            assertThat(other.keys().generation()).isGreaterThan(g2);
        }
        long g3 = keys.generation();
        assertThat(g3).isGreaterThan(g2);
        keys.removeKey("a@a.test", "AA");
        assertThat(keys.generation()).isGreaterThan(g3);
        assertThat(keys.keys((String) null)).isEmpty();
    }
}
