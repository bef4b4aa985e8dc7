package io.neuroframe.codec.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of one decoder distillation run; a checkpoint stores them so a resumed run continues
 * exactly.
 *
 * @param steps optimizer steps in the whole run (the learning-rate schedule spans them)
 * @param batch whole frames per step
 * @param learningRate peak Adam learning rate: linear warm-up over {@link #warmupSteps()}, then a
 *        cosine to a tenth of it at the last step
 * @param teacherWeight weight of the MSE against the teacher's decoded image; the MSE against the
 *        original frame gets {@code 1 - teacherWeight} (0..1)
 * @param seed seed of the initial weights and of every step's frame draw
 */
public record DistillOptions(int steps, int batch, float learningRate, float teacherWeight, long seed)
        implements CodecTrainer.Options {

    public DistillOptions {
        RunSchedule.validate(steps, batch, learningRate);
        if (!(teacherWeight >= 0 && teacherWeight <= 1)) {
            throw new IllegalArgumentException("teacher weight must lie in [0, 1], got " + teacherWeight);
        }
    }

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Integer.toString(steps));
        m.put("batch", Integer.toString(batch));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("teacher_weight", Float.toString(teacherWeight));
        m.put("seed", Long.toString(seed));
        return m;
    }

    static DistillOptions fromMetadata(Map<String, String> m) {
        try {
            return new DistillOptions(Integer.parseInt(m.get("steps")), Integer.parseInt(m.get("batch")),
                    Float.parseFloat(m.get("learning_rate")), Float.parseFloat(m.get("teacher_weight")),
                    Long.parseLong(m.get("seed")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("checkpoint metadata does not hold valid distillation options: " + m, e);
        }
    }

    /** The same options with a different total step count (to extend a resumed run). */
    public DistillOptions withSteps(int newSteps) {
        return new DistillOptions(newSteps, batch, learningRate, teacherWeight, seed);
    }
}
