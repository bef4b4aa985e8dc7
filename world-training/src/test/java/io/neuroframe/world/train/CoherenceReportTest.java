package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.world.train.CoherenceCurve.Driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The holds-together figures on synthetic frames whose statistics are known. */
class CoherenceReportTest {
    private static final int STEPS = 3;
    private static FrameStatistics smooth;
    private static FrameStatistics tiles;
    private static FrameStatistics black;

    @BeforeAll
    static void measureFrames() {
        smooth = FrameStatistics.of(FrameStatisticsTest.smooth());
        tiles = FrameStatistics.of(FrameStatisticsTest.grey((y, x) -> (y / 20 + x / 20) % 2 == 0 ? 80 : 200));
        black = FrameStatistics.of(FrameStatisticsTest.grey((y, x) -> 0));
    }

    /** A style whose real trajectories are the smooth frame throughout and the tiles throughout. */
    private static StyleReference reference(int window) {
        Map<String, StepSeries> real = new LinkedHashMap<>();
        real.put("test-000", series(smooth));
        real.put("test-001", series(tiles));
        return StyleReference.of("test", real, window);
    }

    /** {@value #STEPS} steps, each holding every frame given. */
    private static StepSeries series(FrameStatistics... frames) {
        StepSeries s = new StepSeries();
        for (int step = 0; step < STEPS; step++) {
            for (FrameStatistics f : frames) {
                s.add(step, f);
            }
        }
        return s;
    }

    private static CoherenceReport report(StyleReference reference, CoherenceCurve... curves) {
        Map<Driver, CoherenceCurve> map = new LinkedHashMap<>();
        for (CoherenceCurve c : curves) {
            map.put(c.driver(), c);
        }
        return new CoherenceReport(STEPS - 1, 1, List.of(new CoherenceReport.StyleResult(reference, map)));
    }

    @Test
    void theRealToRealSpreadIsTheDifferenceBetweenTheTwoTrajectories() {
        StyleReference reference = reference(1);
        assertEquals(Math.abs(smooth.luminance() - tiles.luminance()), reference.spread(CoherenceStatistic.LUMINANCE), 1e-12);
        assertEquals(Math.abs(smooth.patchGrid() - tiles.patchGrid()), reference.spread(CoherenceStatistic.PATCH_GRID), 1e-9);
        assertEquals(smooth.histogramDistance(tiles), reference.spread(CoherenceStatistic.COLOUR_HISTOGRAM), 1e-12);
        assertEquals((smooth.contrast() + tiles.contrast()) / 2, reference.mean().contrast(), 1e-12);
        assertEquals(List.of("test-000", "test-001"), reference.trajectories());
    }

    @Test
    void rollingOutTheRealTrajectoriesThemselvesScoresZeroAndHoldsTogether() {
        StyleReference reference = reference(1);
        CoherenceCurve identical = CoherenceCurve.of(Driver.SCRIPTED, 2, series(smooth, tiles), reference, 1);
        for (CoherenceStatistic s : CoherenceStatistic.values()) {
            for (int step = 0; step < STEPS; step++) {
                assertEquals(0, identical.ratio(s, step), 1e-9, s + " at step " + step);
            }
        }
        CoherenceReport report = report(reference, identical);
        assertTrue(report.holdsTogether(STEPS - 1));
        assertTrue(report.breaches(STEPS - 1, 0.001).isEmpty());
    }

    @Test
    void oneRealTrajectoryAloneIsHalfASpreadFromTheStyle() {
        StyleReference reference = reference(1);
        CoherenceCurve one = CoherenceCurve.of(Driver.REAL, 1, series(smooth), reference, 1);
        for (CoherenceStatistic s : CoherenceStatistic.values()) {
            assertEquals(0.5, one.ratio(s, STEPS - 1), 1e-9, s.label() + ": midway between the two real trajectories");
        }
        assertEquals(smooth.luminance(), one.value(CoherenceStatistic.LUMINANCE, 0), 1e-12);
        assertEquals(smooth.histogramDistance(reference.mean()), one.value(CoherenceStatistic.COLOUR_HISTOGRAM, 0), 1e-12,
                "the histogram's value is its distance to the style's");
    }

