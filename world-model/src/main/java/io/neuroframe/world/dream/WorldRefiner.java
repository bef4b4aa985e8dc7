package io.neuroframe.world.dream;

import io.neuroframe.api.OasisAction;
import io.neuroframe.world.model.WorldModelConfig;

import java.nio.FloatBuffer;

/**
 * A diffusion world model used as a refiner ({@link RefiningStepper}): it keeps a context of past latents as a
 * {@link WorldStepper} does, and turns another model's guess of the next frame into a sample of its own, as SDEdit
 * does: the guess is noised to a low level and sampled back to clean under the context and the action.
 *
 * <p>Implementations: {@code OrtWorldRefiner} (ONNX Runtime, in this module) and {@code WorldModelStepper} (DJL
 * PyTorch, in the training tools). One refiner belongs to one thread.
 */
public interface WorldRefiner extends AutoCloseable {

    /** Forgets the context and starts again from {@code latent} (9216 floats from its position; not moved). */
    void reset(FloatBuffer latent);

    /** Appends a frame to the context, reached by {@code action}; the oldest drops out when the context is full. */
    void push(FloatBuffer latent, OasisAction action);

    /** Replaces the newest frame of the context, keeping the action that led to it. */
    void replaceNewest(FloatBuffer latent);

    /** Frames of context held now (at most the model's {@code maxFrames - 1}). */
    int contextSize();

    /**
     * Refines {@code guess} (9216 floats from its position; not moved): noised to {@code startLevel}, then sampled
     * down to clean under the context and {@code action}; the result goes to {@code next} (its position not moved).
     * The context is left as it was.
     *
     * @throws IllegalStateException if there is no context yet
     * @throws IllegalArgumentException if {@code startLevel} is not a noise level
     */
    void refine(OasisAction action, FloatBuffer guess, int startLevel, FloatBuffer next);

    /** The preset this refiner runs (a diffusion one). */
    WorldModelConfig config();

    /** A short name for logs, e.g. {@code "nf-world-small (onnxruntime, cpu, 2 ddim steps)"}. */
    String describe();

    @Override
    void close();
}
