package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.djl.PyTorchRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

    /** A run that counts steps and records at which step each checkpoint came. */
    private static class CountingRun implements TrainingLoop.Run {
        long steps;
        final List<Long> checkpoints = new ArrayList<>();

        CountingRun(long resumedAt) {
            steps = resumedAt;
        }

        @Override
        public long completedSteps() {
            return steps;
        }

        @Override
        public void step() {
            steps++;
        }

        @Override
        public String progress() {
            return "loss 0.50000";
        }

        @Override
        public String progressNote() {
            return "  (note)";
        }

        @Override
        public void checkpoint() {
            checkpoints.add(steps);
        }
    }

    @Test
    void runsToTheTotalWithAProgressLineAndACheckpointAfterTheLastStep() throws IOException {
        StringWriter log = new StringWriter();
        CountingRun run = new CountingRun(2);
        boolean finished = new TrainingLoop(null, 60, 3600, "with --resume", new PrintWriter(log)).run(run, 5);
        assertTrue(finished);
        assertEquals(5, run.steps);
        assertEquals(List.of(5L), run.checkpoints);
        assertTrue(log.toString().matches("step 5/5  loss 0\\.50000  \\|  [0-9.]+ steps/s  ETA 0m00s  \\(note\\)\\R"),
                log.toString());
    }

    @Test
    void aRunThatCountsItsOperationsShowsItsRateAgainstTheCeiling() throws IOException {
        StringWriter log = new StringWriter();
        CountingRun run = new CountingRun(0) {
            @Override
            public double flopsPerStep() {
                return 1e9;
            }
        };
        TrainingLoop loop = new TrainingLoop(null, 60, 3600, "with --resume", new PrintWriter(log)).ceiling(1e12);
        assertTrue(Double.isNaN(loop.stepsPerSecond()));
        loop.run(run, 3);
        String line = log.toString();
        assertTrue(line.matches("step 3/3  loss 0\\.50000  \\|  [0-9.]+ steps/s  [0-9.]+ GFLOP/s \\([0-9]+% of 1000000000000\\.0\\)"
                + "  ETA 0m00s  \\(note\\)\\R"), line);
        double gflops = Double.parseDouble(line.replaceAll("(?s).*steps/s  ([0-9.]+) GFLOP/s.*", "$1"));
        assertEquals(loop.stepsPerSecond(), gflops, 0.01 * gflops + 0.01, "1 GFLOP per step");
    }

    @Test
    void theCeilingIsAPositiveRate() {
        double gflops = GemmCeiling.gflops(PyTorchRuntime.engine(1), java.time.Duration.ofMillis(50));
        assertTrue(gflops > 0 && Double.isFinite(gflops), "ceiling " + gflops);
    }

    @Test
    void stopsAtTheTimeLimitWithACheckpointAndSaysHowToContinue() throws IOException {
        StringWriter log = new StringWriter();
        CountingRun run = new CountingRun(0);
        boolean finished = new TrainingLoop(0.0, 60, 3600, "with the same --out", new PrintWriter(log)).run(run, 5);
        assertFalse(finished);
        assertEquals(List.of(1L), run.checkpoints);
        assertTrue(log.toString().contains("stopping after 0.0 minutes at step 1; run again with the same --out to continue"),
                log.toString());
    }

    @Test
    void aRunAlreadyAtItsTotalTakesNoStep() throws IOException {
        CountingRun run = new CountingRun(5);
        assertTrue(new TrainingLoop(null, 5, 10, "with --resume", new PrintWriter(new StringWriter())).run(run, 5));
        assertEquals(5, run.steps);
        assertTrue(run.checkpoints.isEmpty());
    }

    @Test
    void durationsReadAsMinutesOrHours() {
        assertEquals("0m05s", TrainingLoop.duration(4.6));
        assertEquals("12m05s", TrainingLoop.duration(725));
        assertEquals("3h07m", TrainingLoop.duration(3 * 3600 + 7 * 60 + 30));
        assertEquals("?", TrainingLoop.duration(Double.POSITIVE_INFINITY));
    }
}
