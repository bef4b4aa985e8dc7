package io.neuroframe.perf;

import io.neuroframe.render.timing.StageClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link FrameScenario} for a fixed number of frames and checks its per-stage frame times
 * against a committed {@link Baseline}, normalised by machine speed.
 *
 * <pre>{@code
 * FrameTimeHarness.with(FrameTimeConfig.builder().frames(300).build())
 *         .assertNoRegression(() -> new MyScenario(), Path.of("src/test/resources/frame-time/walk.json"));
 * }</pre>
 *
 * <p>Baselines are written only when {@link FrameTimeConfig#updateBaselines()} is set (by default
 * from {@code -Dneuroframe.updateBaselines=true}), from the median of
 * {@link FrameTimeConfig#baselineRuns()} runs; a missing baseline fails and says how to record
 * one. On a regression the check runs the scenario again (up to
 * {@link FrameTimeConfig#attempts()} runs in all) and fails only when every run regressed; the
 * failure message holds the per-stage table of the last run, whose Chrome trace and CSV are written
 * to {@link FrameTimeConfig#outputDir()}.
 */
public final class FrameTimeHarness {
    /** Machine-speed samples taken just before and again just after the frames of a run. */
    static final int SPEED_SAMPLES = 60;

    private final FrameTimeConfig config;

    private FrameTimeHarness(FrameTimeConfig config) {
        this.config = config;
    }

    /** A harness with {@code config}. */
    public static FrameTimeHarness with(FrameTimeConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new FrameTimeHarness(config);
    }

    /** The configuration in use. */
    public FrameTimeConfig config() {
        return config;
    }

    /**
     * Makes a scenario, runs its warm-up and measured frames, closes it, and returns the measured
     * figures. Machine speed is sampled {@value #SPEED_SAMPLES} times just before the scenario is
     * made and again just after it is closed (never while it runs, so a scenario's own threads do
     * not slow the yardstick down); the run keeps the median sample.
     *
     * @throws IllegalStateException if the scenario's clock cannot hold the measured frames
     */
    public FrameTimeRun run(Supplier<? extends FrameScenario> scenarioFactory) {
        MachineSpeed speed = config.speed();
        speed.warmUp();
        double[] samples = new double[2 * SPEED_SAMPLES];
        sampleSpeed(speed, samples, 0);
        String name;
        Map<String, StageFigures> stages;
        StageClock clock;
        try (FrameScenario scenario = scenarioFactory.get()) {
            name = scenario.name();
            clock = scenario.clock();
            if (clock.historyFrames() < config.frames()) {
                throw new IllegalStateException("scenario '" + name + "': its stage clock keeps "
                        + clock.historyFrames() + " intervals per stage but " + config.frames()
                        + " frames are measured; give the clock a history of at least " + config.frames());
            }
            for (int i = 0; i < config.warmupFrames(); i++) {
                scenario.runFrame();
            }
            long from = clock.now();
            for (int i = 0; i < config.frames(); i++) {
                scenario.runFrame();
            }
            stages = FrameTimeRun.summarise(clock, from);
        }
        if (stages.isEmpty()) {
            throw new IllegalStateException("scenario '" + name + "' recorded no stage intervals on its clock during "
                    + config.frames() + " frames");
        }
        sampleSpeed(speed, samples, SPEED_SAMPLES);
        return new FrameTimeRun(name, config.frames(), median(samples), stages, clock);
    }

    /** Fills {@link #SPEED_SAMPLES} samples from {@code offset}; the scenario is not running meanwhile. */
    private static void sampleSpeed(MachineSpeed speed, double[] into, int offset) {
        for (int i = 0; i < SPEED_SAMPLES; i++) {
            into[offset + i] = speed.sampleGflops();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Runs the scenario and compares it with the baseline in {@code baselineFile}, or records that
     * baseline when baseline updates are switched on.
     *
     * @return the passing comparison, or {@code null} when the baseline was recorded
     * @throws AssertionFailedError when the baseline is missing or belongs to another scenario or
     *     frame count, or when every attempt regressed (message: the per-stage table and the trace path)
     */
    public FrameTimeComparison assertNoRegression(Supplier<? extends FrameScenario> scenarioFactory,
                                                  Path baselineFile) {
        if (config.updateBaselines()) {
            List<FrameTimeRun> runs = new ArrayList<>();
            for (int i = 0; i < config.baselineRuns(); i++) {
                runs.add(run(scenarioFactory));
            }
            try {
                Baseline.ofMedian(runs).write(baselineFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write frame-time baseline " + baselineFile, e);
            }
            System.out.println("frame-time baseline for '" + runs.get(0).scenario() + "' recorded in " + baselineFile
                    + " from " + runs.size() + " run(s) (" + FrameTimeConfig.UPDATE_BASELINES_PROPERTY
                    + " is on); review and commit it");
            return null;
        }
        Baseline baseline = readBaseline(baselineFile);
        FrameTimeComparison comparison = null;
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            FrameTimeRun run = run(scenarioFactory);
            requireSameShape(baseline, run, baselineFile);
            comparison = FrameTimeComparison.compare(baseline, run, config.tolerance());
            if (!comparison.failed()) {
                System.out.print(comparison.table());
                return comparison;
            }
        }
        Path trace;
        try {
            trace = comparison.run().writeTrace(config.outputDir());
        } catch (IOException e) {
            throw new UncheckedIOException("frame times regressed, and writing the trace to " + config.outputDir()
                    + " failed", e);
        }
        throw new AssertionFailedError("frame times regressed against " + baselineFile + " in all " + config.attempts()
                + " attempt(s):\n" + comparison.table() + "Chrome trace of the last run: " + trace.toAbsolutePath()
                + "\nIf the change is intended, re-record with -D" + FrameTimeConfig.UPDATE_BASELINES_PROPERTY
                + "=true and commit the baseline.");
    }

    private static Baseline readBaseline(Path file) {
        if (!Files.exists(file)) {
            throw new AssertionFailedError("no frame-time baseline at " + file.toAbsolutePath()
                    + "; record one by running this test with -D" + FrameTimeConfig.UPDATE_BASELINES_PROPERTY
                    + "=true (e.g. mvn test -Dtest=... -D" + FrameTimeConfig.UPDATE_BASELINES_PROPERTY
                    + "=true), then commit the file");
        }
        try {
            return Baseline.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read frame-time baseline " + file, e);
        }
    }

    private static void requireSameShape(Baseline baseline, FrameTimeRun run, Path file) {
        if (!baseline.scenario().equals(run.scenario()) || baseline.frames() != run.frames()) {
            throw new AssertionFailedError("frame-time baseline " + file + " was recorded for scenario '"
                    + baseline.scenario() + "' with " + baseline.frames() + " frames, but this check runs '"
                    + run.scenario() + "' with " + run.frames() + " frames; re-record it with -D"
                    + FrameTimeConfig.UPDATE_BASELINES_PROPERTY + "=true");
        }
    }
}
