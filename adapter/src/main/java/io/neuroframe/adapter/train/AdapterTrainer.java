package io.neuroframe.adapter.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.neuroframe.adapter.StimulationWeights;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.metrics.Ssim;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.train.AdamOptimizer;
import io.neuroframe.codec.weights.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one adapter against a frozen codec on cached latents.
 *
 * <p>One step draws {@code batch} train frames and one crop window of whole tokens for each, adapts the frames'
 * full cached latents (the readout mixes every token, so the adapter always sees the whole frame), cuts each
 * adapted latent to its window and decodes the window with every token at its full-frame rotary position
 * ({@link TokenWindow}). The loss is the MSE on [0, 1] pixels against the frame's pixels in that window; Adam
 * updates the adapter's parameters only (the codec's do not track gradients). Frames and windows of step s come
 * from a generator seeded by (seed, s), so the step count, the parameters and Adam's moments are the whole state
 * of a run, and a resumed run continues exactly.
 *
 * <p>Validation decodes whole frames, clamped to [0, 1] as the frame path does.
 */
public final class AdapterTrainer implements AutoCloseable {

    private static final String FORMAT = "neuroframe.adapter-checkpoint-1";

    /** Reconstruction quality on whole validation frames ([0, 1] pixels; SSIM NaN when not measured). */
    public record Validation(double mse, double psnr, double ssim) {
    }

    /**
     * One point of the loss curves.
     *
     * @param mse validation MSE after {@code step} steps
     * @param trainLoss mean training loss of the steps since the previous point (NaN at the first point, and for
     *        steps a resumed run did not see, or when every one of them was skipped)
     */
    public record CurvePoint(long step, double mse, double trainLoss) {
    }

