package io.neuroframe.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/** The annotation's settings reach the check that the extension hands to the test. */
class FrameTimeExtensionTest {

    @FrameTimeRegression(baseline = "baselines/none.json", frames = 40, warmupFrames = 7, p50Ratio = 2.0,
            p95Ratio = 5.0, slackMillis = 10, baselineRuns = 3, normaliseSpeed = false)
    void annotationSettingsConfigureTheCheck(FrameTimeCheck check) {
        FrameTimeConfig config = check.harness().config();
        assertEquals(40, config.frames());
        assertEquals(7, config.warmupFrames());
        assertEquals(3, config.baselineRuns());
        assertEquals(1.0, config.speed().sampleGflops(), "times compared as measured");
        assertEquals(new Tolerance(2.0, 5.0, Tolerance.DEFAULT.p99Ratio(), 10, Tolerance.DEFAULT.minSamplesP95(),
                Tolerance.DEFAULT.minSamplesP99()), config.tolerance());
        assertEquals(Path.of("baselines/none.json"), check.baseline());
        assertEquals(Path.of("target", "frame-time", "FrameTimeExtensionTest", "annotationSettingsConfigureTheCheck"),
                config.outputDir());
    }

    @FrameTimeRegression(baseline = "baselines/none.json")
    void defaultsAreTheDefaultTolerances(FrameTimeCheck check) {
        assertEquals(Tolerance.DEFAULT, check.harness().config().tolerance());
        assertEquals(1, check.harness().config().baselineRuns());
    }
}
