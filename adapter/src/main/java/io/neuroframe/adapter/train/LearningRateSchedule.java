package io.neuroframe.adapter.train;

import io.neuroframe.codec.train.RunSchedule;

/** How an adapter's learning rate changes over its run. */
public enum LearningRateSchedule {
    /** The learning rate at every step (the in-distribution experiment's setting). */
    CONSTANT("constant", "the same rate at every step"),
    /**
     * The codec trainers' schedule ({@link RunSchedule}): a linear warm-up over a twentieth of the run, then a
     * cosine decay to a tenth of the peak at the last step, so the last steps' noise settles.
     */
    WARMUP_COSINE("warmup-cosine",
            "linear warm-up over a twentieth of the run, then a cosine decay to a tenth of the peak"),
    /**
     * The same warm-up and cosine, decaying to zero at the last step: over the last tenth of the run the rate
     * falls from 2.7% of the peak to nothing, so even an adapter of millions of values stops moving and its
     * validation curve shows where it settled. With a tenth of the peak at the end, the fully trainable reservoir
     * and low rank (the two largest readouts) still moved their validation MSE by 1 to 2.5% between the last
     * curve points.
     */
    WARMUP_COSINE_TO_ZERO("warmup-cosine-to-zero",
            "linear warm-up over a twentieth of the run, then a cosine decay to zero at the last step");

    private final String id;
    private final String description;

    LearningRateSchedule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Name in checkpoints and reports. */
    public String id() {
        return id;
    }

    /** What the schedule does, for reports. */
    public String description() {
        return description;
    }

    /** The learning rate of step {@code step} (0-based) of a run of {@code steps} steps peaking at {@code peak}. */
    public float at(long step, int steps, float peak) {
        return switch (this) {
            case CONSTANT -> peak;
            case WARMUP_COSINE -> RunSchedule.warmupCosine(step, steps, peak);
            case WARMUP_COSINE_TO_ZERO -> RunSchedule.warmupCosine(step, steps, peak, 0f);
        };
    }
}
