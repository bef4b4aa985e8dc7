package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.DjlConvNet;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Distils a convolutional decoder from a teacher's latents and decoded images with DJL autograd
 * and Adam, on whole frames.
 *
 * <p>One step: draw {@code batch} frames, decode their teacher latents with the student, and
 * minimise {@code w * MSE(student, teacher image) + (1 - w) * MSE(student, original frame)} with
 * {@code w} the options' teacher weight, MSEs in model space [-1, 1]. The frames of a step are
 * drawn from a generator seeded by the run's seed and the step number, so a checkpoint (weights,
 * Adam's moments, step) resumes the run exactly.
 */
public final class DecoderDistiller extends CodecTrainer<ConvDecoderConfig, DistillOptions, DjlConvNet> {
    private static final String FORMAT = "neuroframe-conv-distill-checkpoint-1";

    private DecoderDistiller(ConvDecoderWeights weights, DistillOptions options, Engine engine) {
        super(weights.config(), options, engine, manager -> DjlConvNet.of(weights, manager));
    }

    /** A new run from random weights drawn with the options' seed. */
    public static DecoderDistiller start(ConvDecoderConfig config, DistillOptions options, Engine engine) {
        return new DecoderDistiller(ConvDecoderWeights.random(config, options.seed()), options, engine);
    }

    /**
     * Continues the run saved in {@code checkpoint}; {@code steps}, when not null, replaces the
     * run's total step count.
     *
     * @throws IOException if the file cannot be read or is not a checkpoint written by {@link #saveCheckpoint}
     */
    public static DecoderDistiller resume(Path checkpoint, Integer steps, Engine engine) throws IOException {
        TrainingCheckpoint saved = TrainingCheckpoint.read(checkpoint, FORMAT, "a decoder distillation checkpoint");
        Map<String, String> metadata = saved.metadata();
        ConvDecoderConfig config;
        DistillOptions options;
        try {
            config = ConvDecoderConfig.fromMetadata(metadata);
            options = DistillOptions.fromMetadata(metadata);
        } catch (IllegalArgumentException e) {
            throw new IOException(checkpoint + ": " + e.getMessage(), e);
        }
        if (steps != null) {
            options = options.withSteps(steps);
        }
        DecoderDistiller distiller = new DecoderDistiller(ConvDecoderWeights.of(config, saved.weights()), options, engine);
        distiller.restore(saved, checkpoint);
        return distiller;
    }

    /** The outcome of one step; MSEs in model space [-1, 1]. */
    public record StepResult(long step, float loss, float teacherMse, float frameMse, float learningRate) {
        /** PSNR in dB on [0, 1] pixels against the teacher's images. */
        public double teacherPsnr() {
            return PixelMetrics.psnrFromMse(teacherMse / 4.0);
        }

        /** PSNR in dB on [0, 1] pixels against the original frames. */
        public double framePsnr() {
            return PixelMetrics.psnrFromMse(frameMse / 4.0);
        }
    }

    /**
     * Runs one optimizer step on frames of {@code data}.
     *
     * @throws IllegalStateException if the loss is not finite (the step is not applied)
     */
    public StepResult step(DistillationData data) {
        return step((step, random, lr) -> {
            int batch = options().batch();
            float[] latents = new float[batch * LatentContract.LATENT_FLOATS];
            float[] teacher = new float[batch * LatentContract.IMAGE_FLOATS];
            float[] frames = new float[batch * LatentContract.IMAGE_FLOATS];
            for (int b = 0; b < batch; b++) {
                int index = random.nextInt(data.size());
                data.latents().read(index, latents, b * LatentContract.LATENT_FLOATS);
                data.teacherImages().readWindow(index, TokenWindow.FULL, teacher, b * LatentContract.IMAGE_FLOATS);
                data.frames().readWindow(index, TokenWindow.FULL, frames, b * LatentContract.IMAGE_FLOATS);
            }
            float teacherWeight = options().teacherWeight();
            Shape imageShape = new Shape(batch, LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT,
                    LatentContract.IMAGE_WIDTH);
            try (NDManager scope = manager.newSubManager()) {
                NDArray z = scope.create(latents, new Shape(batch, LatentContract.TOKENS, LatentContract.CHANNELS))
                        .div(LatentContract.SCALING_FACTOR);
                NDArray t = scope.create(teacher, imageShape);
                NDArray x = scope.create(frames, imageShape);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray y = net.decode(z);
                    NDArray teacherTerm = y.sub(t).square().mean();
                    NDArray frameTerm = y.sub(x).square().mean();
                    NDArray total = teacherTerm.mul(teacherWeight).add(frameTerm.mul(1f - teacherWeight));
                    float loss = total.getFloat();
                    if (!Float.isFinite(loss)) {
                        throw new IllegalStateException("distillation diverged at step " + step + ": loss " + loss
                                + "; lower --lr or resume from the last checkpoint");
                    }
                    StepResult result = new StepResult(step + 1, loss, teacherTerm.getFloat(), frameTerm.getFloat(), lr);
                    collector.backward(total);
                    return result;
                }
            }
        });
    }

    /** Whole-frame quality of the clamped student output: MSEs on [0, 1] pixels. */
    public record Validation(double frameMse, double teacherMse) {
        /** PSNR in dB against the original frames. */
        public double framePsnr() {
            return PixelMetrics.psnrFromMse(frameMse);
        }

        /** PSNR in dB against the teacher's images. */
        public double teacherPsnr() {
            return PixelMetrics.psnrFromMse(teacherMse);
        }
    }

    /** Decodes the frames at {@code indices} of {@code data}, {@code batch} at a time, and compares. */
    public Validation validate(DistillationData data, int[] indices, int batch) {
        double frameError = 0;
        double teacherError = 0;
        for (int start = 0; start < indices.length; start += batch) {
            int n = Math.min(batch, indices.length - start);
            float[] latents = new float[n * LatentContract.LATENT_FLOATS];
            float[] teacher = new float[n * LatentContract.IMAGE_FLOATS];
            float[] frames = new float[n * LatentContract.IMAGE_FLOATS];
            for (int b = 0; b < n; b++) {
                int index = indices[start + b];
                data.latents().read(index, latents, b * LatentContract.LATENT_FLOATS);
                data.teacherImages().readWindow(index, TokenWindow.FULL, teacher, b * LatentContract.IMAGE_FLOATS);
                data.frames().readWindow(index, TokenWindow.FULL, frames, b * LatentContract.IMAGE_FLOATS);
            }
            Shape imageShape = new Shape(n, LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT,
                    LatentContract.IMAGE_WIDTH);
            try (NDManager scope = manager.newSubManager()) {
                NDArray z = scope.create(latents, new Shape(n, LatentContract.TOKENS, LatentContract.CHANNELS))
                        .div(LatentContract.SCALING_FACTOR);
                NDArray y = net.decode(z).stopGradient().clip(-1f, 1f);
                frameError += y.sub(scope.create(frames, imageShape)).square().sum().getFloat() / 4.0;
                teacherError += y.sub(scope.create(teacher, imageShape)).square().sum().getFloat() / 4.0;
            }
        }
        double values = (double) indices.length * LatentContract.IMAGE_FLOATS;
        return new Validation(frameError / values, teacherError / values);
    }

    /** The current weights (a copy). */
    public ConvDecoderWeights weights() {
        return net.toWeights();
    }

    /** Writes weights, Adam's moments, the step, the config and the options to {@code path} (F32), atomically. */
    @Override
    public void saveCheckpoint(Path path) throws IOException {
        writeCheckpoint(path, FORMAT, weights().tensors().values(), config().toMetadata(), options().toMetadata());
    }
}
