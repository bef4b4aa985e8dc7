package io.neuroframe.perf;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a {@link FrameTimeRegression} test receives: the harness configured from the annotation
 * and the baseline file to check against.
 */
public final class FrameTimeCheck {
    private final FrameTimeHarness harness;
    private final Path baseline;

    /** A check with {@code harness} against {@code baseline}. */
    public FrameTimeCheck(FrameTimeHarness harness, Path baseline) {
        if (harness == null || baseline == null) {
            throw new IllegalArgumentException("harness and baseline must not be null");
        }
        this.harness = harness;
        this.baseline = baseline;
    }

    /** The harness with the annotation's settings. */
    public FrameTimeHarness harness() {
        return harness;
    }

    /** The baseline file. */
    public Path baseline() {
        return baseline;
    }

    /** Runs the scenario and fails the test on a regression; see {@link FrameTimeHarness#assertNoRegression}. */
    public FrameTimeComparison assertNoRegression(Supplier<? extends FrameScenario> scenario) {
        return harness.assertNoRegression(scenario, baseline);
    }
}
