package io.neuroframe.world.onnx;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.dream.ContextRing;
import io.neuroframe.world.dream.WorldRefiner;
import io.neuroframe.world.model.NoiseSchedule;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
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
public final class OrtWorldRefiner implements WorldRefiner {
    private static final int FRAME = ContextRing.FRAME;

    private final WorldModelConfig config;
    private final OrtSessions.Opened opened;
    private final int ddimSteps;
    private final Random random;
    private final ContextRing ring;
    private final Window[] windows;
    private final FloatBuffer velocity;
    private final OnnxTensor velocityTensor;
    private final Map<String, OnnxTensor> pinnedOutput;
    private final float[] frame = new float[FRAME];
    private final float[] newestAction = new float[OasisAction.SIZE];
    private int[] levels = new int[0];
    private boolean closed;

    /** The inputs for one window length, tensors over direct buffers. */
    private record Window(FloatBuffer latents, FloatBuffer levels, FloatBuffer actions, Map<String, OnnxTensor> inputs) {
    }

    private OrtWorldRefiner(WorldModelConfig config, OrtSessions.Opened opened, int ddimSteps, long seed) {
        this.config = config;
        this.opened = opened;
        this.ddimSteps = ddimSteps;
        this.random = new Random(seed);
        this.ring = new ContextRing(config.contextFrames());
        this.windows = new Window[config.maxFrames() + 1];
        OrtEnvironment env = OrtRuntime.environment();
        try {
            for (int t = 1; t <= config.maxFrames(); t++) {
                FloatBuffer latents = OrtWorldStepper.directFloats(t * FRAME);
                FloatBuffer frameLevels = OrtWorldStepper.directFloats(t);
                FloatBuffer actions = OrtWorldStepper.directFloats(t * OasisAction.SIZE);
                windows[t] = new Window(latents, frameLevels, actions, Map.of(
                        WorldDitOnnxExporter.LATENTS, OnnxTensor.createTensor(env, latents, new long[] {1, t,
                                LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS}),
                        WorldDitOnnxExporter.LEVELS, OnnxTensor.createTensor(env, frameLevels, new long[] {1, t}),
                        WorldDitOnnxExporter.ACTIONS, OnnxTensor.createTensor(env, actions,
                                new long[] {1, t, OasisAction.SIZE})));
            }
            this.velocity = OrtWorldStepper.directFloats(FRAME);
            this.velocityTensor = OnnxTensor.createTensor(env, velocity, new long[] {1,
                    LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS});
        } catch (OrtException e) {
            closeWindows();
            opened.close();
            throw new IllegalStateException("cannot create ONNX Runtime tensors for " + config.name() + ": "
                    + e.getMessage(), e);
        }
        this.pinnedOutput = Map.of(WorldDitOnnxExporter.VELOCITY, velocityTensor);
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
    public void reset(FloatBuffer latent) {
        ring.reset(latent);
    }

    @Override
    public void push(FloatBuffer latent, OasisAction action) {
        ring.push(latent, action);
    }

    @Override
    public void replaceNewest(FloatBuffer latent) {
        ring.replaceNewest(latent);
    }

    @Override
    public int contextSize() {
        return ring.size();
    }

    @Override
    public void refine(OasisAction action, FloatBuffer guess, int startLevel, FloatBuffer next) {
        if (closed) {
            throw new IllegalStateException("this world refiner is closed");
        }
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
        Window w = windows[context + 1];
        w.latents.clear();
        w.levels.clear();
        w.actions.clear();
        for (int f = 0; f < context; f++) {
            w.latents.put(ring.latent(f));
            w.levels.put(NoiseSchedule.CONTEXT_LEVEL);
            w.actions.put(ring.action(f));
        }
        action.copyTo(newestAction, 0);
        w.actions.put(newestAction);
        for (int s = 0; s < ddimSteps; s++) {
            w.latents.position(context * FRAME);
            w.latents.put(frame);
            w.levels.put(context, levels[s]);
            try (OrtSession.Result ignored = opened.session().run(w.inputs, pinnedOutput)) {
                // v was written into velocityTensor, which the result does not own
            } catch (OrtException e) {
                throw new IllegalStateException(config.name() + ": ONNX Runtime denoising step failed: "
                        + e.getMessage(), e);
            }
            schedule.ddimStep(frame, velocity.clear(), levels[s], s == ddimSteps - 1 ? -1 : levels[s + 1]);
        }
        next.put(next.position(), frame, 0, FRAME);
    }

    @Override
    public WorldModelConfig config() {
        return config;
    }

    @Override
    public String describe() {
        return config.name() + " (onnxruntime, " + opened.provider().label() + ", " + ddimSteps + " ddim steps)";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeWindows();
            if (velocityTensor != null) {
                velocityTensor.close();
            }
            opened.close();
        }
    }

    private void closeWindows() {
        for (Window w : windows) {
            if (w != null) {
                w.inputs.values().forEach(OnnxTensor::close);
            }
        }
    }
}
