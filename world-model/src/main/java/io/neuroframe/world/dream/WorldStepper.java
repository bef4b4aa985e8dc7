package io.neuroframe.world.dream;

import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;

/**
 * A world model on the frame path: holds a short context of past scaled latents and the actions
 * that led to them, and turns the player's next action into the next latent.
 *
 * <p>Implementations: {@code OrtWorldStepper} (ONNX Runtime, the direct objective, in this module)
 * and {@code WorldModelStepper} (DJL PyTorch, both objectives, in the training tools). One stepper
 * belongs to one thread.
 */
public interface WorldStepper extends AutoCloseable {

    /** Forgets the context and starts again from {@code latent} (9216 floats from its position; not moved). */
    void reset(FloatBuffer latent);

    /**
     * Appends a known frame to the context (for example a real encoded frame), reached by
     * {@code action}; the oldest frame drops out when the context is full.
     */
    void push(FloatBuffer latent, OasisAction action);

    /**
     * Replaces the newest frame of the context (the last step's prediction, or the last frame pushed) with 9216
     * floats from {@code latent}'s position (not moved), keeping the action that led to it: for example the same
     * frame encoded again from its decoded image ({@code eval-world --reproject}).
     *
     * @throws IllegalStateException if there is no context yet
     */
    void replaceNewest(FloatBuffer latent);

    /** Frames of context held now (at most the model's {@code maxFrames - 1}). */
    int contextSize();

    /**
     * Predicts the frame that follows the context under {@code action} and writes it to {@code next} (9216 floats
     * from its position; the position is not moved), leaving the context as it was: for example to compare the
     * frames two actions would lead to.
     *
     * @throws IllegalStateException if there is no context yet (call {@link #reset} first)
     */
    void predict(OasisAction action, FloatBuffer next);

    /**
     * Predicts the frame that follows the context under {@code action}, writes it to {@code next}
     * (9216 floats from its position; the position is not moved) and appends it to the context.
     *
     * @throws IllegalStateException if there is no context yet (call {@link #reset} first)
     */
    default void step(OasisAction action, FloatBuffer next) {
        predict(action, next);
        push(next, action);
    }

    /** The preset this stepper runs. */
    WorldModelConfig config();

    /** A short name for logs and overlays, e.g. {@code "nf-world-small-direct (onnxruntime, cpu)"}. */
    String describe();

    @Override
    void close();
}
