package org.tegami.mailauth;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.dkim.DkimResult;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.DmarcResult;
import org.tegami.spf.SpfResult;
import org.tegami.store.DmarcStore;

/**
 * Records each DMARC evaluation whose policy asks for aggregate reports (rua=), for the daily
 * report (RFC 7489 §7.2). Rows are written in batches by a background thread, so recording never
 * adds a commit to the SMTP transaction; a crash may lose the last second of rows, which only
 * makes a statistical report slightly smaller.
 */
public final class DmarcRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.dmarc");
    private static final long FLUSH_MILLIS = 1000;
    private static final int BATCH = 500;

    private final DmarcStore store;
    private final Clock clock;
    private final ConcurrentLinkedQueue<DmarcStore.Evaluation> pending = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread writer;
    private volatile boolean running = true;

    public DmarcRecorder(DmarcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.writer = Thread.ofVirtual().name("dmarc-recorder").start(this::loop);
    }

    /**
     * Queues the row for one evaluated message, when its policy record has rua=.
     *
     * @param envelopeFrom the MAIL FROM domain (the HELO name for the null sender)
     * @return true when a row was queued
     */
    public boolean record(InetAddress source, String envelopeFrom, DmarcResult r, SpfResult spf, List<DkimResult> dkim) {
        if (r.record() == null || r.record().rua().isEmpty() || r.policyDomain() == null) {
            return false;
        }
        pending.add(new DmarcStore.Evaluation(clock.millis(), r.policyDomain(), r.record().rua(),
                AggregateReport.PolicyPublished.of(r.policyDomain(), r.record()),
                AggregateReport.Row.of(source, envelopeFrom, r, spf, dkim)));
        wake.release();
        return true;
    }

    /** Writes everything queued so far (the reporter calls this before it reads; tests too). */
    public void flush() {
        writing.lock();
        try {
            while (!pending.isEmpty()) {
                List<DmarcStore.Evaluation> batch = new ArrayList<>();
                DmarcStore.Evaluation e;
                while (batch.size() < BATCH && (e = pending.poll()) != null) {
                    batch.add(e);
                }
                store.record(batch);
            }
        } finally {
            writing.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                Thread.sleep(FLUSH_MILLIS / 10); // let a burst gather into one transaction
                wake.drainPermits();
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("recording DMARC evaluations failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5000);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("recording DMARC evaluations at shutdown failed: {}", e.getMessage());
        }
    }
}
