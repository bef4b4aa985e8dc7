package io.neuroframe.codec.train;

import io.neuroframe.api.LatentContract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of one ViT-VAE training run; everything that shapes the run's arithmetic is here, so
 * a checkpoint stores them and a resumed run continues exactly.
 *
 * @param steps optimizer steps in the whole run (the learning-rate schedule spans them)
 * @param batch crops per step
 * @param cropRows token rows of each random crop (1..18)
 * @param cropCols token columns of each random crop (1..32)
 * @param learningRate peak Adam learning rate, reached after {@link #warmupSteps()} and decayed by a
 *        cosine to a tenth of it at the last step
 * @param klWeight weight of the KL term (mean over latent values) against the MSE (mean over pixel
 *        values in model space [-1, 1])
 * @param seed seed of the initial weights and of every step's crops and posterior noise
 */
public record TrainingOptions(int steps, int batch, int cropRows, int cropCols, float learningRate,
                              float klWeight, long seed) implements CodecTrainer.Options {

    public TrainingOptions {
        RunSchedule.validate(steps, batch, learningRate);
        if (cropRows < 1 || cropRows > LatentContract.TOKEN_ROWS || cropCols < 1 || cropCols > LatentContract.TOKEN_COLS) {
            throw new IllegalArgumentException("crop must be 1.." + LatentContract.TOKEN_ROWS + " x 1.."
                    + LatentContract.TOKEN_COLS + " tokens, got " + cropRows + "x" + cropCols);
        }
        if (!(klWeight >= 0) || !Float.isFinite(klWeight)) {
            throw new IllegalArgumentException("KL weight must be zero or positive and finite, got " + klWeight);
        }
    }

    /** The options as strings, for a checkpoint's metadata. */
    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Integer.toString(steps));
        m.put("batch", Integer.toString(batch));
        m.put("crop_rows", Integer.toString(cropRows));
        m.put("crop_cols", Integer.toString(cropCols));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("kl_weight", Float.toString(klWeight));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Reads options written by {@link #toMetadata()}. */
    static TrainingOptions fromMetadata(Map<String, String> m) {
        try {
            return new TrainingOptions(Integer.parseInt(m.get("steps")), Integer.parseInt(m.get("batch")),
                    Integer.parseInt(m.get("crop_rows")), Integer.parseInt(m.get("crop_cols")),
                    Float.parseFloat(m.get("learning_rate")), Float.parseFloat(m.get("kl_weight")),
                    Long.parseLong(m.get("seed")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("checkpoint metadata does not hold valid training options: " + m, e);
        }
    }

    /** The same options with a different total step count (to extend a resumed run). */
    public TrainingOptions withSteps(int newSteps) {
        return new TrainingOptions(newSteps, batch, cropRows, cropCols, learningRate, klWeight, seed);
    }
}
