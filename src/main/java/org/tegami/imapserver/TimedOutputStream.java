package org.tegami.imapserver;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The session's output stream with a deadline on every write: when a client stops reading, its
 * socket buffer fills and a write blocks; the {@link WriteWatchdog} closes the connection once a
 * write has blocked longer than the write timeout. Together with the writer's bounded buffer this
 * bounds what one session can hold for a client that never reads.
 */
final class TimedOutputStream extends OutputStream {

    private final OutputStream out;
    /** System.nanoTime() when the pending write started, 0 when none is blocked. */
    private volatile long since;

    TimedOutputStream(OutputStream out) {
        this.out = out;
    }

    /** Nanoseconds the current write has been blocked, 0 if none is in progress. */
    long blockedNanos(long now) {
        long s = since;
        return s == 0 ? 0 : now - s;
    }

    @Override
    public void write(int b) throws IOException {
        since = System.nanoTime();
        try {
            out.write(b);
        } finally {
            since = 0;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        since = System.nanoTime();
        try {
            out.write(b, off, len);
        } finally {
            since = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        since = System.nanoTime();
        try {
            out.flush();
        } finally {
            since = 0;
        }
    }
}
