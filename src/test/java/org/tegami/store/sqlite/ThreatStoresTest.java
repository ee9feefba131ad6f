package org.tegami.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.BlobStore;
import org.tegami.store.CorrespondentStore;
import org.tegami.store.CorrespondentStore.Observation;
import org.tegami.store.Credentials;
import org.tegami.store.QuarantineStore;

/** The quarantine and the correspondent history in SQLite (migration 003-threat.sql). */
class ThreatStoresTest {

    private Path dir;
    private SqliteStore store;
    private long alice;
    private long bob;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("tegami-threat-store");
        store = new SqliteStore(dir);
        store.directory().addDomain("example.test");
        alice = store.directory().addAccount("alice@example.test", "Alice", new Credentials("h", "s", null), false).id();
        bob = store.directory().addAccount("bob@example.test", "Bob", new Credentials("h", "s", null), false).id();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private long hold(String text, int size) throws Exception {
        byte[] bytes = ("Subject: " + text + "\r\n\r\n" + "x".repeat(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        BlobStore.Blob blob = store.blobs().prepare(bytes);
        return store.quarantine().add(new QuarantineStore.NewEntry(blob, new byte[] {1}, QuarantineStore.Kind.HELD, "s@x.test",
                List.of("alice@example.test", "bob@example.test"), "S <s@x.test>", text, "action=quarantine; score=10.0",
                "{\"action\":\"quarantine\"}", 1234));
    }

    @Test
    void quarantineEntriesRoundTrip() throws Exception {
        long a = hold("first", 10);
        long b = hold("second", 200_000); // a file blob, not inline
        assertThat(store.quarantine().list()).extracting(QuarantineStore.Entry::id).containsExactly(a, b);
        QuarantineStore.Entry e = store.quarantine().get(a).orElseThrow();
        assertThat(e.kind()).isEqualTo(QuarantineStore.Kind.HELD);
        assertThat(e.recipients()).containsExactly("alice@example.test", "bob@example.test");
        assertThat(e.subject()).isEqualTo("first");
        assertThat(e.verdict()).isEqualTo("action=quarantine; score=10.0");
        assertThat(e.createdAt()).isEqualTo(1234);
        assertThat(new String(store.blobs().read(e.sha256()), StandardCharsets.US_ASCII)).startsWith("Subject: first\r\n");
        assertThat(store.quarantine().remove(a)).isTrue();
        assertThat(store.quarantine().remove(a)).isFalse();
        assertThat(store.quarantine().get(a)).isEmpty();
    }

    @Test
    void garbageCollectionSparesQuarantinedContent() throws Exception {
        long id = hold("kept", 200_000);
        String sha = store.quarantine().get(id).orElseThrow().sha256();
        store.collectGarbage(0);
        assertThat(store.blobs().exists(sha)).isTrue();
        store.quarantine().remove(id);
        store.collectGarbage(0);
        assertThat(store.blobs().exists(sha)).isFalse();
    }

    @Test
    void correspondentsAreCountedPerAccountAndSummedOverAll() {
        CorrespondentStore c = store.correspondents();
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.address("x@partner.test")).isEqualTo(CorrespondentStore.Counts.NONE);
        c.record(List.of(new Observation(alice, "x@partner.test", "partner.test", false),
                new Observation(alice, "x@partner.test", "partner.test", false),
                new Observation(bob, "x@partner.test", "partner.test", true),
                new Observation(bob, "y@partner.test", "partner.test", true),
                new Observation(alice, "news@shop.test", "shop.test", false)), 1000);
        assertThat(c.isEmpty()).isFalse();
        assertThat(c.address("x@partner.test")).isEqualTo(new CorrespondentStore.Counts(2, 1));
        assertThat(c.domain("partner.test")).isEqualTo(new CorrespondentStore.Counts(2, 2));
        assertThat(c.domain("shop.test")).isEqualTo(new CorrespondentStore.Counts(1, 0));
        // Written to at least once, or received from three times: shop.test (1 received) is not frequent yet.
        assertThat(c.frequentDomains(3, 10)).extracting(CorrespondentStore.DomainCounts::domain).containsExactly("partner.test");
        c.record(List.of(new Observation(alice, "news@shop.test", "shop.test", false),
                new Observation(bob, "news@shop.test", "shop.test", false)), 2000);
        assertThat(c.frequentDomains(3, 10)).extracting(CorrespondentStore.DomainCounts::domain)
                .containsExactly("partner.test", "shop.test");
        assertThat(c.frequentDomains(3, 1)).hasSize(1);
    }

    @Test
    void observationsOfDeletedAccountsAreSkippedAndAccountRemovalForgetsThem() {
        CorrespondentStore c = store.correspondents();
        c.record(List.of(new Observation(bob, "x@partner.test", "partner.test", true)), 1000);
        store.directory().removeAccount("bob@example.test");
        assertThat(c.address("x@partner.test")).isEqualTo(CorrespondentStore.Counts.NONE);
        c.record(List.of(new Observation(bob, "x@partner.test", "partner.test", true),
                new Observation(alice, "x@partner.test", "partner.test", true)), 2000);
        assertThat(c.address("x@partner.test")).isEqualTo(new CorrespondentStore.Counts(0, 1));
    }
}
