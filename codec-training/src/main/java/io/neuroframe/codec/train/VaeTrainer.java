package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.DjlVitVae;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a ViT-VAE with DJL autograd and Adam on random crops of whole patches.
 *
 * <p>One step: draw {@code batch} crops of {@code cropRows x cropCols} tokens at random frames and
 * token offsets, encode them, sample {@code z = mean + exp(logvar / 2) * noise}, decode, and
 * minimise {@code MSE + klWeight * KL}. The MSE is the mean over pixel values in model space
 * [-1, 1] (four times the MSE on [0, 1]); the KL is that of the diagonal Gaussian posterior
 * against N(0, 1), averaged over latent values. Each token keeps its full-frame rotary position
 * (see {@link TokenWindow}), so the crops teach the model what whole frames need.
 *
 * <p>Randomness (crops and noise) is drawn from a generator seeded by the run's seed and the step
 * number, so the run is reproducible and a checkpoint needs only the step to restore it; together
 * with the weights and Adam's moments it makes a resumed run continue exactly.
 */
public final class VaeTrainer extends CodecTrainer<VitVaeConfig, TrainingOptions, DjlVitVae> {
    private static final String FORMAT = "neuroframe-vae-checkpoint-1";

    private VaeTrainer(VitVaeWeights weights, TrainingOptions options, Engine engine) {
        super(weights.config(), options, engine, manager -> DjlVitVae.of(weights, manager));
    }

    /** A new run from random weights drawn with the options' seed. */
    public static VaeTrainer start(VitVaeConfig config, TrainingOptions options, Engine engine) {
        return new VaeTrainer(VitVaeWeights.random(config, options.seed()), options, engine);
    }

    /**
     * Continues the run saved in {@code checkpoint}; {@code steps}, when not null, replaces the
     * run's total step count (to extend it).
     *
     * @throws IOException if the file cannot be read or is not a checkpoint written by {@link #saveCheckpoint}
     */
    public static VaeTrainer resume(Path checkpoint, Integer steps, Engine engine) throws IOException {
        TrainingCheckpoint saved = TrainingCheckpoint.read(checkpoint, FORMAT, "a ViT-VAE training checkpoint");
        VitVaeConfig config = configFrom(saved.metadata());
        TrainingOptions options = TrainingOptions.fromMetadata(saved.metadata());
        if (steps != null) {
            options = options.withSteps(steps);
        }
        VaeTrainer trainer = new VaeTrainer(VitVaeWeights.of(config, VitVaeLayout.Part.ALL, saved.weights()), options,
                engine);
        trainer.restore(saved, checkpoint);
        return trainer;
    }

    /** The outcome of one step. */
    public record StepResult(long step, float loss, float mse, float kl, float learningRate) {
        /** PSNR in dB on [0, 1] pixels implied by this step's (noisy-latent) crop MSE. */
        public double cropPsnr() {
            return PixelMetrics.psnrFromMse(mse / 4.0);
        }
    }

