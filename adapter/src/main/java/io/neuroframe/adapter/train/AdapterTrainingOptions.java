package io.neuroframe.adapter.train;

import io.neuroframe.api.LatentContract;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one adapter is trained.
 *
 * @param steps optimizer steps
 * @param batch crops per step
 * @param cropRows token rows of each decoded crop (1..18; 18 with 32 columns decodes whole frames)
 * @param cropCols token columns of each decoded crop (1..32)
 * @param learningRate Adam's learning rate (its peak under {@code schedule})
 * @param schedule how the learning rate changes over the {@code steps}
 * @param seed seed of the initial values and of every step's frames and crop offsets
 * @param validateEvery steps between validation points of the loss curve (0: only at the end)
 */
public record AdapterTrainingOptions(int steps, int batch, int cropRows, int cropCols, float learningRate,
        LearningRateSchedule schedule, long seed, int validateEvery) {

    public AdapterTrainingOptions {
        if (steps < 0 || batch < 1 || validateEvery < 0) {
            throw new IllegalArgumentException("steps and validateEvery must be non-negative and batch positive, got "
                    + "steps=" + steps + " batch=" + batch + " validateEvery=" + validateEvery);
        }
        if (cropRows < 1 || cropRows > LatentContract.TOKEN_ROWS || cropCols < 1
                || cropCols > LatentContract.TOKEN_COLS) {
            throw new IllegalArgumentException("crop must be 1.." + LatentContract.TOKEN_ROWS + " x 1.."
                    + LatentContract.TOKEN_COLS + " tokens, got " + cropRows + "x" + cropCols);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("a learning-rate schedule is required");
        }
    }

    /** The learning rate of step {@code step} (0-based) under the schedule. */
    public float learningRateAt(long step) {
        return schedule.at(step, steps, learningRate);
    }

    /** The same options with another seed. */
    public AdapterTrainingOptions withSeed(long value) {
        return new AdapterTrainingOptions(steps, batch, cropRows, cropCols, learningRate, schedule, value,
                validateEvery);
    }

    /** The same options with another (peak) learning rate. */
    public AdapterTrainingOptions withLearningRate(float value) {
        return new AdapterTrainingOptions(steps, batch, cropRows, cropCols, value, schedule, seed, validateEvery);
    }

    /** The same options with {@code value} steps and a curve point every {@code every} steps. */
    public AdapterTrainingOptions withSteps(int value, int every) {
        return new AdapterTrainingOptions(value, batch, cropRows, cropCols, learningRate, schedule, seed, every);
    }

    /** The same options decoding crops of {@code rows x cols} tokens. */
    public AdapterTrainingOptions withCrop(int rows, int cols) {
        return new AdapterTrainingOptions(steps, batch, rows, cols, learningRate, schedule, seed, validateEvery);
    }

    /** The options as checkpoint metadata. */
    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Integer.toString(steps));
        m.put("batch", Integer.toString(batch));
        m.put("crop", cropRows + "x" + cropCols);
        m.put("learning_rate", Float.toString(learningRate));
        m.put("schedule", schedule.id());
        m.put("seed", Long.toString(seed));
        m.put("validate_every", Integer.toString(validateEvery));
        return m;
    }
}
