package io.neuroframe.perf;

import io.neuroframe.perf.StageFigures.Percentile;

/**
 * How much slower than its baseline a stage may get, after normalising by machine speed, before a
 * frame-time check fails.
 *
 * <p>A percentile regresses when its normalised time exceeds the baseline by more than its ratio
 * <em>and</em> by more than {@code slackMillis} (so sub-millisecond stages do not fail on timer
 * noise). Tail percentiles are compared only with enough samples behind them.
 *
 * @param p50Ratio largest allowed ratio of the median (default 1.5: a stage that doubles fails,
 *     while scheduling noise on a busy machine, typically 10 to 30% on the median, passes)
 * @param p95Ratio largest allowed ratio of the 95th percentile (default 2.5: on a shared machine the
 *     tail moves with other processes' load far more than the median does)
 * @param p99Ratio largest allowed ratio of the 99th percentile (default 4.0: a few preempted frames)
 * @param slackMillis differences up to this are never a regression (default 0.5 ms)
 * @param minSamplesP95 fewer samples than this skip the p95 comparison (default 20)
 * @param minSamplesP99 fewer samples than this skip the p99 comparison (default 100)
 */
public record Tolerance(double p50Ratio, double p95Ratio, double p99Ratio, double slackMillis, int minSamplesP95,
                        int minSamplesP99) {

    /** The defaults described on the fields. */
    public static final Tolerance DEFAULT = new Tolerance(1.5, 2.5, 4.0, 0.5, 20, 100);

    public Tolerance {
        requireRatio("p50Ratio", p50Ratio);
        requireRatio("p95Ratio", p95Ratio);
        requireRatio("p99Ratio", p99Ratio);
        if (!(slackMillis >= 0) || Double.isInfinite(slackMillis)) {
            throw new IllegalArgumentException("slackMillis must be >= 0 and finite, got " + slackMillis);
        }
        if (minSamplesP95 < 1 || minSamplesP99 < 1) {
            throw new IllegalArgumentException("minimum sample counts must be >= 1, got " + minSamplesP95 + " and "
                    + minSamplesP99);
        }
    }

    /** The ratio limit of {@code percentile}. */
    public double ratio(Percentile percentile) {
        return switch (percentile) {
            case P50 -> p50Ratio;
            case P95 -> p95Ratio;
            case P99 -> p99Ratio;
        };
    }

    /** Samples needed before {@code percentile} is compared. */
    public int minSamples(Percentile percentile) {
        return switch (percentile) {
            case P50 -> 1;
            case P95 -> minSamplesP95;
            case P99 -> minSamplesP99;
        };
    }

    /** These tolerances with another median ratio. */
    public Tolerance withP50Ratio(double ratio) {
        return new Tolerance(ratio, p95Ratio, p99Ratio, slackMillis, minSamplesP95, minSamplesP99);
    }

    private static void requireRatio(String name, double value) {
        if (!(value > 1.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 1 and finite, got " + value);
        }
    }
}
