package io.neuroframe.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.timing.VirtualTimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The harness's decisions on a virtual clock: stage times are exact, so each verdict is certain.
 * Every 10th frame is 40% slower, to give the percentiles a tail.
 */
class FrameTimeHarnessTest {
    @TempDir
    Path dir;

    /** A scenario with a decode stage of {@code decodeMs} and a pack stage of {@code packMs}, on virtual time. */
    private static Supplier<FrameScenario> scenario(String name, double decodeMs, double packMs) {
        return () -> {
            VirtualTimeSource time = new VirtualTimeSource();
            return SequentialScenario.builder(name)
                    .timeSource(time)
                    .stage(Stage.DECODE, frame -> time.advanceMillis(decodeMs * (frame % 10 == 0 ? 1.4 : 1.0)))
                    .stage(Stage.PACK, frame -> time.advanceMillis(packMs))
                    .build();
        };
    }

    private FrameTimeHarness harness(double gflops, boolean update) {
        return FrameTimeHarness.with(FrameTimeConfig.builder().frames(200).warmupFrames(5)
                .speed(MachineSpeed.fixed(gflops)).outputDir(dir.resolve("out")).updateBaselines(update).build());
    }

    private Path record(double gflops, double decodeMs, double packMs) {
        Path baseline = dir.resolve("walk.json");
        assertNull(harness(gflops, true).assertNoRegression(scenario("walk", decodeMs, packMs), baseline));
        return baseline;
    }

    @Test
    void recordsABaselineOnlyWhenAskedAndThenPassesTheSameTimes() throws IOException {
        Path baseline = record(10, 10, 2);
        Baseline written = Baseline.read(baseline);
        assertEquals("walk", written.scenario());
        assertEquals(200, written.frames());
        assertEquals(10.0, written.stages().get("decode").p50Ms(), 1e-9);
        assertEquals(14.0, written.stages().get("decode").p99Ms(), 1e-9);
        String recorded = Files.readString(baseline);
        FrameTimeComparison comparison = harness(10, false).assertNoRegression(scenario("walk", 12, 2), baseline);
        assertFalse(comparison.failed());
        assertEquals(recorded, Files.readString(baseline), "a check must never rewrite the baseline");
    }

