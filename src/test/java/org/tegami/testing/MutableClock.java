package org.tegami.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock shifted by an offset that a test can change while servers run. */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset;

    public MutableClock(Duration offset) {
        this.offset = new AtomicReference<>(offset);
    }

    public void setOffset(Duration d) {
        offset.set(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
