package io.neuroframe.world.train;

import io.neuroframe.world.model.DitTensorLayout;
import io.neuroframe.world.model.NoiseSchedule;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.DjlVitVae;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.train.AdamOptimizer;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link WorldDit} on windows cut from latent trajectories, one Adam step at a time.
 *
 * <p>{@code DIFFUSION}: every frame of a window gets its own noise level (diffusion forcing, as
 * Oasis trains): half of the frames a level drawn from all 1000 (or up to {@link Options#maxNoiseLevel()}), the
 * other half a small level below {@link NoiseSchedule#CONTEXT_LEVEL} + 1 like the context frames seen while
 * sampling; the
 * loss is the mean squared error of the v-prediction over all frames. {@code DIRECT}: the window's
 * first {@code maxFrames - 1} frames go in clean, each paired with the action that leads to the
 * following frame, and the loss is the error of the predicted change to that following frame.
 *
 * <p>Everything random in step {@code s} comes from a generator seeded with ({@code seed}, s), so a
 * run resumed from {@link #checkpoint()} continues bit for bit like an uninterrupted one.
 */
public final class WorldTrainer implements AutoCloseable {
    /** Tensor name of the step counter in a checkpoint. */
    public static final String STEP_TENSOR = "trainer.step";
    /** Checkpoint names of Adam's moments: these prefixes and the parameter's name, in the parameter's shape. */
    private static final String MEAN_PREFIX = "optimizer.mean.";
    private static final String VARIANCE_PREFIX = "optimizer.variance.";

    /**
     * @param batchSize windows per step
     * @param learningRate peak Adam learning rate
     * @param warmupSteps steps of linear learning-rate warm-up
     * @param seed seeds initialization and every step's sampling
     * @param contextNoise for the direct objective, the largest standard deviation of the Gaussian noise that
     *     corrupts a training window's context frames (0: none; see {@link #CONTEXT_NOISE_PER_LEVEL})
     * @param initialWeights a world-model weights file to start from (a fine-tune), or null to initialise from
     *     {@code seed}
     * @param decoderLoss for the direct objective, the weight of the image loss through the frozen codec's decoder
     *     ({@link #DECODED_CROP_ROWS}; 0: none), added to the latent loss
     * @param rolloutSteps for the direct objective, how many steps each training window rolls out on the model's
     *     own predictions ({@link #trainStep}; 1: none, every context frame is real; 0, as options written before
     *     this one read, means 1); a rollout takes the image loss at every step, not context noise
     * @param maxNoiseLevel for the diffusion objective, the highest noise level a frame to denoise is trained at
     *     (below {@link NoiseSchedule#LEVELS}; 0, as options written before this one read, means all levels): a
     *     refiner that only learns the low-noise end of the path ({@link io.neuroframe.world.dream.RefiningStepper}); for the direct objective
     *     it must be all levels
     * @param averageDecay the decay of an exponential moving average of the weights ({@link ParameterAverage}),
     *     which a finished run saves instead of its last step's weights (0, as options written before this one
     *     read: none); e.g. 0.998 averages over about the last 500 steps
     */
    public record Options(int batchSize, float learningRate, int warmupSteps, long seed, float contextNoise,
                          String initialWeights, float decoderLoss, int rolloutSteps, int maxNoiseLevel,
                          float averageDecay) {
        public Options {
            if (!(averageDecay >= 0 && averageDecay < 1)) {
                throw new IllegalArgumentException("bad training options: averageDecay=" + averageDecay
                        + " (0 for none, else above 0 and below 1)");
            }
            if (rolloutSteps == 0) {
                rolloutSteps = 1;
            }
            if (maxNoiseLevel == 0) {
                maxNoiseLevel = NoiseSchedule.LEVELS - 1;
            }
            if (maxNoiseLevel < NoiseSchedule.CONTEXT_LEVEL || maxNoiseLevel >= NoiseSchedule.LEVELS) {
                throw new IllegalArgumentException("bad training options: maxNoiseLevel=" + maxNoiseLevel + " (from "
                        + NoiseSchedule.CONTEXT_LEVEL + " to " + (NoiseSchedule.LEVELS - 1) + ")");
            }
            if (rolloutSteps < 0 || (rolloutSteps > 1 && contextNoise > 0)) {
                throw new IllegalArgumentException("bad training options: rolloutSteps=" + rolloutSteps
                        + " (1 or more; a rollout takes no context noise: its context is the model's own predictions)");
            }
            if (batchSize < 1 || !(learningRate > 0) || warmupSteps < 0 || !(contextNoise >= 0)
                    || contextNoise > CONTEXT_NOISE_PER_LEVEL * (NoiseSchedule.LEVELS - 1) || !(decoderLoss >= 0)
                    || Float.isInfinite(decoderLoss)) {
                throw new IllegalArgumentException("bad training options: batchSize=" + batchSize + ", learningRate="
                        + learningRate + ", warmupSteps=" + warmupSteps + ", contextNoise=" + contextNoise
                        + " (at most " + CONTEXT_NOISE_PER_LEVEL * (NoiseSchedule.LEVELS - 1) + "), decoderLoss="
                        + decoderLoss + " (0 or more)");
            }
        }
    }

    /**
     * The token window of each training window's predicted next frame that the image loss decodes ({@code
     * Options#decoderLoss}), at a random place: 6 x 8 tokens, 120 x 160 pixels, as the adapter experiment's crops.
     */
    public static final int DECODED_CROP_ROWS = 6;
    /** Columns of {@link #DECODED_CROP_ROWS}' window. */
    public static final int DECODED_CROP_COLS = 8;

    /**
     * Noise-augmented context (GameNGen's remedy for drift, for the direct objective): each training window draws a
     * standard deviation uniformly from [0, {@code contextNoise}], adds Gaussian noise of it to every context frame,
     * tells the model through the frames' noise level (level = deviation / this value, rounded) and asks for the
     * clean next frame, so the model learns to correct a corrupted context as its own drifting predictions are.
     * At inference the context is labelled level 0, as before.
     */
    public static final float CONTEXT_NOISE_PER_LEVEL = 1e-3f;

    private final WorldModelConfig config;
    private final Options options;
    private final List<LatentTrajectory> trajectories;
    private final NDManager manager;
    private final WorldDit model;
    private final AdamOptimizer optimizer;
    /** The frozen codec's decoder of the image loss, or null without it. */
    private final DjlVitVae decoder;
    /** The weights' moving average ({@link Options#averageDecay()}), or null without one. */
    private final ParameterAverage average;

    private WorldTrainer(WorldModelConfig config, Options options, List<LatentTrajectory> trajectories,
                         WorldDit model, VitVaeWeights codec, NDManager manager) {
        this.config = config;
        this.options = options;
        if (options.decoderLoss() > 0) {
            if (codec == null) {
                throw new IllegalArgumentException("the image loss (decoderLoss " + options.decoderLoss()
                        + ") needs the codec the latents were encoded with");
            }
            if (config.objective() != WorldModelConfig.Objective.DIRECT) {
                throw new IllegalArgumentException("the image loss is for the direct objective; " + config.name()
                        + " is " + config.objective());
            }
            this.decoder = DjlVitVae.of(codec, manager);
            decoder.setTrainable(false);
        } else {
            this.decoder = null;
        }
        if (options.maxNoiseLevel() < NoiseSchedule.LEVELS - 1 && config.objective() != WorldModelConfig.Objective.DIFFUSION) {
            throw new IllegalArgumentException("a highest noise level is for the diffusion objective; " + config.name()
                    + " is " + config.objective());
        }
        if (options.rolloutSteps() > 1 && config.objective() != WorldModelConfig.Objective.DIRECT) {
            throw new IllegalArgumentException("a rollout is for the direct objective; " + config.name() + " is "
                    + config.objective());
        }
        int needed = config.maxFrames() + options.rolloutSteps() - 1;
        this.trajectories = trajectories.stream().filter(t -> t.frames() >= needed).toList();
        if (this.trajectories.isEmpty()) {
            throw new IllegalArgumentException("no trajectory has the " + needed + " frames a training window of "
                    + config.name() + (options.rolloutSteps() > 1 ? " rolled out " + options.rolloutSteps()
                    + " steps" : "") + " needs");
        }
        this.manager = manager;
        this.model = model;
        model.attachGradients();
        this.optimizer = new AdamOptimizer(model.parameters(), manager);
        this.average = options.averageDecay() == 0 ? null
                : new ParameterAverage(model.parameters(), options.averageDecay(), manager);
    }

    /**
     * A trainer at step 0: its model initialised from the options' seed, or loaded from their initial weights (with
     * fresh optimizer moments).
     *
     * @throws IOException naming the file when the initial weights cannot be read or do not hold {@code config}'s
     */
    public static WorldTrainer start(WorldModelConfig config, Options options, List<LatentTrajectory> trajectories,
                                     Engine engine) throws IOException {
        return start(config, options, trajectories, null, engine);
    }

    /**
     * The network of {@code file} as a start for preset {@code config}: the shapes must match, the view shift may
     * differ (a fine-tune can learn to predict from a moved frame).
     */
    private static WorldDit initialModel(WorldModelConfig config, Path file, NDManager manager) throws IOException {
        WorldModelConfig recorded = WorldModelWeights.recordedConfig(file);
        WorldModelConfig asSaved = recorded == null ? config : config.withViewShift(recorded.viewShift());
        return WorldDit.fromTensors(config, WorldModelWeights.load(file, asSaved), file.toString(), manager);
    }

    /**
     * As {@link #start(WorldModelConfig, Options, List, Engine)}, with the codec whose decoder the image loss runs
     * through ({@link Options#decoderLoss()}; may be null without it).
     */
    public static WorldTrainer start(WorldModelConfig config, Options options, List<LatentTrajectory> trajectories,
                                     VitVaeWeights codec, Engine engine) throws IOException {
        NDManager manager = engine.newBaseManager();
        try {
            WorldDit model = options.initialWeights() == null ? WorldDit.create(config, manager, options.seed())
                    : initialModel(config, Path.of(options.initialWeights()), manager);
            return new WorldTrainer(config, options, trajectories, model, codec, manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A trainer continuing from tensors written by {@link #checkpoint()}.
     *
     * @param codec the codec of the image loss ({@link Options#decoderLoss()}; may be null without it)
     */
    public static WorldTrainer resume(WorldModelConfig config, Options options, List<LatentTrajectory> trajectories,
                                      VitVaeWeights codec, Map<String, Tensor> checkpoint, String source,
                                      Engine engine) {
        NDManager manager = engine.newBaseManager();
        Map<String, Tensor> modelTensors = new HashMap<>();
        checkpoint.forEach((name, t) -> {
            if (!name.startsWith("optimizer.") && !name.startsWith(ParameterAverage.PREFIX)
                    && !name.equals(STEP_TENSOR)) {
                modelTensors.put(name, t);
            }
        });
        try {
            WorldTrainer trainer = new WorldTrainer(config, options, trajectories,
                    WorldDit.fromTensors(config, modelTensors, source, manager), codec, manager);
            Tensor stepTensor = checkpoint.get(STEP_TENSOR);
            if (stepTensor == null || stepTensor.data().length != 1) {
                throw new IllegalArgumentException(source + ": checkpoint has no " + STEP_TENSOR + " tensor");
            }
            trainer.restoreOptimizer(checkpoint, (long) stepTensor.data()[0], source);
            if (trainer.average != null) {
                trainer.average.restore(checkpoint, source);
            }
            return trainer;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Puts the moments saved under this format's names, and the step count, back into the optimizer. */
    private void restoreOptimizer(Map<String, Tensor> checkpoint, long steps, String source) {
        Map<String, Tensor> state = new HashMap<>();
        for (String name : model.parameters().keySet()) {
            state.put(AdamOptimizer.meanName(name), savedMoment(checkpoint, MEAN_PREFIX + name, source));
            state.put(AdamOptimizer.varianceName(name), savedMoment(checkpoint, VARIANCE_PREFIX + name, source));
        }
        try {
            optimizer.restore(state, steps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Tensor savedMoment(Map<String, Tensor> checkpoint, String name, String source) {
        Tensor t = checkpoint.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": optimizer tensor " + name + " is missing");
        }
        return t;
    }

    /**
     * Floating-point operations of one training step: a forward pass over the full window per batch element (and per
     * rollout step) and a backward pass counted as twice the forward (the usual estimate: gradients for activations
     * and for weights);
     * with the image loss also its decodes, a crop of the prediction (forward and backward) and of the truth
     * (forward), each counted as the crop's share of a whole frame's decode (which over-counts its attention a
     * little).
     */
    public double flopsPerStep() {
        double world = 3.0 * DitTensorLayout.flopsPerForward(config, config.maxFrames()) * options.batchSize()
                * options.rolloutSteps();
        if (decoder == null) {
            return world;
        }
        double crop = (double) (DECODED_CROP_ROWS * DECODED_CROP_COLS) / LatentContract.TOKENS;
        return world + 4.0 * VitVaeLayout.of(decoder.config()).decodeFlops() * crop * options.batchSize()
                * options.rolloutSteps();
    }

    /** Steps taken so far. */
    public int steps() {
        return (int) optimizer.steps();
    }

    public Options options() {
        return options;
    }

    public WorldModelConfig config() {
        return config;
    }

    public WorldDit model() {
        return model;
    }

    /**
     * Runs one optimization step and returns its loss. A step whose loss or gradients are not finite is computed once
     * more, then skipped (see {@link #skippedSteps()}) if they still are not: PyTorch on the CPU now and then returns
     * a backward pass whose every gradient is NaN for a finite loss, and the same pass again gives the right
     * gradients, which keeps training and its resume deterministic. More than
     * {@value AdamOptimizer#MAX_CONSECUTIVE_SKIPS} skips in a row stop training with an error ({@link
     * AdamOptimizer#step}).
     */
    public float trainStep() {
        long step = optimizer.steps();
        Random random = new Random(options.seed() * 0x9E3779B97F4A7C15L + step);
        float warmup = options.warmupSteps() == 0 ? 1f : Math.min(1f, (float) (step + 1) / options.warmupSteps());
        float loss = options.rolloutSteps() > 1 ? rolloutStep(random, options.learningRate() * warmup)
                : teacherForcedStep(random, options.learningRate() * warmup);
        if (average != null) {
            average.update(optimizer.steps());
        }
        return loss;
    }

    /** One step on windows whose context is real (or corrupted by {@link Options#contextNoise()}). */
    private float teacherForcedStep(Random random, float learningRate) {
        try (NDManager scope = manager.newSubManager()) {
            Batch batch = sample(random, scope, trajectories, true);
            List<TokenWindow> crops = decoder == null ? null : decodedCrops(random);
            return optimizer.step(learningRate, () -> {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray prediction = model.forward(batch.input, batch.levels, batch.actions);
                    NDArray lossArray = prediction.sub(batch.target).square().mean();
                    if (decoder != null) {
                        NDIndex newest = new NDIndex(":, {}", prediction.getShape().get(1) - 1);
                        NDArray base = batch.changeBase.get(newest);
                        lossArray = lossArray.add(imageLoss(base.add(prediction.get(newest)),
                                base.add(batch.target.get(newest)), crops).mul(options.decoderLoss()));
                    }
                    collector.backward(lossArray);
                    return lossArray.getFloat();
                }
            });
        }
    }

    /**
     * One step on the model's own rollouts (the direct objective, {@link Options#rolloutSteps()} R > 1): each window
     * holds {@code contextFrames + R} real frames; the model first sees the real context, then R - 1 times its
     * context moves on by one frame, the newest being the model's own prediction (its gradient stopped), and every
     * position of each of the R windows is asked for the real next frame. The loss is the mean over the R windows, so
     * the model learns to pull its own drifting predictions back, as it must in a dream. With the image loss, each
     * window's newest predicted frame is also decoded against the real one (the same crops at every step).
     */
    private float rolloutStep(Random random, float learningRate) {
        int b = options.batchSize();
        int context = config.maxFrames() - 1;
        int rollout = options.rolloutSteps();
        int length = context + rollout;
        int frame = LatentContract.LATENT_FLOATS;
        float[] latents = new float[b * length * frame];
        float[] actions = new float[b * (length - 1) * OasisAction.SIZE];
        for (int i = 0; i < b; i++) {
            LatentTrajectory tr = trajectories.get(random.nextInt(trajectories.size()));
            int start = random.nextInt(tr.frames() - length + 1);
            System.arraycopy(tr.latents(), tr.latentOffset(start), latents, i * length * frame, length * frame);
            // the action that leads from frame k of the window to frame k + 1
            System.arraycopy(tr.actions(), tr.actionOffset(start + 1), actions, i * (length - 1) * OasisAction.SIZE,
                    (length - 1) * OasisAction.SIZE);
        }
        List<TokenWindow> crops = decoder == null ? null : decodedCrops(random);
        try (NDManager scope = manager.newSubManager()) {
            NDArray real = WorldDit.owned(scope, latents, new Shape(b, length, LatentContract.TOKEN_ROWS,
                    LatentContract.TOKEN_COLS, LatentContract.CHANNELS));
            NDArray allActions = WorldDit.owned(scope, actions, new Shape(b, length - 1, OasisAction.SIZE));
            NDArray levels = scope.zeros(new Shape(b, context));
            return optimizer.step(learningRate, () -> {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray window = real.get(new NDIndex(":, 0:{}", context));
                    NDArray total = null;
                    for (int r = 0; r < rollout; r++) {
                        NDArray stepActions = allActions.get(new NDIndex(":, {}:{}", r, r + context));
                        NDArray next = real.get(new NDIndex(":, {}:{}", r + 1, r + 1 + context));
                        NDArray prediction = model.forward(window, levels, stepActions);
                        NDArray base = model.changeBase(window, stepActions);
                        NDArray loss = prediction.sub(next.sub(base)).square().mean();
                        NDArray newest = base.get(new NDIndex(":, -1:")).add(prediction.get(new NDIndex(":, -1:")));
                        if (decoder != null) {
                            NDIndex only = new NDIndex(":, 0");
                            loss = loss.add(imageLoss(newest.get(only), next.get(new NDIndex(":, {}", context - 1)), crops)
                                    .mul(options.decoderLoss()));
                        }
                        total = total == null ? loss : total.add(loss);
                        if (r + 1 < rollout) {
                            window = window.get(new NDIndex(":, 1:")).concat(newest.stopGradient(), 1);
                        }
                    }
                    NDArray mean = total.div(rollout);
                    collector.backward(mean);
                    return mean.getFloat();
                }
            });
        }
    }

    /** One random {@link #DECODED_CROP_ROWS} x {@link #DECODED_CROP_COLS} token window per training window. */
    private List<TokenWindow> decodedCrops(Random random) {
        List<TokenWindow> crops = new ArrayList<>(options.batchSize());
        for (int i = 0; i < options.batchSize(); i++) {
            crops.add(new TokenWindow(random.nextInt(LatentContract.TOKEN_ROWS - DECODED_CROP_ROWS + 1),
                    random.nextInt(LatentContract.TOKEN_COLS - DECODED_CROP_COLS + 1), DECODED_CROP_ROWS,
                    DECODED_CROP_COLS));
        }
        return crops;
    }

    /**
     * The mean squared error, in the decoder's model space, between the decoded predicted and true next frames
     * (scaled latents {@code (B, 18, 32, 16)}) on {@code crops}; gradients reach the prediction through the frozen
     * decoder.
     */
    private NDArray imageLoss(NDArray predicted, NDArray truth, List<TokenWindow> crops) {
        NDArray decodedPrediction = decoder.decode(TokenWindow.crop(predicted, crops).div(LatentContract.SCALING_FACTOR), crops);
        NDArray decodedTruth = decoder.decode(TokenWindow.crop(truth, crops).div(LatentContract.SCALING_FACTOR), crops);
        return decodedPrediction.sub(decodedTruth).square().mean();
    }


    /**
     * Steps of this run (since it started or resumed) whose loss or gradients were not finite: they leave weights and
     * Adam's moments unchanged, as mixed-precision trainers skip overflowing steps.
     */
    public int skippedSteps() {
        return optimizer.skippedSteps();
    }

    /**
     * The loss on {@code batches} fixed batches (always the same windows, noise and levels for
     * a given seed), without training: a steadier progress measure than the training loss.
     */
    public float fixedBatchLoss(int batches) {
        return fixedBatchLoss(trajectories, batches);
    }

    /** As {@link #fixedBatchLoss(int)}, on windows of {@code data} (e.g. held-out trajectories). */
    public float fixedBatchLoss(List<LatentTrajectory> data, int batches) {
        List<LatentTrajectory> usable = data.stream().filter(t -> t.frames() >= config.maxFrames()).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no trajectory has the " + config.maxFrames() + " frames a window needs");
        }
        double sum = 0;
        for (int i = 0; i < batches; i++) {
            Random random = new Random(~options.seed() * 31 + i);
            try (NDManager scope = manager.newSubManager()) {
                Batch batch = sample(random, scope, usable, false);
                sum += model.forward(batch.input, batch.levels, batch.actions).sub(batch.target).square().mean().getFloat();
            }
        }
        return (float) (sum / batches);
    }

    /**
     * Replaces the model's weights by their moving average when the options keep one ({@link
     * Options#averageDecay()}), as the weights a finished run saves; without one it changes nothing. Training on
     * afterwards would continue from the average, so call it once, at the end.
     */
    public void adoptAverage() {
        if (average != null) {
            average.copyIntoParameters();
        }
    }

    /**
     * Model weights (Oasis names), optimizer moments ({@code optimizer.mean.<param>} and
     * {@code optimizer.variance.<param>}), the weights' moving average where the options keep one ({@code
     * average.<param>}) and the step counter, for an exact resume.
     */
    public List<Tensor> checkpoint() {
        List<Tensor> out = new ArrayList<>(model.toTensors());
        if (average != null) {
            out.addAll(average.toTensors());
        }
        Map<String, Tensor> state = optimizer.state();
        List<String> names = momentOrder();
        for (String name : names) {
            out.add(savedAs(MEAN_PREFIX + name, name, state.get(AdamOptimizer.meanName(name))));
        }
        for (String name : names) {
            out.add(savedAs(VARIANCE_PREFIX + name, name, state.get(AdamOptimizer.varianceName(name))));
        }
        out.add(new Tensor(STEP_TENSOR, new int[] {1}, new float[] {steps()}));
        return out;
    }

    /**
     * The parameter names in the order this format has always stored the moments: that of a
     * {@code HashMap} filled with them one by one, as the format's first writer kept them; the
     * file's bytes stay the same.
     */
    private List<String> momentOrder() {
        Map<String, Boolean> byHash = new HashMap<>();
        for (String name : model.parameters().keySet()) {
            byHash.put(name, Boolean.TRUE);
        }
        return new ArrayList<>(byHash.keySet());
    }

    /** {@code moment} of parameter {@code parameter} under {@code name}, in the parameter's shape. */
    private Tensor savedAs(String name, String parameter, Tensor moment) {
        return new Tensor(name, ParameterAverage.dims(model.parameters().get(parameter)), moment.data());
    }

    /** A batch's windows; {@code changeBase}: what the direct objective's changes are from ({@link WorldDit#changeBase}). */
    private record Batch(NDArray input, NDArray levels, NDArray actions, NDArray target, NDArray changeBase) {
    }

    /** A batch of random windows; {@code augment}: corrupt the direct objective's context (training batches). */
    private Batch sample(Random random, NDManager scope, List<LatentTrajectory> data, boolean augment) {
        int b = options.batchSize();
        int window = config.maxFrames();
        int frame = LatentContract.LATENT_FLOATS;
        boolean direct = config.objective() == WorldModelConfig.Objective.DIRECT;
        int frames = direct ? window - 1 : window;
        float[] input = new float[b * frames * frame];
        float[] target = new float[b * frames * frame];
        float[] levels = new float[b * frames];
        float[] actions = new float[b * frames * OasisAction.SIZE];
        NoiseSchedule schedule = NoiseSchedule.oasis();
        boolean corrupt = direct && augment && options.contextNoise() > 0;
        for (int i = 0; i < b; i++) {
            LatentTrajectory tr = data.get(random.nextInt(data.size()));
            int start = random.nextInt(tr.frames() - window + 1);
            int contextLevel = corrupt ? Math.round(random.nextFloat() * options.contextNoise() / CONTEXT_NOISE_PER_LEVEL)
                    : 0;
            float deviation = contextLevel * CONTEXT_NOISE_PER_LEVEL;
            for (int f = 0; f < frames; f++) {
                int row = i * frames + f;
                int src = tr.latentOffset(start + f);
                int dst = row * frame;
                if (direct) {
                    int next = tr.latentOffset(start + f + 1);
                    levels[row] = contextLevel;
                    for (int k = 0; k < frame; k++) {
                        float seen = tr.latents()[src + k];
                        if (contextLevel > 0) {
                            seen += deviation * (float) random.nextGaussian();
                        }
                        input[dst + k] = seen;
                        target[dst + k] = tr.latents()[next + k] - seen;
                    }
                    System.arraycopy(tr.actions(), tr.actionOffset(start + f + 1), actions, row * OasisAction.SIZE,
                            OasisAction.SIZE);
                } else {
                    int level = random.nextBoolean() ? random.nextInt(options.maxNoiseLevel() + 1)
                            : random.nextInt(NoiseSchedule.CONTEXT_LEVEL + 1);
                    float a = schedule.alphaCumprod(level);
                    float signal = (float) Math.sqrt(a);
                    float noise = (float) Math.sqrt(1 - a);
                    levels[row] = level;
                    for (int k = 0; k < frame; k++) {
                        float x0 = tr.latents()[src + k];
                        float e = (float) random.nextGaussian();
                        input[dst + k] = signal * x0 + noise * e;
                        target[dst + k] = signal * e - noise * x0;
                    }
                    System.arraycopy(tr.actions(), tr.actionOffset(start + f), actions, row * OasisAction.SIZE,
                            OasisAction.SIZE);
                }
            }
        }
        Shape latentShape = new Shape(b, frames, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS);
        NDArray inputArray = WorldDit.owned(scope, input, latentShape);
        NDArray actionArray = WorldDit.owned(scope, actions, new Shape(b, frames, OasisAction.SIZE));
        NDArray targetArray = WorldDit.owned(scope, target, latentShape);
        NDArray changeBase = direct ? model.changeBase(inputArray, actionArray) : null;
        if (direct && config.viewShift() > 0) {
            // the change is from the frame moved by the camera, not from the frame as it is
            targetArray = targetArray.add(inputArray).sub(changeBase);
        }
        return new Batch(inputArray, WorldDit.owned(scope, levels, new Shape(b, frames)), actionArray, targetArray,
                changeBase);
    }

    @Override
    public void close() {
        if (average != null) {
            average.close();
        }
        optimizer.close();
        model.close();
        if (decoder != null) {
            decoder.close();
        }
        manager.close();
    }
}
