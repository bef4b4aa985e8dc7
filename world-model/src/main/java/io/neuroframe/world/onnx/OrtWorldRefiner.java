package io.neuroframe.world.onnx;

import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.dream.WorldRefiner;
import io.neuroframe.world.model.NoiseSchedule;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Random;

/**
 * Runs a {@code DIFFUSION} world model on ONNX Runtime as a {@link WorldRefiner}: the graph of
 * {@link WorldDitOnnxExporter#denoiseStep}, one pass over the context and the noisy frame per DDIM step, with the
 * context frames labelled at {@link NoiseSchedule#CONTEXT_LEVEL} as the DJL sampler of the training tools labels them
 * (and the same results within float rounding, for the same seed).
 *
 * <p>For every window length the input tensors are made once over direct buffers and the output is pinned, so a
 * refinement copies the context in once, then per DDIM step only the noisy frame and its level, and allocates
 * nothing. One thread at a time; close it to free the native session.
 */
public final class OrtWorldRefiner extends OrtContextSession implements WorldRefiner {
    private final int ddimSteps;
    private final Random random;
    private final float[] frame = new float[FRAME];
    private int[] levels = new int[0];

    private OrtWorldRefiner(WorldModelConfig config, OrtSessions.Opened opened, int ddimSteps, long seed) {
        super(config, opened, "denoising step", config.maxFrames(), true, WorldDitOnnxExporter.VELOCITY);
        this.ddimSteps = ddimSteps;
        this.random = new Random(seed);
    }

    /**
     * A refiner for preset {@code config} with {@code weights} in the checkpoint layout (copied into the graph).
     *
     * @param ddimSteps DDIM steps from the start level down to clean, at least 1
     * @param seed seeds the noise each guess is given, so a run is reproducible
     * @throws IllegalArgumentException if the preset is not a {@code DIFFUSION} one, a weight is missing or
     *     {@code ddimSteps} is below 1
     */
    public static OrtWorldRefiner create(WorldModelConfig config, Collection<Tensor> weights, OrtOptions options,
                                         int ddimSteps, long seed) {
        if (ddimSteps < 1) {
            throw new IllegalArgumentException("DDIM steps must be at least 1, got " + ddimSteps);
        }
        byte[] graph = WorldDitOnnxExporter.denoiseStep(config, weights).toByteArray();
        return new OrtWorldRefiner(config, OrtSessions.open(graph, config.name() + " denoising step", options),
                ddimSteps, seed);
    }

    /**
     * A refiner for the weights in {@code file}, a safetensors checkpoint of preset {@code config}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and what is wrong with its tensors, or as {@link #create}
     */
    public static OrtWorldRefiner open(Path file, WorldModelConfig config, OrtOptions options, int ddimSteps, long seed)
            throws IOException {
        return create(config, WorldModelWeights.load(file, config).values(), options, ddimSteps, seed);
    }

    @Override
    public void refine(OasisAction action, FloatBuffer guess, int startLevel, FloatBuffer next) {
        checkOpen();
        ring.checkStep(next);
        if (guess.remaining() < FRAME) {
            throw new IllegalArgumentException("guess: expected " + FRAME + " floats remaining, got " + guess.remaining());
        }
        if (levels.length == 0 || levels[0] != startLevel) {
            levels = NoiseSchedule.ddimLevels(ddimSteps, startLevel);
        }
        NoiseSchedule schedule = NoiseSchedule.oasis();
        schedule.noise(guess, startLevel, random, frame);
        int context = ring.size();
        Window w = window(context + 1);
        w.latents().clear();
        w.levels().clear();
        w.actions().clear();
        for (int f = 0; f < context; f++) {
            w.latents().put(ring.latent(f));
            w.levels().put(NoiseSchedule.CONTEXT_LEVEL);
            w.actions().put(ring.action(f));
        }
        action.copyTo(w.actions());
        for (int s = 0; s < ddimSteps; s++) {
            w.latents().position(context * FRAME);
            w.latents().put(frame);
            w.levels().put(context, levels[s]);
            run(w);
            schedule.ddimStep(frame, output.clear(), levels[s], s == ddimSteps - 1 ? -1 : levels[s + 1]);
        }
        next.put(next.position(), frame, 0, FRAME);
    }

    @Override
    public String describe() {
        return config.name() + " (onnxruntime, " + providerLabel() + ", " + ddimSteps + " ddim steps)";
    }
}
