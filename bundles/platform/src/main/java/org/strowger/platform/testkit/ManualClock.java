package org.strowger.platform.testkit;

import java.time.Duration;

import org.strowger.platform.api.Clock;

/** A clock that moves only when {@link #advance(Duration)} is called. Not thread-safe by design. */
public final class ManualClock implements Clock {

    private long nanos;
    private final long epochMillisAtZero;

    public ManualClock() {
        this(1_700_000_000_000L);
    }

    public ManualClock(long epochMillisAtZero) {
        this.epochMillisAtZero = epochMillisAtZero;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return epochMillisAtZero + nanos / 1_000_000L;
    }

    /** Moves time forward; use {@link ManualTimerService#advance(Duration)} to also fire timers. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + d);
        }
        nanos += d.toNanos();
    }
}