    /**
     * Runs one optimizer step on crops of {@code frames}.
     *
     * @throws IllegalStateException if the loss is not finite (the step is not applied)
     */
    public StepResult step(FrameStore frames) {
        return step((step, random, lr) -> {
            TrainingOptions options = options();
            int batch = options.batch();
            List<TokenWindow> windows = new ArrayList<>(batch);
            TokenWindow size = new TokenWindow(0, 0, options.cropRows(), options.cropCols());
            float[] pixels = new float[batch * LatentContract.IMAGE_CHANNELS * size.pixelHeight() * size.pixelWidth()];
            int perCrop = pixels.length / batch;
            for (int b = 0; b < batch; b++) {
                int frame = random.nextInt(frames.size());
                TokenWindow window = new TokenWindow(random.nextInt(LatentContract.TOKEN_ROWS - size.rows() + 1),
                        random.nextInt(LatentContract.TOKEN_COLS - size.cols() + 1), size.rows(), size.cols());
                windows.add(window);
                frames.readWindow(frame, window, pixels, b * perCrop);
            }
            int latentDim = config().latentDim();
            float[] noise = new float[batch * size.tokens() * latentDim];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) random.nextGaussian();
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(pixels, new Shape(batch, LatentContract.IMAGE_CHANNELS, size.pixelHeight(),
                        size.pixelWidth()));
                NDArray eps = scope.create(noise, new Shape(batch, size.tokens(), latentDim));
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDList moments = net.encodeMoments(x, windows);
                    NDArray mean = moments.get(0);
                    NDArray logvar = moments.get(1);
                    NDArray z = mean.add(logvar.mul(0.5f).exp().mul(eps));
                    NDArray reconstruction = net.decode(z, windows);
                    NDArray mseTerm = reconstruction.sub(x).square().mean();
                    NDArray klTerm = mean.square().add(logvar.exp()).sub(logvar).sub(1f).mean().mul(0.5f);
                    NDArray total = mseTerm.add(klTerm.mul(options.klWeight()));
                    float loss = total.getFloat();
                    float mse = mseTerm.getFloat();
                    float kl = klTerm.getFloat();
                    if (!Float.isFinite(loss)) {
                        throw new IllegalStateException("training diverged at step " + step + ": loss " + loss
                                + " (mse " + mse + ", kl " + kl + "); lower --lr or resume from the last checkpoint");
                    }
                    collector.backward(total);
                    return new StepResult(step + 1, loss, mse, kl, lr);
                }
            }
        });
    }

    /** Whole-frame reconstruction quality and latent spread on a set of frames. */
    public record Validation(double mse, double latentStd) {
        /** PSNR in dB on [0, 1] pixels. */
        public double psnr() {
            return PixelMetrics.psnrFromMse(mse);
        }
    }

    /**
     * Reconstructs whole frames (posterior mean, no noise), {@code batch} at a time: the mean
     * squared error on [0, 1] pixels and the standard deviation of the unscaled latent means
     * (Oasis's scaling factor assumes about 12.75).
     */
    public Validation validate(FrameStore frames, int[] indices, int batch) {
        double squaredError = 0;
        double latentSum = 0;
        double latentSquares = 0;
        for (int start = 0; start < indices.length; start += batch) {
            int n = Math.min(batch, indices.length - start);
            float[] pixels = new float[n * LatentContract.IMAGE_FLOATS];
            for (int b = 0; b < n; b++) {
                frames.readWindow(indices[start + b], TokenWindow.FULL, pixels, b * LatentContract.IMAGE_FLOATS);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(pixels, new Shape(n, LatentContract.IMAGE_CHANNELS,
                        LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH));
                List<TokenWindow> full = Collections.nCopies(n, TokenWindow.FULL);
                NDArray mean = net.encodeMoments(x, full).get(0);
                NDArray reconstruction = net.decode(mean, full).clip(-1f, 1f);
                squaredError += reconstruction.sub(x).square().sum().getFloat() / 4.0;
                latentSum += mean.sum().getFloat();
                latentSquares += mean.square().sum().getFloat();
            }
        }
        double latentCount = (double) indices.length * LatentContract.LATENT_FLOATS;
        double latentMean = latentSum / latentCount;
        return new Validation(squaredError / ((double) indices.length * LatentContract.IMAGE_FLOATS),
                Math.sqrt(Math.max(0, latentSquares / latentCount - latentMean * latentMean)));
    }

    /** The current weights (a copy). */
    public VitVaeWeights weights() {
        return net.toWeights();
    }

    /**
     * Writes weights, Adam's moments, the step count and the options to {@code path} (F32
     * safetensors), atomically: the file under that name is always a complete checkpoint.
     */
    @Override
    public void saveCheckpoint(Path path) throws IOException {
        writeCheckpoint(path, FORMAT, weights().tensors().values(), configMetadata(config()), options().toMetadata());
    }

    private static Map<String, String> configMetadata(VitVaeConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", c.name());
        m.put("latent_dim", Integer.toString(c.latentDim()));
        m.put("patch_size", Integer.toString(c.patchSize()));
        m.put("enc_dim", Integer.toString(c.encDim()));
        m.put("enc_depth", Integer.toString(c.encDepth()));
        m.put("enc_heads", Integer.toString(c.encHeads()));
        m.put("dec_dim", Integer.toString(c.decDim()));
        m.put("dec_depth", Integer.toString(c.decDepth()));
        m.put("dec_heads", Integer.toString(c.decHeads()));
        m.put("mlp_ratio", Integer.toString(c.mlpRatio()));
        return m;
    }

    private static VitVaeConfig configFrom(Map<String, String> m) throws IOException {
        try {
            return new VitVaeConfig(m.get("preset"), Integer.parseInt(m.get("latent_dim")),
                    Integer.parseInt(m.get("patch_size")), Integer.parseInt(m.get("enc_dim")),
                    Integer.parseInt(m.get("enc_depth")), Integer.parseInt(m.get("enc_heads")),
                    Integer.parseInt(m.get("dec_dim")), Integer.parseInt(m.get("dec_depth")),
                    Integer.parseInt(m.get("dec_heads")), Integer.parseInt(m.get("mlp_ratio")));
        } catch (RuntimeException e) {
            throw new IOException("checkpoint metadata does not describe a ViT-VAE preset: " + m, e);
        }
    }
}