    @Test
    void aStageThatDoublesFailsWithATableAndATrace() {
        Path baseline = record(10, 10, 2);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> harness(10, false).assertNoRegression(scenario("walk", 20, 2), baseline));
        String message = failure.getMessage();
        assertTrue(message.matches("(?s).*decode +p50 +10\\.000 +20\\.000 +20\\.000 +2\\.00x +1\\.50x +REGRESSED.*"),
                message);
        assertTrue(message.matches("(?s).*pack +p50 .* ok.*"), message);
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("walk-trace.json")));
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("walk-stages.csv")));
    }

    @Test
    void aSlowdownBelowTheMedianLimitPasses() {
        Path baseline = record(10, 10, 2);
        assertFalse(harness(10, false).assertNoRegression(scenario("walk", 13, 2), baseline).failed());
    }

    @Test
    void timesAreScaledByMachineSpeed() {
        Path baseline = record(10, 10, 2);
        // Twice as fast a machine doing the same work in half the time: no regression.
        FrameTimeComparison same = harness(20, false).assertNoRegression(scenario("walk", 5, 1), baseline);
        assertEquals(2.0, same.speedScale(), 1e-12);
        // Twice as fast a machine that still takes as long: the decode stage regressed.
        assertThrows(AssertionFailedError.class,
                () -> harness(20, false).assertNoRegression(scenario("walk", 10, 1), baseline));
    }

    @Test
    void subMillisecondChangesStayWithinTheSlack() {
        Path baseline = record(10, 10, 0.1);
        FrameTimeComparison comparison = harness(10, false).assertNoRegression(scenario("walk", 10, 0.3), baseline);
        assertFalse(comparison.failed(), comparison.table());
    }

    @Test
    void tailPercentilesNeedEnoughSamples() {
        Baseline baseline = new Baseline("s", 50, 1, "t", "m",
                java.util.Map.of("decode", new StageFigures(50, 10, 11, 12)));
        FrameTimeRun run = new FrameTimeRun("s", 50, 1,
                java.util.Map.of("decode", new StageFigures(50, 10, 11, 100)), null);
        FrameTimeComparison comparison = FrameTimeComparison.compare(baseline, run, Tolerance.DEFAULT);
        assertFalse(comparison.failed(), comparison.table());
        assertEquals(FrameTimeComparison.Verdict.FEW_SAMPLES, comparison.rows().get(2).verdict());
    }

    @Test
    void aMissingBaselineFailsAndSaysHowToRecordIt() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> harness(10, false).assertNoRegression(scenario("walk", 10, 2), dir.resolve("none.json")));
        assertTrue(failure.getMessage().contains("-Dneuroframe.updateBaselines=true"), failure.getMessage());
        assertFalse(Files.exists(dir.resolve("none.json")));
    }

    @Test
    void aBaselineOfAnotherScenarioOrFrameCountIsRejected() {
        Path baseline = record(10, 10, 2);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> harness(10, false).assertNoRegression(scenario("turn", 10, 2), baseline));
        assertTrue(failure.getMessage().contains("'walk' with 200 frames"), failure.getMessage());
    }

    @Test
    void aStageMissingFromTheRunFails() {
        Path baseline = record(10, 10, 2);
        Supplier<FrameScenario> decodeOnly = () -> {
            VirtualTimeSource time = new VirtualTimeSource();
            return SequentialScenario.builder("walk").timeSource(time)
                    .stage(Stage.DECODE, frame -> time.advanceMillis(10)).build();
        };
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> harness(10, false).assertNoRegression(decodeOnly, baseline));
        assertTrue(failure.getMessage().contains("MISSING"), failure.getMessage());
    }

    @Test
    void aMalformedBaselineIsAnErrorNamingTheFileAndField() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"scenario\":\"walk\",\"frames\":300,\"machineGflops\":0,\"stages\":{}}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Baseline.read(file));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("machineGflops"),
                error.getMessage());
        Files.writeString(file, "{not json");
        assertThrows(IllegalArgumentException.class, () -> Baseline.read(file));
    }

    @Test
    void aClockTooShortForTheMeasuredFramesIsAnError() {
        Supplier<FrameScenario> shortHistory = () -> {
            VirtualTimeSource time = new VirtualTimeSource();
            return SequentialScenario.builder("walk").timeSource(time).historyFrames(50)
                    .stage(Stage.DECODE, frame -> time.advanceMillis(1)).build();
        };
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> harness(10, false).run(shortHistory));
        assertTrue(error.getMessage().contains("history of at least 200"), error.getMessage());
    }

    @Test
    void aBaselineOfSeveralRunsHoldsTheirMedians() throws IOException {
        double[] decodeMs = {10, 30, 12};
        int[] made = {0};
        Supplier<FrameScenario> varying = () -> scenario("walk", decodeMs[made[0]++], 2).get();
        Path baseline = dir.resolve("walk.json");
        FrameTimeHarness recording = FrameTimeHarness.with(FrameTimeConfig.builder().frames(200).warmupFrames(5)
                .speed(MachineSpeed.fixed(10)).outputDir(dir.resolve("out")).updateBaselines(true).baselineRuns(3)
                .build());
        assertNull(recording.assertNoRegression(varying, baseline));
        assertEquals(3, made[0], "one scenario per run");
        assertEquals(12.0, Baseline.read(baseline).stages().get("decode").p50Ms(), 1e-9);
    }

    @Test
    void runsOfABaselineAreScaledToTheirMedianSpeedFirst() {
        StageClock clock = new StageClock(new VirtualTimeSource());
        List<FrameTimeRun> runs = List.of(
                new FrameTimeRun("walk", 100, 10, Map.of("decode", new StageFigures(100, 10, 12, 14)), clock),
                new FrameTimeRun("walk", 100, 20, Map.of("decode", new StageFigures(100, 6, 7, 8)), clock),
                new FrameTimeRun("walk", 100, 5, Map.of("decode", new StageFigures(100, 30, 40, 50)), clock));
        Baseline baseline = Baseline.ofMedian(runs);
        assertEquals(10, baseline.machineGflops(), 1e-9);
        // at 10 GFLOP/s the runs' medians are 10, 12 and 15 ms
        assertEquals(12.0, baseline.stages().get("decode").p50Ms(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Baseline.ofMedian(List.of(runs.get(0),
                new FrameTimeRun("turn", 100, 10, runs.get(0).stages(), clock))));
    }
}
