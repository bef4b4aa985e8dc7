package io.neuroframe.codec.train;

/**
 * The learning-rate schedule of the codec trainers' runs: a linear warm-up over a twentieth of the
 * run (at most 500 steps) to the peak learning rate, then a cosine decay to a tenth of the peak at
 * the last step. The options of a run implement it with their step count and peak.
 */
public interface RunSchedule {

    /** Optimizer steps in the whole run; the schedule spans them. */
    int steps();

    /** Peak learning rate. */
    float learningRate();

    /** Linear warm-up length: a twentieth of the run, at most 500 steps. */
    default int warmupSteps() {
        return warmupSteps(steps());
    }

    /** Linear warm-up length of a run of {@code steps} steps: a twentieth of it, at most 500 steps. */
    static int warmupSteps(int steps) {
        return Math.max(1, Math.min(500, steps / 20));
    }

    /** Learning rate of step {@code step} (0-based): linear warm-up, then cosine decay to 10%. */
    default float learningRateAt(long step) {
        return warmupCosine(step, steps(), learningRate());
    }

    /**
     * The schedule's learning rate at step {@code step} (0-based) of a run of {@code steps} steps peaking at
     * {@code peak}: a linear warm-up over a twentieth of the run (at most 500 steps), then a cosine decay to a tenth
     * of the peak at the last step.
     */
    static float warmupCosine(long step, int steps, float peak) {
        return warmupCosine(step, steps, peak, 0.1f);
    }

    /**
     * As {@link #warmupCosine(long, int, float)}, the cosine decaying to {@code finalFraction} of the peak at
     * the last step instead of a tenth.
     */
    static float warmupCosine(long step, int steps, float peak, float finalFraction) {
        int warmup = warmupSteps(steps);
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, steps - warmup));
        return (float) (peak * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }

    /** Checks the settings every run has: step count, batch and peak learning rate; names the bad value. */
    static void validate(int steps, int batch, float learningRate) {
        if (steps <= 0 || batch <= 0) {
            throw new IllegalArgumentException("steps and batch must be positive, got steps=" + steps + ", batch=" + batch);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
    }
}
