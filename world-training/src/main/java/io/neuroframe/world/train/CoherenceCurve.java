package io.neuroframe.world.train;

/**
 * The {@link CoherenceStatistic}s of one style's frames step by step, under one {@link Driver}, each
 * as a value and as a ratio to the style's real-to-real spread ({@link StyleReference#ratio}).
 *
 * <p>The figures at step {@code k} are those of the mean over every frame at steps {@code k - window + 1}
 * to {@code k} (from step 0 near the start); step 0 is the real start frame. The curve ends at the last
 * step some run reached.
 *
 * @param driver what made the frames
 * @param runs rollouts (or real trajectories) in the curve
 * @param samples frames at each step
 * @param values per statistic (by ordinal), per step: {@link CoherenceStatistic#value}
 * @param ratios per statistic (by ordinal), per step: the distance to the real frames over the real-to-real spread
 */
public record CoherenceCurve(Driver driver, int runs, int[] samples, double[][] values, double[][] ratios) {

    /** What made a curve's frames. */
    public enum Driver {
        /** The model, free-running from a held-out trajectory's first frame with that trajectory's recorded actions. */
        RECORDED("recorded", "recorded actions", true),
        /** The model, free-running from a held-out trajectory's first frame with the scripted play. */
        SCRIPTED("scripted", "scripted play", true),
        /** No model: the held-out trajectories' own (decoded) frames, where a real run lies on the same scale. */
        REAL("real", "real frames", false);

        private final String key;
        private final String label;
        private final boolean model;

        Driver(String key, String label, boolean model) {
            this.key = key;
            this.label = label;
            this.model = model;
        }

        /** The name in JSON reports. */
        public String key() {
            return key;
        }

        /** A short description for tables and plots (the model's curves are named by what drives it). */
        public String label() {
            return label;
        }

        /** Whether the frames are the model's (checked by {@link CoherenceReport#breaches}) rather than real. */
        public boolean model() {
            return model;
        }
    }

    /**
     * The curve of {@code series} against {@code reference}.
     *
     * @param window steps each figure is averaged over (at least 1)
     * @throws IllegalArgumentException if the series has no frame at step 0
     */
    public static CoherenceCurve of(Driver driver, int runs, StepSeries series, StyleReference reference, int window) {
        int steps = series.steps();
        if (steps == 0 || series.samples(0) == 0) {
            throw new IllegalArgumentException(reference.style() + ", " + driver.label() + ": no frame at step 0");
        }
        CoherenceStatistic[] statistics = CoherenceStatistic.values();
        int[] samples = new int[steps];
        double[][] values = new double[statistics.length][steps];
        double[][] ratios = new double[statistics.length][steps];
        for (int k = 0; k < steps; k++) {
            samples[k] = series.samples(k);
            FrameStatistics mean = series.windowMean(k, window);
            for (CoherenceStatistic s : statistics) {
                values[s.ordinal()][k] = s.value(mean, reference.mean());
                ratios[s.ordinal()][k] = reference.ratio(s, mean);
            }
        }
        return new CoherenceCurve(driver, runs, samples, values, ratios);
    }

    /** One past the last step the curve reaches. */
    public int steps() {
        return samples.length;
    }

    /** Whether the curve has figures at {@code step}. */
    public boolean reaches(int step) {
        return step >= 0 && step < samples.length;
    }

    /** The ratio of {@code statistic} at {@code step}. */
    public double ratio(CoherenceStatistic statistic, int step) {
        return ratios[statistic.ordinal()][step];
    }

    /** The value of {@code statistic} at {@code step} (see {@link CoherenceStatistic#value}). */
    public double value(CoherenceStatistic statistic, int step) {
        return values[statistic.ordinal()][step];
    }
}
