package io.neuroframe.world.train;

import io.neuroframe.world.dream.ContextRing;
import io.neuroframe.world.dream.WorldRefiner;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.model.NoiseSchedule;
import io.neuroframe.world.model.WorldModelConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Runs a trained world model on the frame path: it keeps a ring of the last
 * {@code maxFrames - 1} latents and actions, and each {@link #predict} turns the player's action into
 * the next scaled latent, written into a caller-owned buffer ({@link #step} also appends it to the ring).
 *
 * <p>{@code DIFFUSION} models sample the next frame as open-oasis does: start from Gaussian noise
 * (clamped to +-20), then {@code ddimSteps} DDIM steps from level 999 down to clean, with the
 * clean context frames labelled at level {@link NoiseSchedule#CONTEXT_LEVEL}. The context runs
 * through the network once per frame ({@link WorldDit#forwardContext}); each DDIM step then runs
 * only the new frame against the context's cached temporal keys and values
 * ({@link WorldDit#forwardNext}), which gives the same result as a pass over the whole window.
 * {@code DIRECT} models take one forward pass and add the predicted change to the newest frame.
 *
 * <p>Input windows are copied into tensors made once per window length and reused; each step's
 * intermediate tensors are freed when it ends. One stepper belongs to one thread.
 */
public final class WorldModelStepper implements WorldStepper, WorldRefiner {
    private static final float NOISE_CLAMP = 20f;
    private static final int FRAME = ContextRing.FRAME;

    private final WorldDit model;
    private final WorldModelConfig config;
    private final int ddimSteps;
    private final int[] ddimLevels;
    private final Random random;
    private final NDManager manager;
    private final ContextRing ring;
    private final Map<Integer, Window> windows = new HashMap<>();
    private final Window next;
    private final float[] result = new float[FRAME];
    /** The DDIM levels of the last {@link #refine} start level, kept so a dream allocates nothing per step. */
    private int[] refineLevels = new int[0];

    /** One window length's inputs: arrays, buffers over the latent and action arrays, and the model's tensors. */
    private record Window(float[] latents, float[] levels, float[] actions, FloatBuffer latentBuffer,
                          FloatBuffer actionBuffer, NDArray latentArray, NDArray levelArray, NDArray actionArray) {
    }

    /**
     * @param model the network; the stepper does not close it
     * @param ddimSteps sampling steps for diffusion models (Oasis uses 10); ignored for {@code DIRECT}
     * @param seed seeds the sampling noise, so a run is reproducible
     */
    public WorldModelStepper(WorldDit model, int ddimSteps, long seed) {
        this.model = model;
        this.config = model.config();
        this.ddimSteps = ddimSteps;
        this.ddimLevels = NoiseSchedule.ddimLevels(ddimSteps);
        this.random = new Random(seed);
        this.manager = model.newManager();
        this.ring = new ContextRing(config.contextFrames());
        this.next = newWindow(1);
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
    public WorldModelConfig config() {
        return config;
    }

    @Override
    public String describe() {
        return config.name() + " (djl pytorch" + (config.objective() == WorldModelConfig.Objective.DIFFUSION
                ? ", " + ddimSteps + " ddim steps)" : ")");
    }

    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        ring.checkStep(next);
        if (config.objective() == WorldModelConfig.Objective.DIRECT) {
            stepDirect(action);
        } else {
            stepDiffusion(action);
        }
        next.put(next.position(), result, 0, FRAME);
    }

    private void stepDirect(OasisAction action) {
        Window w = window(ring.size());
        ring.fillDirectWindow(w.latentBuffer.clear(), w.actionBuffer.clear(), action);
        w.latentArray.set(w.latents);
        w.actionArray.set(w.actions);
        w.levelArray.set(w.levels);
        try (NDManager scope = manager.newSubManager()) {
            lend(scope, w);
            NDArray out = model.forward(w.latentArray, w.levelArray, w.actionArray);
            NDIndex newestFrame = new NDIndex(":, -1:");
            NDArray base = model.changeBase(w.latentArray.get(newestFrame), w.actionArray.get(newestFrame));
            NDArray next = base.add(out.get(newestFrame));
            System.arraycopy(next.toFloatArray(), 0, result, 0, FRAME);
        }
    }

    /**
     * Refines {@code guess} (for example a direct model's prediction, 9216 floats from its position; not moved) with
     * this diffusion model, as SDEdit does: the guess is noised to level {@code startLevel} and sampled down to clean
     * in this stepper's DDIM steps, under {@code action} and the context; the result goes to {@code next} (its
     * position not moved). The context is left as it was. Noise hides the guess's fine detail, so the sample keeps
     * its layout and colours but takes its texture from what the model learnt of real frames.
     *
     * @param startLevel the noise level to start from, at most the highest level the model was trained at
     * @throws IllegalStateException if the model is not a diffusion model, or there is no context yet
     */
    @Override
    public void refine(OasisAction action, FloatBuffer guess, int startLevel, FloatBuffer next) {
        if (config.objective() != WorldModelConfig.Objective.DIFFUSION) {
            throw new IllegalStateException(config.name() + " is " + config.objective() + ": only a diffusion model "
                    + "refines a guess");
        }
        ring.checkStep(next);
        if (guess.remaining() < FRAME) {
            throw new IllegalArgumentException("guess: expected " + FRAME + " floats remaining, got " + guess.remaining());
        }
        if (refineLevels.length == 0 || refineLevels[0] != startLevel) {
            refineLevels = NoiseSchedule.ddimLevels(ddimSteps, startLevel);
        }
        NoiseSchedule.oasis().noise(guess, startLevel, random, result);
        sample(action, refineLevels);
        next.put(next.position(), result, 0, FRAME);
    }

    private void stepDiffusion(OasisAction action) {
        for (int i = 0; i < FRAME; i++) {
            result[i] = (float) Math.max(-NOISE_CLAMP, Math.min(NOISE_CLAMP, random.nextGaussian()));
        }
        sample(action, ddimLevels);
    }

    /** DDIM from {@code result} at {@code levels[0]} down to clean, in place. */
    private void sample(OasisAction action, int[] levels) {
        int steps = levels.length - 1;
        Window context = window(ring.size());
        for (int f = 0; f < ring.size(); f++) {
            System.arraycopy(ring.latent(f), 0, context.latents, f * FRAME, FRAME);
            System.arraycopy(ring.action(f), 0, context.actions, f * OasisAction.SIZE, OasisAction.SIZE);
            context.levels[f] = NoiseSchedule.CONTEXT_LEVEL;
        }
        context.latentArray.set(context.latents);
        context.levelArray.set(context.levels);
        context.actionArray.set(context.actions);
        action.copyTo(next.actions, 0);
        next.actionArray.set(next.actions);
        NoiseSchedule schedule = NoiseSchedule.oasis();
        try (NDManager frameScope = manager.newSubManager()) {
            lend(frameScope, context);
            WorldDit.ContextKeys keys = model.forwardContext(context.latentArray, context.levelArray, context.actionArray);
            for (int s = 0; s < steps; s++) {
                int level = levels[s];
                int nextLevel = levels[s + 1];
                next.levels[0] = level;
                next.latentArray.set(result);
                next.levelArray.set(next.levels);
                try (NDManager stepScope = frameScope.newSubManager()) {
                    lend(stepScope, next);
                    float[] v = model.forwardNext(next.latentArray, next.levelArray, next.actionArray, keys).toFloatArray();
                    schedule.ddimStep(result, FloatBuffer.wrap(v), level, s == steps - 1 ? -1 : nextLevel);
                }
            }
        }
    }

    /** Lends the window's tensors to {@code scope}, so every intermediate computed from them is freed with it. */
    private static void lend(NDManager scope, Window w) {
        w.latentArray.tempAttach(scope);
        w.levelArray.tempAttach(scope);
        w.actionArray.tempAttach(scope);
    }

    private Window window(int frames) {
        return windows.computeIfAbsent(frames, this::newWindow);
    }

    private Window newWindow(int f) {
        float[] latents = new float[f * FRAME];
        float[] actions = new float[f * OasisAction.SIZE];
        return new Window(latents, new float[f], actions, FloatBuffer.wrap(latents), FloatBuffer.wrap(actions),
                manager.zeros(new Shape(1, f, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS)),
                manager.zeros(new Shape(1, f)), manager.zeros(new Shape(1, f, OasisAction.SIZE)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
