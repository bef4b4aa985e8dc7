package io.neuroframe.codec.train;

/**
 * The run settings every trainer here shares: step count, batch and a peak learning rate with a
 * linear warm-up over a twentieth of the run (at most 500 steps), then a cosine decay to a tenth
 * of the peak at the last step.
 */
final class RunSchedule {
    private RunSchedule() {
    }

    /** Checks the shared settings; names the bad value. */
    static void validate(int steps, int batch, float learningRate) {
        if (steps <= 0 || batch <= 0) {
            throw new IllegalArgumentException("steps and batch must be positive, got steps=" + steps + ", batch=" + batch);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
    }

    /** Linear warm-up length of a run of {@code steps}. */
    static int warmupSteps(int steps) {
        return Math.max(1, Math.min(500, steps / 20));
    }

    /** Learning rate of step {@code step} (0-based) of a run of {@code steps} peaking at {@code learningRate}. */
    static float learningRateAt(float learningRate, int steps, long step) {
        int warmup = warmupSteps(steps);
        if (step < warmup) {
            return learningRate * (step + 1) / warmup;
        }
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, steps - warmup));
        return (float) (learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }
}
