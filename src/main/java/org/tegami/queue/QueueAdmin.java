package org.tegami.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tegami.dsn.DeliveryReport;
import org.tegami.store.BlobStore;
import org.tegami.store.QueueStore;

/**
 * The operations behind `tegami queue ...`, working on the store directly so they act on a
 * running server's data directory: the server notices retries and deletions on its next scan.
 */
public final class QueueAdmin {

    private final QueueStore store;
    private final Spool spool;
    private final Notices notices;
    private final Clock clock;

    public QueueAdmin(QueueStore store, BlobStore blobs, String hostname, Clock clock) {
        this(store, blobs, hostname, clock, OutgoingSigner.NONE);
    }

    /** @param signer signs the bounces `queue delete --bounce` writes */
    public QueueAdmin(QueueStore store, BlobStore blobs, String hostname, Clock clock, OutgoingSigner signer) {
        this.store = store;
        this.spool = new Spool(blobs);
        this.notices = new Notices(hostname, spool, signer);
        this.clock = clock;
    }

    public List<QueueStore.QueuedMessage> list() {
        return store.list();
    }

    public Optional<QueueStore.QueuedMessage> show(long id) {
        return store.message(id);
    }

    /** The queued bytes of a message. */
    public byte[] content(QueueStore.QueuedMessage m) throws IOException {
        return spool.read(m.sha256());
    }

    /** Makes one message (or all, when null) due now; returns the number of recipients. */
    public int retry(Long id) {
        return store.retry(id, clock.millis());
    }

    /**
     * Removes a message. With {@code bounce}, its queued recipients fail and the sender gets a
     * report in the same transaction (unless the sender is null or asked for none).
     *
     * @return false if there is no such message
     */
    public boolean delete(long id, boolean bounce) throws Exception {
        Optional<QueueStore.QueuedMessage> found = store.message(id);
        if (found.isEmpty()) {
            return false;
        }
        if (!bounce) {
            return store.delete(id);
        }
        QueueStore.QueuedMessage m = found.get();
        long now = clock.millis();
        byte[] content = spool.read(m.sha256());
        String why = "deleted from the queue by the administrator";
        List<QueueStore.Update> updates = new ArrayList<>();
        List<Notices.Event> events = new ArrayList<>();
        for (QueueStore.QueuedRecipient r : m.recipients()) {
            if (r.status() == QueueStore.Status.QUEUED) {
                updates.add(new QueueStore.Update(r.id(), QueueStore.Status.FAILED, why, 0, r.warned(), false));
                events.add(new Notices.Event(r, DeliveryReport.Action.FAILED, "5.0.0", null,
                        why + (r.lastReply() == null ? "" : "; last error: " + r.lastReply()), Instant.ofEpochMilli(now), null));
            }
        }
        spool.locked(() -> {
            QueueStore.Enqueue dsn = events.isEmpty() ? null : notices.report(m, content, events, now);
            store.record(now, updates, dsn == null ? List.of() : List.of(dsn));
            return null;
        });
        // Recipients already delivered or failed keep the row until all are done; remove it now.
        store.delete(id);
        return true;
    }
}