    /** Receives progress after each step. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param step steps done
         * @param steps steps of the run
         * @param loss the step's training loss
         * @param secondsPerStep mean training time per step so far in this process
         */
        void update(long step, long steps, float loss, double secondsPerStep);
    }

    private final FrozenCodec codec;
    private final AdapterModel model;
    private final LatentCache data;
    private final AdapterTrainingOptions options;
    private final Engine engine;
    private final NDManager manager;
    private final AdamOptimizer optimizer;
    private final List<CurvePoint> curve = new ArrayList<>();
    private double trainingSeconds;

    /**
     * @param codec the frozen codec
     * @param model the adapter to train, initial or as a checkpoint will restore it
     * @param data cached latents and frames
     */
    public AdapterTrainer(FrozenCodec codec, AdapterModel model, LatentCache data, AdapterTrainingOptions options,
            Engine engine) {
        this.codec = codec;
        this.model = model;
        this.data = data;
        this.options = options;
        this.engine = engine;
        this.manager = engine.newBaseManager();
        this.optimizer = model.parameters().isEmpty() ? null : new AdamOptimizer(model.parameters(), manager);
    }

    /** Steps done so far. */
    public long completedSteps() {
        return optimizer == null ? 0 : optimizer.steps();
    }

    /** Steps this run trains: the options' steps, or none for a model without parameters. */
    public long targetSteps() {
        return optimizer == null ? 0 : options.steps();
    }

    /** Wall time spent in {@link #step} over the whole run, resumed parts included. */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** The validation loss curve recorded by {@link #train} (a copy). */
    public List<CurvePoint> curve() {
        return List.copyOf(curve);
    }

    public AdapterModel model() {
        return model;
    }

    /**
     * Trains until {@link #targetSteps()}, recording validation MSE on the validation frames at step 0 (a resumed run
     * keeps its recorded curve), every {@code validateEvery} steps and at the end, and saving a checkpoint to
     * {@code checkpoint} (when not null) every {@code checkpointSeconds} and at the end.
     *
     * @return the final validation with SSIM
     */
    public Validation train(Path checkpoint, double checkpointSeconds, Progress progress) throws IOException {
        long target = targetSteps();
        if (curve.isEmpty()) {
            curve.add(new CurvePoint(completedSteps(), validate(data.validation(), false).mse(), Double.NaN));
        }
        double lossSum = 0;
        int lossCount = 0;
        long lastSave = System.nanoTime();
        double processSeconds = 0;
        long processSteps = 0;
        while (completedSteps() < target) {
            long started = System.nanoTime();
            float loss = step();
            processSeconds += (System.nanoTime() - started) / 1e9;
            processSteps++;
            if (Float.isFinite(loss)) {
                lossSum += loss;
                lossCount++;
            }
            long done = completedSteps();
            if ((options.validateEvery() > 0 && done % options.validateEvery() == 0) || done == target) {
                curve.add(new CurvePoint(done, validate(data.validation(), false).mse(),
                        lossCount == 0 ? Double.NaN : lossSum / lossCount));
                lossSum = 0;
                lossCount = 0;
            }
            progress.update(done, target, loss, processSeconds / processSteps);
            if (checkpoint != null && (System.nanoTime() - lastSave) / 1e9 >= checkpointSeconds && done < target) {
                saveCheckpoint(checkpoint);
                lastSave = System.nanoTime();
            }
        }
        if (checkpoint != null && target > 0) {
            saveCheckpoint(checkpoint);
        }
        return validate(data.validation(), true);
    }

    /**
     * Runs one optimizer step at the schedule's learning rate ({@link AdapterTrainingOptions#learningRateAt}). A step
     * whose loss or gradients are not finite is computed once more and, if they still are not, changes nothing and
     * is counted in {@link #skippedSteps()} ({@link AdamOptimizer#step}).
     *
     * @return the step's loss (MSE on [0, 1] pixels of the crops)
     * @throws IllegalStateException if the model has no parameters, or when more than
     *     {@value AdamOptimizer#MAX_CONSECUTIVE_SKIPS} steps in a row were not finite (training diverged)
     */
    public float step() {
        if (optimizer == null) {
            throw new IllegalStateException(model.description() + " has no parameters to train");
        }
        long started = System.nanoTime();
        long step = optimizer.steps();
        SplittableRandom random = new SplittableRandom(options.seed() ^ (0x9E3779B97F4A7C15L * (step + 1)));
        int batch = options.batch();
        LatentCache.Part train = data.train();
        int[] frames = new int[batch];
        List<TokenWindow> windows = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            frames[b] = random.nextInt(train.size());
            windows.add(new TokenWindow(random.nextInt(LatentContract.TOKEN_ROWS - options.cropRows() + 1),
                    random.nextInt(LatentContract.TOKEN_COLS - options.cropCols() + 1), options.cropRows(),
                    options.cropCols()));
        }
        TokenWindow size = windows.get(0);
        int perCrop = LatentContract.IMAGE_CHANNELS * size.pixelHeight() * size.pixelWidth();
        float[] pixels = new float[batch * perCrop];
        for (int b = 0; b < batch; b++) {
            train.readWindow(frames[b], windows.get(b), pixels, b * perCrop);
        }
        float loss;
        try (NDManager scope = manager.newSubManager()) {
            NDArray target = scope.create(pixels, new Shape(batch, LatentContract.IMAGE_CHANNELS, size.pixelHeight(),
                    size.pixelWidth()));
            NDList inputs = inputs(scope, train, frames);
            loss = optimizer.step(options.learningRateAt(step), () -> {
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray adapted = model.apply(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null);
                    NDArray reconstruction = codec.decodeScaled(TokenWindow.crop(adapted, windows), windows);
                    NDArray mse = reconstruction.sub(target).square().mean().div(4f);
                    float value = mse.getFloat();
                    if (Float.isFinite(value)) {
                        collector.backward(mse);
                    }
                    return value;
                }
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(model.description() + ": " + e.getMessage(), e);
        }
        trainingSeconds += (System.nanoTime() - started) / 1e9;
        return loss;
    }

    /**
     * Steps of this run (since it started or was restored) whose loss or gradients were not finite: they changed
     * nothing and the next step trained on the next batch.
     */
    public int skippedSteps() {
        return optimizer == null ? 0 : optimizer.skippedSteps();
    }

    /** Latents {@code (B, 576, 16)} of the given frames and, for reservoir models, their stimulation weights. */
    private NDList inputs(NDManager scope, LatentCache.Part part, int[] frames) {
        int batch = frames.length;
        float[] latents = new float[batch * LatentContract.LATENT_FLOATS];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(part.latents()[frames[b]], 0, latents, b * LatentContract.LATENT_FLOATS,
                    LatentContract.LATENT_FLOATS);
        }
        NDList list = new NDList(scope.create(latents,
                new Shape(batch, LatentContract.TOKENS, LatentContract.CHANNELS)));
        if (model.usesStimulation()) {
            int size = model.stimulationRows() * LatentContract.CHANNELS;
            float[] stimulation = new float[batch * size];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(model.stimulation(part.latents()[frames[b]]), 0, stimulation, b * size, size);
            }
            list.add(scope.create(stimulation, new Shape(batch, model.stimulationRows(), LatentContract.CHANNELS)));
        }
        return list;
    }


    /**
     * Reconstructs every frame of {@code part} through the adapter and the frozen decoder (whole frames, clamped)
     * and compares with the originals on [0, 1] pixels.
     *
     * @param withSsim whether to measure SSIM as well (slower)
     */
    public Validation validate(LatentCache.Part part, boolean withSsim) {
        double squaredError = 0;
        double ssimSum = 0;
        int batch = options.batch();
        float[] original = new float[LatentContract.IMAGE_FLOATS];
        for (int start = 0; start < part.size(); start += batch) {
            int n = Math.min(batch, part.size() - start);
            int[] frames = new int[n];
            for (int b = 0; b < n; b++) {
                frames[b] = start + b;
            }
            float[] reconstructed;
            try (NDManager scope = manager.newSubManager()) {
                NDList inputs = inputs(scope, part, frames);
                NDArray adapted = model.apply(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null);
                reconstructed = codec.decodeImages(adapted.toFloatArray(), n);
            }
            for (int b = 0; b < n; b++) {
                part.readWindow(frames[b], TokenWindow.FULL, original, 0);
                int offset = b * LatentContract.IMAGE_FLOATS;
                for (int i = 0; i < original.length; i++) {
                    original[i] = (original[i] + 1f) / 2f;
                    double d = reconstructed[offset + i] - original[i];
                    squaredError += d * d;
                }
                if (withSsim) {
                    ssimSum += Ssim.ssim(original, java.util.Arrays.copyOfRange(reconstructed, offset,
                            offset + LatentContract.IMAGE_FLOATS), LatentContract.IMAGE_CHANNELS,
                            LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
                }
            }
        }
        double mse = squaredError / ((double) part.size() * LatentContract.IMAGE_FLOATS);
        return new Validation(mse, PixelMetrics.psnrFromMse(mse), withSsim ? ssimSum / part.size() : Double.NaN);
    }

    /**
     * Writes the adapter's trainable values, Adam's moments, the step, the training time and the loss curve to
     * {@code path} (F32 safetensors), atomically.
     */
    public void saveCheckpoint(Path path) throws IOException {
        List<Tensor> tensors = new ArrayList<>(model.trainedTensors().values());
        if (optimizer != null) {
            tensors.addAll(optimizer.state().values());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("adapter", model.description());
        metadata.put("step", Long.toString(completedSteps()));
        metadata.put("training_seconds", Double.toString(trainingSeconds));
        StringBuilder points = new StringBuilder();
        for (CurvePoint p : curve) {
            points.append(points.length() == 0 ? "" : ",").append(p.step()).append(':').append(p.mse()).append(':')
                    .append(p.trainLoss());
        }
        metadata.put("curve", points.toString());
        metadata.put("activity_scale", Float.toString(model.activityScale()));
        metadata.putAll(options.toMetadata());
        Files.createDirectories(path.toAbsolutePath().getParent());
        SafetensorsWriter.write(path, tensors, metadata, SafetensorsDtype.F32);
    }

    /**
     * Whether {@code path} is a training checkpoint of this adapter with these options (and activity scale), the
     * checkpoint {@link #restore} accepts; a checkpoint of other options (an earlier learning rate, say) is not.
     */
    public boolean isCheckpointOf(Path path) throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            Map<String, String> m = file.metadata();
            return FORMAT.equals(m.get("format")) && sameAdapterAndOptions(m);
        }
    }

    private boolean sameAdapterAndOptions(Map<String, String> metadata) {
        return model.description().equals(metadata.get("adapter")) && options.toMetadata().entrySet().stream()
                .allMatch(e -> e.getValue().equals(metadata.get(e.getKey())))
                && Float.toString(model.activityScale()).equals(metadata.get("activity_scale"));
    }

    /**
     * Continues from a checkpoint written by {@link #saveCheckpoint} for the same adapter and options.
     *
     * @throws IOException if the file is not such a checkpoint (naming the file and the mismatch)
     */
    public void restore(Path path) throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            Map<String, String> m = file.metadata();
            if (!FORMAT.equals(m.get("format"))) {
                throw new IOException(path + ": not an adapter training checkpoint (format " + m.get("format") + ")");
            }
            if (!sameAdapterAndOptions(m)) {
                throw new IOException(path + ": checkpoint of '" + m.get("adapter") + "' with other options, not of '"
                        + model.description() + "' with " + options.toMetadata());
            }
            Map<String, Tensor> weights = new LinkedHashMap<>();
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> entry : file.readAll().entrySet()) {
                (AdamOptimizer.isStateTensor(entry.getKey()) ? state : weights).put(entry.getKey(), entry.getValue());
            }
            try {
                model.restore(weights);
                if (optimizer != null) {
                    optimizer.restore(state, Long.parseLong(m.get("step")));
                }
                trainingSeconds = Double.parseDouble(m.getOrDefault("training_seconds", "0"));
                curve.clear();
                for (String point : m.getOrDefault("curve", "").split(",")) {
                    if (!point.isEmpty()) {
                        String[] fields = point.split(":");
                        curve.add(new CurvePoint(Long.parseLong(fields[0]), Double.parseDouble(fields[1]),
                                fields.length > 2 ? Double.parseDouble(fields[2]) : Double.NaN));
                    }
                }
            } catch (RuntimeException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        manager.close();
    }
}
