package io.neuroframe.adapter.train;

import io.neuroframe.codec.train.RunSchedule;

/** How an adapter's learning rate changes over its run. */
public enum LearningRateSchedule {
    /** The learning rate at every step (the in-distribution experiment's setting). */
    CONSTANT("constant"),
    /**
     * The codec trainers' schedule ({@link RunSchedule}): a linear warm-up over a twentieth of the run, then a
     * cosine decay to a tenth of the peak at the last step, so the last steps' noise settles.
     */
    WARMUP_COSINE("warmup-cosine");

    private final String id;

    LearningRateSchedule(String id) {
        this.id = id;
    }

    /** Name in checkpoints and reports. */
    public String id() {
        return id;
    }

    /** The learning rate of step {@code step} (0-based) of a run of {@code steps} steps peaking at {@code peak}. */
    public float at(long step, int steps, float peak) {
        return switch (this) {
            case CONSTANT -> peak;
            case WARMUP_COSINE -> RunSchedule.warmupCosine(step, steps, peak);
        };
    }
}