    @Test
    void framesFarFromTheStyleAreBreachesLargestFirst() {
        StyleReference reference = reference(1);
        CoherenceCurve dark = CoherenceCurve.of(Driver.SCRIPTED, 1, series(black), reference, 1);
        double luminanceRatio = reference.mean().luminance() / reference.spread(CoherenceStatistic.LUMINANCE);
        assertEquals(luminanceRatio, dark.ratio(CoherenceStatistic.LUMINANCE, 1), 1e-9);
        assertTrue(luminanceRatio > CoherenceReport.SPREAD_FACTOR, "the test needs a far frame: " + luminanceRatio);
        CoherenceReport report = report(reference, dark);
        assertFalse(report.holdsTogether(STEPS - 1));
        List<CoherenceReport.Breach> breaches = report.breaches(STEPS - 1, CoherenceReport.SPREAD_FACTOR);
        assertTrue(breaches.stream().anyMatch(b -> b.statistic() == CoherenceStatistic.LUMINANCE
                && Math.abs(b.ratio() - luminanceRatio) < 1e-9), breaches.toString());
        for (int i = 1; i < breaches.size(); i++) {
            assertTrue(breaches.get(i - 1).ratio() >= breaches.get(i).ratio(), breaches.toString());
        }
        assertTrue(report.breaches(STEPS - 1, 1e6).isEmpty());
        String table = report.table();
        assertTrue(table.contains("at step 2 every figure within 2x the real-to-real spread: no, "), table);
    }

    @Test
    void theRealCurveIsNotCheckedAndAStepNoRolloutReachesIsRefused() {
        StyleReference reference = reference(1);
        CoherenceCurve real = CoherenceCurve.of(Driver.REAL, 1, series(black), reference, 1);
        CoherenceCurve scripted = CoherenceCurve.of(Driver.SCRIPTED, 2, series(smooth, tiles), reference, 1);
        CoherenceReport report = report(reference, real, scripted);
        assertTrue(report.holdsTogether(STEPS - 1), "real frames far off do not fail the model");
        List<CoherenceReport.Breach> calibration = report.realBreaches(CoherenceReport.SPREAD_FACTOR);
        assertTrue(calibration.stream().anyMatch(b -> b.statistic() == CoherenceStatistic.LUMINANCE
                && b.driver() == Driver.REAL), "but they show in the calibration: " + calibration);
        assertTrue(report.table().contains("calibration: the held-out real frames at their last step, "
                + calibration.size() + " of 5 figures beyond 2x (largest: test, real frames, "), report.table());
        assertEquals(calibration.size(), report.toJson().getAsJsonArray("realBreachesAtLastStep").size());
        CoherenceCurve midway = CoherenceCurve.of(Driver.REAL, 1, series(smooth), reference, 1);
        assertTrue(report(reference, midway, scripted).realBreaches(CoherenceReport.SPREAD_FACTOR).isEmpty(),
                "a real trajectory of the style is within");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report(reference, real, scripted).holdsTogether(STEPS + 5));
        assertEquals("no rollout of style test reaches step 8: the longest runs 2 steps", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> report(reference, real).holdsTogether(1));
        assertTrue(e.getMessage().startsWith("no rollout of style test reaches step 1"), e.getMessage());
    }

    @Test
    void eachFigureIsTheMeanOverTheWindowOfStepsEndingAtIt() {
        StepSeries series = new StepSeries();
        series.add(0, smooth);
        series.add(1, tiles);
        series.add(2, tiles);
        series.add(2, smooth);
        assertEquals(smooth.luminance(), series.windowMean(0, 3).luminance(), 1e-12, "the window starts at step 0");
        assertEquals((smooth.luminance() + 2 * tiles.luminance() + smooth.luminance()) / 4,
                series.windowMean(2, 3).luminance(), 1e-12);
        assertEquals(tiles.luminance(), series.windowMean(1, 1).luminance(), 1e-12);
        assertEquals(2, series.samples(2));
        assertEquals(0, series.samples(3));
        assertThrows(IllegalArgumentException.class, () -> series.windowMean(3, 2));
    }

    @Test
    void aReferenceNeedsTwoTrajectoriesThatDiffer() {
        Map<String, StepSeries> one = Map.of("test-000", series(smooth));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StyleReference.of("test", one, 1));
        assertEquals("style test: the real-to-real spread needs two real trajectories, got 1 [test-000]", e.getMessage());
        Map<String, StepSeries> same = new LinkedHashMap<>();
        same.put("test-000", series(smooth));
        same.put("test-001", series(smooth));
        e = assertThrows(IllegalArgumentException.class, () -> StyleReference.of("test", same, 1));
        assertEquals("style test: the real trajectories [test-000, test-001] do not differ in colour histogram distance, "
                + "so there is no real-to-real spread to measure against", e.getMessage());
    }
}
