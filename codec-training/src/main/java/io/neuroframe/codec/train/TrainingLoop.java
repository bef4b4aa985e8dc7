package io.neuroframe.codec.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The chunked loop every training command runs: steps until the run's total, a progress line with
 * speed and ETA every few seconds and after the last step, a checkpoint every few minutes, at the
 * time limit and after the last step, and at the time limit a stop that says how to continue. A
 * resumed run starts at its checkpoint's step; speed and ETA count this process's steps only.
 */
public final class TrainingLoop {

    /** A run as the loop drives it; implemented by each command around its trainer. */
    public interface Run {
        /** Steps completed so far, resumed ones included. */
        long completedSteps();

        /** Runs one step. */
        void step();

        /** The last step's figures for the progress line, such as {@code loss 0.01234}. */
        String progress();

        /**
         * Floating-point operations of one step (forward and backward passes), or 0 (the default) when not counted;
         * when counted, the progress line shows the step's GFLOP/s.
         */
        default double flopsPerStep() {
            return 0;
        }

        /** What the progress line adds after the ETA, such as skipped steps; empty by default. */
        default String progressNote() {
            return "";
        }

        /** Saves a checkpoint, with whatever the command measures and records alongside. */
        void checkpoint() throws IOException;
    }

    private final Double maxMinutes;
    private final double checkpointMinutes;
    private final double reportSeconds;
    private final String howToContinue;
    private final PrintWriter log;
    private double ceilingGflops;
    private double stepsPerSecond = Double.NaN;
    private double gflops = Double.NaN;

    /**
     * @param maxMinutes stop with a checkpoint after this many minutes; null for no limit
     * @param checkpointMinutes minutes between checkpoints
     * @param reportSeconds seconds between progress lines
     * @param howToContinue how to continue after a stop, as in "run again {@code with --resume} to continue"
     * @param log where progress goes
     */
    public TrainingLoop(Double maxMinutes, double checkpointMinutes, double reportSeconds, String howToContinue,
                        PrintWriter log) {
        this.maxMinutes = maxMinutes;
        this.checkpointMinutes = checkpointMinutes;
        this.reportSeconds = reportSeconds;
        this.howToContinue = howToContinue;
        this.log = log;
    }

    /**
     * Shows the step's GFLOP/s as a share of {@code gflops}, this machine's measured ceiling ({@link GemmCeiling}).
     *
     * @return this loop
     */
    public TrainingLoop ceiling(double gflops) {
        this.ceilingGflops = gflops;
        return this;
    }

    /** Steps per second of this process's steps at the last progress line; NaN before the first. */
    public double stepsPerSecond() {
        return stepsPerSecond;
    }

    /** GFLOP/s at the last progress line ({@link Run#flopsPerStep} at that speed); NaN before the first. */
    public double gflops() {
        return gflops;
    }

    /**
     * Steps {@code run} until it has completed {@code totalSteps} or the time limit is reached.
     *
     * @return whether the run completed its steps (false: it stopped at the time limit, with a checkpoint)
     */
    public boolean run(Run run, long totalSteps) throws IOException {
        long start = System.nanoTime();
        long lastCheckpoint = start;
        long lastReport = start;
        long startStep = run.completedSteps();
        while (run.completedSteps() < totalSteps) {
            run.step();
            long done = run.completedSteps();
            long now = System.nanoTime();
            boolean last = done == totalSteps;
            if (now - lastReport >= reportSeconds * 1e9 || last) {
                double rate = (done - startStep) / ((now - start) / 1e9);
                stepsPerSecond = rate;
                gflops = rate * run.flopsPerStep() / 1e9;
                log.printf(Locale.ROOT, "step %d/%d  %s  |  %.2f steps/s%s  ETA %s%s%n", done, totalSteps, run.progress(),
                        rate, throughput(), duration((totalSteps - done) / rate), run.progressNote());
                log.flush();
                lastReport = now;
            }
            boolean outOfTime = maxMinutes != null && now - start >= maxMinutes * 60e9;
            if (now - lastCheckpoint >= checkpointMinutes * 60e9 || outOfTime || last) {
                run.checkpoint();
                lastCheckpoint = System.nanoTime();
            }
            if (outOfTime && !last) {
                log.printf(Locale.ROOT, "stopping after %.1f minutes at step %d; run again %s to continue%n", maxMinutes,
                        run.completedSteps(), howToContinue);
                log.flush();
                return false;
            }
        }
        return true;
    }

    private String throughput() {
        if (gflops <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, "  %.2f GFLOP/s", gflops) + (ceilingGflops <= 0 ? ""
                : String.format(Locale.ROOT, " (%.0f%% of %.1f)", 100 * gflops / ceilingGflops, ceilingGflops));
    }

    /** {@code seconds} as {@code 12m05s}, or {@code 3h07m} from an hour on; {@code ?} when not finite. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
