package io.neuroframe.render.timing;

import io.neuroframe.api.TimeSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to: tests advance it to make stage durations exact.
 * Thread-safe; a stage running on a worker thread may advance it to simulate its own cost.
 */
public final class VirtualTimeSource implements TimeSource {
    private final AtomicLong now;

    /** Starts at {@code startNanos}. */
    public VirtualTimeSource(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    /** Starts at an arbitrary non-zero time, so code that treats 0 as "unset" is exercised. */
    public VirtualTimeSource() {
        this(1_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves the clock forward by {@code nanos} (at least 0). */
    public void advanceNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must be >= 0, got " + nanos);
        }
        now.addAndGet(nanos);
    }

    /** Moves the clock forward by {@code millis} milliseconds. */
    public void advanceMillis(double millis) {
        advanceNanos(Math.round(millis * 1_000_000.0));
    }
}
