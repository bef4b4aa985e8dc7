package io.neuroframe.remote;

/** Exponential back-off between reconnection attempts: delays double up to a cap; reset after a success. */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(long initialNanos, long maxNanos) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.nextNanos = initialNanos;
    }

    /** The delay to wait now; the one after it is twice as long, up to the cap. */
    long next() {
        long delay = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return delay;
    }

    void reset() {
        nextNanos = initialNanos;
    }
}
