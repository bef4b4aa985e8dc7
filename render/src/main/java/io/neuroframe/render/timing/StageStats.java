package io.neuroframe.render.timing;

/**
 * Summary of one series over the clock's statistics window: percentiles by nearest rank.
 * Mutable and reusable, so that an overlay refreshing a few times a second allocates nothing;
 * fill it with {@link StageClock#stats} or {@link StageClock#motionToPhoton}.
 */
public final class StageStats {
    private int count;
    private long p50;
    private long p95;
    private long p99;
    private long max;
    private long mean;

    /** Samples in the window (0 when the stage has not run yet; then every figure is 0). */
    public int count() {
        return count;
    }

    /** Median in nanoseconds. */
    public long p50Nanos() {
        return p50;
    }

    /** 95th percentile in nanoseconds. */
    public long p95Nanos() {
        return p95;
    }

    /** 99th percentile in nanoseconds. */
    public long p99Nanos() {
        return p99;
    }

    /** Largest sample in nanoseconds. */
    public long maxNanos() {
        return max;
    }

    /** Mean in nanoseconds (rounded down). */
    public long meanNanos() {
        return mean;
    }

    /** Median in milliseconds. */
    public double p50Millis() {
        return p50 / 1e6;
    }

    /** 95th percentile in milliseconds. */
    public double p95Millis() {
        return p95 / 1e6;
    }

    /** 99th percentile in milliseconds. */
    public double p99Millis() {
        return p99 / 1e6;
    }

    /** Fills this from the first {@code n} values of {@code sorted}, which are in ascending order. */
    void set(long[] sorted, int n) {
        count = n;
        if (n == 0) {
            p50 = p95 = p99 = max = mean = 0;
            return;
        }
        p50 = sorted[rank(0.50, n)];
        p95 = sorted[rank(0.95, n)];
        p99 = sorted[rank(0.99, n)];
        max = sorted[n - 1];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
        }
        mean = sum / n;
    }

    /** Nearest-rank index: the smallest value with at least {@code p} of the samples at or below it. */
    private static int rank(double p, int n) {
        return Math.max(0, (int) Math.ceil(p * n) - 1);
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.2fms p95=%.2fms p99=%.2fms", count, p50Millis(), p95Millis(), p99Millis());
    }
}
