package org.tegami.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.store.CorrespondentStore;

/**
 * Writes correspondent observations in the background, many per transaction, so recording who
 * wrote to whom never adds a commit (and its fsync) to a message's way to its 250 reply. The
 * history is advice for the threat check: observations still queued when the process dies are
 * lost, which costs nothing but a little learning.
 */
public final class CorrespondentRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.threat");
    private static final int MAX_BATCH = 1_000;
    /** Beyond this many waiting observations new ones are dropped (the store is not keeping up). */
    private static final int MAX_QUEUED = 100_000;

    private final CorrespondentStore store;
    private final StoreCorrespondentHistory history;
    private final Clock clock;
    private final LinkedBlockingQueue<CorrespondentStore.Observation> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread writer;
    private volatile boolean closed;

    /** @param history told to forget its cached aggregates after each write (may be null) */
    public CorrespondentRecorder(CorrespondentStore store, StoreCorrespondentHistory history, Clock clock) {
        this.store = store;
        this.history = history;
        this.clock = clock;
        this.writer = Thread.ofVirtual().name("correspondents").start(this::run);
    }

    /** Queues observations; never blocks. */
    public void add(List<CorrespondentStore.Observation> observations) {
        for (CorrespondentStore.Observation o : observations) {
            if (!queue.offer(o)) {
                LOG.warn("correspondent history: queue full, observations dropped");
                return;
            }
        }
    }

    private void run() {
        List<CorrespondentStore.Observation> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                CorrespondentStore.Observation first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                store.record(batch, clock.millis());
                if (history != null) {
                    history.invalidate();
                }
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("correspondent history: {} observations not recorded: {}", batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
