package io.neuroframe.perf;

/**
 * Percentiles of one stage over the measured frames of a run, in milliseconds.
 *
 * @param count intervals measured
 * @param p50Ms median
 * @param p95Ms 95th percentile (nearest rank)
 * @param p99Ms 99th percentile (nearest rank)
 */
public record StageFigures(int count, double p50Ms, double p95Ms, double p99Ms) {

    /** The figure of {@code percentile} (50, 95 or 99). */
    public double at(Percentile percentile) {
        return switch (percentile) {
            case P50 -> p50Ms;
            case P95 -> p95Ms;
            case P99 -> p99Ms;
        };
    }

    /** These figures multiplied by {@code factor} (the count unchanged). */
    public StageFigures scaled(double factor) {
        return new StageFigures(count, p50Ms * factor, p95Ms * factor, p99Ms * factor);
    }

    /** The percentiles a frame-time check compares. */
    public enum Percentile {
        P50("p50"), P95("p95"), P99("p99");

        private final String label;

        Percentile(String label) {
            this.label = label;
        }

        /** {@code "p50"}, {@code "p95"} or {@code "p99"}. */
        public String label() {
            return label;
        }
    }
}
