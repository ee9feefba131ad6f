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
import org.tegami.store.QueueStore;

/** The queue table: per-recipient state, atomic record + enqueue, retry, and blob GC sparing queued mail. */
class SqliteQueueStoreTest {

    private Path dir;
    private SqliteStore store;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("queue-store");
        store = new SqliteStore(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private QueueStore.Enqueue entry(String text, long at, String... rcpts) throws Exception {
        BlobStore.Blob blob = store.blobs().write(text.getBytes(StandardCharsets.UTF_8));
        List<QueueStore.NewRecipient> rs = java.util.Arrays.stream(rcpts)
                .map(r -> new QueueStore.NewRecipient(r, r.substring(r.indexOf('@') + 1), null, null)).toList();
        return new QueueStore.Enqueue(new QueueStore.NewMessage(blob, new byte[] {1}, "a@example.test", null, null,
                false, false, "test", at), rs, at);
    }

    @Test
    void perRecipientStateAndMessageRemovalWhenAllAreDone() throws Exception {
        long id = store.queue().enqueue(List.of(entry("m1", 1000, "x@one.test", "y@two.test"))).get(0);
        List<QueueStore.QueuedRecipient> due = store.queue().due(1000, 10);
        assertThat(due).hasSize(2);
        assertThat(store.queue().due(999, 10)).isEmpty();
        QueueStore.QueuedRecipient x = due.get(0);
        QueueStore.QueuedRecipient y = due.get(1);
        store.queue().record(1100, List.of(new QueueStore.Update(x.id(), QueueStore.Status.DELIVERED, "250 ok", 0, false, true),
                new QueueStore.Update(y.id(), QueueStore.Status.QUEUED, "451 later", 5000, false, true)), List.of());
        QueueStore.QueuedMessage m = store.queue().message(id).orElseThrow();
        assertThat(m.recipients()).extracting(QueueStore.QueuedRecipient::status)
                .containsExactly(QueueStore.Status.DELIVERED, QueueStore.Status.QUEUED);
        assertThat(m.recipients().get(1).attempts()).isEqualTo(1);
        assertThat(m.recipients().get(1).lastAttempt()).isEqualTo(1100);
        assertThat(store.queue().nextDue()).isEqualTo(5000);
        assertThat(store.queue().retry(id, 2000)).isEqualTo(1);
        assertThat(store.queue().due(2000, 10)).extracting(QueueStore.QueuedRecipient::id).containsExactly(y.id());
        // Failing the last recipient and queuing its report happen together; the message then leaves.
        QueueStore.Enqueue dsn = entry("dsn", 2100, "a@example.test");
        store.queue().record(2100, List.of(new QueueStore.Update(y.id(), QueueStore.Status.FAILED, "550 no", 0, false, true)),
                List.of(dsn));
        assertThat(store.queue().message(id)).isEmpty();
        assertThat(store.queue().list()).hasSize(1);
        assertThat(store.queue().list().get(0).recipients().get(0).address()).isEqualTo("a@example.test");
    }

    @Test
    void garbageCollectionSparesQueuedBlobsAndCollectsFinishedOnes() throws Exception {
        QueueStore.Enqueue e = entry("queued bytes", 1000, "x@one.test");
        long id = store.queue().enqueue(List.of(e)).get(0);
        String sha = e.message().blob().sha256();
        store.collectGarbage(0);
        assertThat(store.blobs().exists(sha)).isTrue();
        QueueStore.QueuedRecipient r = store.queue().due(1000, 1).get(0);
        store.queue().record(1001, List.of(new QueueStore.Update(r.id(), QueueStore.Status.DELIVERED, "250", 0, false, true)),
                List.of());
        assertThat(store.queue().message(id)).isEmpty();
        store.collectGarbage(0);
        assertThat(store.blobs().exists(sha)).isFalse();
    }

    @Test
    void deleteAndUpdatesOfVanishedRecipientsAreHarmless() throws Exception {
        long id = store.queue().enqueue(List.of(entry("m2", 1000, "x@one.test"))).get(0);
        long rid = store.queue().due(1000, 1).get(0).id();
        assertThat(store.queue().delete(id)).isTrue();
        assertThat(store.queue().delete(id)).isFalse();
        store.queue().record(1001, List.of(new QueueStore.Update(rid, QueueStore.Status.DELIVERED, "250", 0, false, true)),
                List.of());
        assertThat(store.queue().list()).isEmpty();
        assertThat(store.queue().nextDue()).isEqualTo(Long.MAX_VALUE);
    }
}
