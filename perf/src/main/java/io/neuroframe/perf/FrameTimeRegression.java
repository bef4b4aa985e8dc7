package io.neuroframe.perf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test as a frame-time regression check. The test method takes a
 * {@link FrameTimeCheck} and hands it the scenario to run:
 *
 * <pre>{@code
 * @FrameTimeRegression(baseline = "src/test/resources/frame-time/walk.json", frames = 300)
 * void walkingKeepsItsFrameTimes(FrameTimeCheck check) {
 *     check.assertNoRegression(() -> MyScenarios.walk());
 * }
 * }</pre>
 *
 * Paths are relative to the working directory of the test run (the module folder under Maven).
 * The trace of a failing run goes to {@code target/frame-time/<test class>/<test method>/}.
 * Record or update the baseline with {@code -Dneuroframe.updateBaselines=true}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(FrameTimeExtension.class)
public @interface FrameTimeRegression {

    /** The baseline JSON file. */
    String baseline();

    /** Measured frames per run. */
    int frames() default 300;

    /** Unmeasured warm-up frames. */
    int warmupFrames() default 30;

    /** Largest allowed ratio of a stage's normalised median to its baseline. */
    double p50Ratio() default 1.5;

    /** Largest allowed ratio of a stage's normalised 95th percentile to its baseline. */
    double p95Ratio() default 2.5;

    /** Differences up to this many milliseconds are never a regression. */
    double slackMillis() default 0.5;

    /** Runs a recorded baseline is the median of (see {@link FrameTimeConfig#baselineRuns()}). */
    int baselineRuns() default 1;

    /**
     * Whether times are scaled by the machine-speed yardstick ({@link MachineSpeed#javaGemm()}); {@code false}
     * compares them as measured ({@link MachineSpeed#unmeasured()}), which needs the baseline to be recorded on
     * the machine class that runs the check.
     */
    boolean normaliseSpeed() default true;
}
