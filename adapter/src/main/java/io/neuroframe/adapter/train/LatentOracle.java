package io.neuroframe.adapter.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.train.AdamOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ceiling of every latent-space adapter on a frozen codec: each validation frame's latent is itself optimised
 * (Adam on the MSE of the decoded, clamped [0, 1] frame against the frame's pixels), with nothing shared between
 * frames. An adapter maps every latent through one learned function, so on the same frames it can at best match
 * this per-frame optimum; the relative decrease it reaches bounds the decrease any adapter can show.
 */
public final class LatentOracle {

    /**
     * Settings of the per-frame optimisation.
     *
     * @param steps Adam steps per frame
     * @param learningRate Adam learning rate on the scaled latent
     */
    public record Options(int steps, float learningRate) {
        public Options {
            if (steps < 1 || !(learningRate > 0f)) {
                throw new IllegalArgumentException("latent oracle needs at least one step and a positive learning "
                        + "rate, got " + steps + " and " + learningRate);
            }
        }
    }

    /**
     * One validation frame.
     *
     * @param frame index in the validation part
     * @param codecMse MSE of the frozen codec's reconstruction (the encoder's latent)
     * @param optimisedMse lowest MSE reached by optimising the latent
     */
    public record FrameResult(int frame, double codecMse, double optimisedMse) {
        /** (codec - optimised) / codec. */
        public double relativeDecrease() {
            return (codecMse - optimisedMse) / codecMse;
        }
    }

    private final FrozenCodec codec;
    private final Engine engine;
    private final Options options;

    public LatentOracle(FrozenCodec codec, Engine engine, Options options) {
        this.codec = codec;
        this.engine = engine;
        this.options = options;
    }

    /** Optimises every frame of {@code validation} in turn, telling {@code progress} after each. */
    public List<FrameResult> run(LatentCache.Part validation, Consumer<FrameResult> progress) {
        List<FrameResult> results = new ArrayList<>(validation.size());
        float[] pixels = new float[LatentContract.IMAGE_FLOATS];
        for (int i = 0; i < validation.size(); i++) {
            validation.readWindow(i, TokenWindow.FULL, pixels, 0);
            FrameResult result = optimise(i, validation.latents()[i], pixels);
            results.add(result);
            progress.accept(result);
        }
        return results;
    }

    private FrameResult optimise(int frame, float[] latent, float[] pixels) {
        try (NDManager manager = engine.newBaseManager()) {
            NDArray target = manager.create(pixels).add(1f).div(2f)
                    .reshape(1, LatentContract.IMAGE_FLOATS);
            NDArray z = manager.create(latent, new Shape(1, LatentContract.TOKENS, LatentContract.CHANNELS));
            z.setRequiresGradient(true);
            double codecMse = Double.NaN;
            double best = Double.POSITIVE_INFINITY;
            try (AdamOptimizer adam = new AdamOptimizer(Map.of("latent", z), manager)) {
                for (int step = 0; step <= options.steps(); step++) {
                    double mse;
                    try (NDManager scope = manager.newSubManager();
                         GradientCollector collector = engine.newGradientCollector()) {
                        z.tempAttach(scope); // the step's intermediates follow z into the scope and end with it
                        NDArray loss = codec.decodeScaled(z, List.of(TokenWindow.FULL)).clip(-1f, 1f).add(1f).div(2f)
                                .reshape(1, LatentContract.IMAGE_FLOATS).sub(target).square().mean();
                        mse = loss.getFloat();
                        if (step < options.steps()) {
                            collector.backward(loss);
                        }
                    }
                    if (step == 0) {
                        codecMse = mse;
                    }
                    best = Math.min(best, mse);
                    if (step < options.steps()) {
                        adam.update(options.learningRate());
                    }
                }
            }
            return new FrameResult(frame, codecMse, best);
        }
    }
}
