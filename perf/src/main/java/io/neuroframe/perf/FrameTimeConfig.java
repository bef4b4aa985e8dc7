package io.neuroframe.perf;

import java.nio.file.Path;

/**
 * How a frame-time check runs: frames to warm up and to measure, tolerances, attempts, the
 * machine-speed yardstick, where failure traces go, and whether baselines are (re)recorded.
 * Made with {@link #builder()}; every setter validates its argument.
 *
 * @param frames measured frames per run
 * @param warmupFrames frames run first and not measured (JIT, caches, thread pools)
 * @param tolerance regression limits
 * @param attempts runs before a regression is reported: a regression must show in every one,
 *     so a burst of load from another process does not fail the check
 * @param speed the machine-speed yardstick
 * @param outputDir where the Chrome trace and CSV of a failing run are written
 * @param updateBaselines record the baseline instead of comparing against it
 * @param baselineRuns runs a recorded baseline is made of: each figure is their median, after normalising each run
 *     to their median machine speed, so one unusually quiet or busy run does not become the reference
 */
public record FrameTimeConfig(int frames, int warmupFrames, Tolerance tolerance, int attempts, MachineSpeed speed,
                              Path outputDir, boolean updateBaselines, int baselineRuns) {

    /** The system property that switches on baseline recording: {@code -Dneuroframe.updateBaselines=true}. */
    public static final String UPDATE_BASELINES_PROPERTY = "neuroframe.updateBaselines";
    /** Fewest measured frames allowed: below this even the median of a stage is mostly noise. */
    public static final int MIN_FRAMES = 30;

    /**
     * A builder with the defaults: 300 frames, 30 warm-up frames, {@link Tolerance#DEFAULT}, 3
     * attempts, {@link MachineSpeed#javaGemm()}, output in {@code target/frame-time}, baseline
     * recording when the system property {@value #UPDATE_BASELINES_PROPERTY} is {@code true}, from
     * one run.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FrameTimeConfig}. */
    public static final class Builder {
        private int frames = 300;
        private int warmupFrames = 30;
        private Tolerance tolerance = Tolerance.DEFAULT;
        private int attempts = 3;
        private MachineSpeed speed = MachineSpeed.javaGemm();
        private Path outputDir = Path.of("target", "frame-time");
        private boolean updateBaselines = Boolean.getBoolean(UPDATE_BASELINES_PROPERTY);
        private int baselineRuns = 1;

        private Builder() {
        }

        /** Measured frames per run, at least {@value FrameTimeConfig#MIN_FRAMES}. */
        public Builder frames(int frames) {
            if (frames < MIN_FRAMES) {
                throw new IllegalArgumentException("frames must be >= " + MIN_FRAMES
                        + " for stable percentiles, got " + frames);
            }
            this.frames = frames;
            return this;
        }

        /** Unmeasured frames before the measured ones, at least 0. */
        public Builder warmupFrames(int warmupFrames) {
            if (warmupFrames < 0) {
                throw new IllegalArgumentException("warmupFrames must be >= 0, got " + warmupFrames);
            }
            this.warmupFrames = warmupFrames;
            return this;
        }

        /** Regression limits. */
        public Builder tolerance(Tolerance tolerance) {
            this.tolerance = requireNonNull(tolerance, "tolerance");
            return this;
        }

        /** Runs a regression must show in before it is reported, 1 to 5. */
        public Builder attempts(int attempts) {
            if (attempts < 1 || attempts > 5) {
                throw new IllegalArgumentException("attempts must be in [1, 5], got " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /** The machine-speed yardstick. */
        public Builder speed(MachineSpeed speed) {
            this.speed = requireNonNull(speed, "speed");
            return this;
        }

        /** Where the trace and CSV of a failing run are written (created when needed). */
        public Builder outputDir(Path outputDir) {
            this.outputDir = requireNonNull(outputDir, "outputDir");
            return this;
        }

        /** Record baselines instead of comparing (normally set by the system property). */
        public Builder updateBaselines(boolean updateBaselines) {
            this.updateBaselines = updateBaselines;
            return this;
        }

        /** Runs a recorded baseline is the median of, 1 to 9 (an odd number gives a true median). */
        public Builder baselineRuns(int baselineRuns) {
            if (baselineRuns < 1 || baselineRuns > 9) {
                throw new IllegalArgumentException("baselineRuns must be in [1, 9], got " + baselineRuns);
            }
            this.baselineRuns = baselineRuns;
            return this;
        }

        /** The configuration. */
        public FrameTimeConfig build() {
            return new FrameTimeConfig(frames, warmupFrames, tolerance, attempts, speed, outputDir, updateBaselines,
                    baselineRuns);
        }

        private static <T> T requireNonNull(T value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }
    }
}
