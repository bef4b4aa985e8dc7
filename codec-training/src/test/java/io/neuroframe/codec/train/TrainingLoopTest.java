package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

    /** A run that counts steps and records at which step each checkpoint came. */
    private static final class CountingRun implements TrainingLoop.Run {
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
