package io.neuroframe.render;

/**
 * Exponential back-off: delays double from an initial value up to a cap; reset after a success.
 * Not thread-safe: one owner thread (a pipeline worker, a network thread).
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    /**
     * @param initialNanos the first delay
     * @param maxNanos the largest delay
     */
    public Backoff(long initialNanos, long maxNanos) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.nextNanos = initialNanos;
    }

    /** The delay to wait now; the one after it is twice as long, up to the cap. */
    public long next() {
        long delay = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return delay;
    }

    /** Starts again from the initial delay. */
    public void reset() {
        nextNanos = initialNanos;
    }
}
