package org.tegami.imapserver;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread for all sessions that closes connections whose writes stay blocked past the write
 * timeout (a client that never reads). Closing the socket makes the blocked write fail, and the
 * session ends.
 */
final class WriteWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.imap");

    record Watched(Transport connection, TimedOutputStream out) {}

    private final Set<Watched> sessions = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private final Thread thread;
    private volatile boolean closed;

    WriteWatchdog(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(100, Math.min(1000, timeout.toMillis() / 4));
        this.thread = Thread.ofVirtual().name("imap-write-watchdog").start(() -> loop(period));
    }

    Watched watch(Transport c, TimedOutputStream out) {
        Watched w = new Watched(c, out);
        sessions.add(w);
        return w;
    }

    void unwatch(Watched w) {
        if (w != null) {
            sessions.remove(w);
        }
    }

    private void loop(long periodMillis) {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watched w : sessions) {
                if (w.out.blockedNanos(now) > timeoutNanos) {
                    LOG.info("c={} closed: client did not read for {}s", w.connection.id(), timeoutNanos / 1_000_000_000);
                    sessions.remove(w);
                    w.connection.abort();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
