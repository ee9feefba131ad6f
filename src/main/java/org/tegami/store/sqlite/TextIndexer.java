package org.tegami.store.sqlite;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.store.StoreException;

/**
 * Builds the trigram index of delivered texts in the background (ADR 0007). Deliveries only queue
 * their text (text_index_pending); this thread adds queued texts to the index in batches once
 * deliveries have paused for a moment, so a burst of mail is not slowed by indexing, which costs
 * about as much CPU as the rest of a delivery. Under sustained load it still indexes once the queue
 * passes {@link #BACKLOG}, which bounds what a search must scan outside the index.
 */
final class TextIndexer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TextIndexer.class);

    /** How long deliveries must have paused before indexing starts. */
    static final long QUIET_MILLIS = 250;
    /** Texts per write transaction: ~50 ms of the writer, so deliveries arriving meanwhile wait little. */
    static final int BATCH = 100;
    /** Pending texts beyond which indexing goes on during deliveries (a search scans at most this many). */
    static final long BACKLOG = 10_000;

    private final TextIndex text;
    private final AtomicBoolean dirty = new AtomicBoolean(true); // texts may wait from the last run
    private volatile long lastDeliveryNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    private volatile boolean closed;
    private final Thread thread;

    TextIndexer(TextIndex text) {
        this.text = text;
        this.thread = Thread.ofPlatform().name("text-indexer").daemon(true).start(this::run);
    }

    /** A delivery queued a text. */
    void delivered() {
        lastDeliveryNanos = System.nanoTime();
        dirty.set(true);
    }

    private boolean deliveriesPaused() {
        return System.nanoTime() - lastDeliveryNanos >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
    }

    private void run() {
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(QUIET_MILLIS);
                if (dirty.getAndSet(false)) {
                    indexWhilePaused();
                }
            } catch (InterruptedException e) {
                return;
            } catch (StoreException e) {
                if (!closed) {
                    LOG.warn("search index: {}; retrying in a minute", e.getMessage());
                    dirty.set(true);
                    sleepQuietly(TimeUnit.MINUTES.toMillis(1));
                }
            }
        }
    }

    private void indexWhilePaused() {
        long pending = text.pendingCount();
        while (pending > 0 && !closed) {
            if (!deliveriesPaused() && pending < BACKLOG) {
                dirty.set(true); // look again at the next pause
                return;
            }
            int n = text.indexPending(BATCH);
            if (n == 0) {
                return;
            }
            pending -= n;
        }
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops indexing; what is still queued is indexed after the next start. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
