package io.neuroframe.render.budget;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the {@link BudgetController} keeps the work per frame under a budget.
 *
 * <p>Every {@code windowFrames} frames the controller computes the load: the time recorded for
 * all stages (engine stages included) divided by the frames that entered the pipeline in that
 * window, i.e. the work spent per frame. Above {@code budget * stepDownAbove} it steps one rung
 * down. Below {@code budget * stepUpBelow} for {@code stepUpWindows} windows in a row it steps
 * one rung up. A step up that is followed by a step down in the very next window doubles the
 * number of calm windows needed before that step up is tried again (up to
 * {@code maxStepUpWindows}), so a rung that does not fit is retried less and less often.
 *
 * @param budget the work allowed per frame, e.g. 33 ms for 30 neural frames per second
 * @param windowFrames frames per evaluation window (at least 1)
 * @param stepDownAbove step down when the load exceeds this fraction of the budget (greater than 0)
 * @param stepUpBelow step up when the load stays below this fraction of the budget (greater than
 *     0, below {@code stepDownAbove}: the gap between them is the hysteresis)
 * @param stepUpWindows consecutive calm windows needed to step up (at least 1)
 * @param maxStepUpWindows cap on the doubled calm windows (at least {@code stepUpWindows})
 * @param rungs the rungs the ladder may use; must contain {@link Rung#FULL_QUALITY}
 */
public record BudgetSettings(Duration budget, int windowFrames, double stepDownAbove, double stepUpBelow,
                             int stepUpWindows, int maxStepUpWindows, Set<Rung> rungs) {

    /** Default frames per window. */
    public static final int DEFAULT_WINDOW_FRAMES = 30;
    /** Default step-down threshold, as a fraction of the budget. */
    public static final double DEFAULT_STEP_DOWN_ABOVE = 1.0;
    /** Default step-up threshold, as a fraction of the budget. */
    public static final double DEFAULT_STEP_UP_BELOW = 0.7;
    /** Default calm windows before a step up. */
    public static final int DEFAULT_STEP_UP_WINDOWS = 3;
    /** Default cap on calm windows after failed step ups. */
    public static final int DEFAULT_MAX_STEP_UP_WINDOWS = 48;

    /** Validates every field; the error names the field and the value. */
    public BudgetSettings {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be a positive duration, got " + budget);
        }
        if (windowFrames < 1) {
            throw new IllegalArgumentException("windowFrames must be >= 1, got " + windowFrames);
        }
        if (!(stepDownAbove > 0) || Double.isInfinite(stepDownAbove)) {
            throw new IllegalArgumentException("stepDownAbove must be a positive fraction of the budget, got "
                    + stepDownAbove);
        }
        if (!(stepUpBelow > 0 && stepUpBelow < stepDownAbove)) {
            throw new IllegalArgumentException("stepUpBelow must be > 0 and below stepDownAbove (" + stepDownAbove
                    + "), got " + stepUpBelow);
        }
        if (stepUpWindows < 1) {
            throw new IllegalArgumentException("stepUpWindows must be >= 1, got " + stepUpWindows);
        }
        if (maxStepUpWindows < stepUpWindows) {
            throw new IllegalArgumentException("maxStepUpWindows must be >= stepUpWindows (" + stepUpWindows
                    + "), got " + maxStepUpWindows);
        }
        if (rungs == null || !rungs.contains(Rung.FULL_QUALITY)) {
            throw new IllegalArgumentException("rungs must contain FULL_QUALITY, got " + rungs);
        }
        rungs = Set.copyOf(EnumSet.copyOf(rungs));
    }

    /** The defaults above with every rung enabled. */
    public static BudgetSettings forBudget(Duration budget) {
        return new BudgetSettings(budget, DEFAULT_WINDOW_FRAMES, DEFAULT_STEP_DOWN_ABOVE, DEFAULT_STEP_UP_BELOW,
                DEFAULT_STEP_UP_WINDOWS, DEFAULT_MAX_STEP_UP_WINDOWS, EnumSet.allOf(Rung.class));
    }

    /** The same settings with only the given rungs. */
    public BudgetSettings withRungs(Set<Rung> enabled) {
        return new BudgetSettings(budget, windowFrames, stepDownAbove, stepUpBelow, stepUpWindows, maxStepUpWindows,
                enabled);
    }
}
