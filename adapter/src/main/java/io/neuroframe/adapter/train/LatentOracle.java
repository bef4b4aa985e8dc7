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
 * this per-frame optimum; the relative decrease it reaches bounds the decrease any adapter can show. A step whose
 * loss or gradient is not finite leaves the latent unchanged and never counts as the lowest MSE.
 */
public final class LatentOracle {

    /**
     * Settings of the per-frame optimisation.
     *
     * @param steps most Adam steps per frame
     * @param learningRate Adam learning rate on the scaled latent
     * @param patience stop a frame once its lowest MSE has not fallen by {@value #CONVERGED_RELATIVE} (relative) for
     *        this many steps (converged); 0 always runs every step
     */
    public record Options(int steps, float learningRate, int patience) {
        public Options {
            if (steps < 1 || !(learningRate > 0f) || patience < 0) {
                throw new IllegalArgumentException("latent oracle needs at least one step, a positive learning "
                        + "rate and a non-negative patience, got " + steps + ", " + learningRate + " and " + patience);
            }
        }

        /** Every step, no early stop. */
        public Options(int steps, float learningRate) {
            this(steps, learningRate, 0);
        }
    }

    /** Relative fall of the lowest MSE that counts as progress for {@link Options#patience()}. */
    public static final double CONVERGED_RELATIVE = 1e-4;

    /**
     * One validation frame.
     *
     * @param frame index in the validation part
     * @param codecMse MSE of the frozen codec's reconstruction (the encoder's latent)
     * @param optimisedMse lowest finite MSE reached by optimising the latent
     * @param steps Adam steps taken (fewer than the most when the frame converged)
     * @param skippedSteps steps whose loss or gradient was not finite (the latent was left unchanged)
     */
    public record FrameResult(int frame, double codecMse, double optimisedMse, int steps, int skippedSteps) {
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
            int lastProgress = 0;
            int steps = 0;
            int skipped;
            try (AdamOptimizer adam = new AdamOptimizer(Map.of("latent", z), manager)) {
                for (int step = 0; step <= options.steps(); step++) {
                    boolean last = step == options.steps()
                            || (options.patience() > 0 && step - lastProgress >= options.patience());
                    double mse;
                    if (last) {
                        mse = pass(manager, z, target, false);
                    } else {
                        try {
                            mse = adam.step(options.learningRate(), () -> pass(manager, z, target, true));
                        } catch (IllegalStateException diverged) {
                            break; // the latent stays at its last finite state; best holds the lowest MSE seen
                        }
                        steps++;
                    }
                    if (step == 0) {
                        codecMse = mse;
                    }
                    if (Double.isFinite(mse) && mse < best * (1 - CONVERGED_RELATIVE)) {
                        lastProgress = step;
                    }
                    if (Double.isFinite(mse)) {
                        best = Math.min(best, mse);
                    }
                    if (last) {
                        break;
                    }
                }
                skipped = adam.skippedSteps();
            }
            return new FrameResult(frame, codecMse, best, steps, skipped);
        }
    }

    /**
     * The MSE of {@code z}'s decoded, clamped frame against {@code target}, with its backward pass when
     * {@code backward} and the MSE is finite; the pass's intermediates end with it.
     */
    private float pass(NDManager manager, NDArray z, NDArray target, boolean backward) {
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = engine.newGradientCollector()) {
            z.tempAttach(scope); // the pass's intermediates follow z into the scope and end with it
            NDArray loss = codec.decodeScaled(z, List.of(TokenWindow.FULL)).clip(-1f, 1f).add(1f).div(2f)
                    .reshape(1, LatentContract.IMAGE_FLOATS).sub(target).square().mean();
            float mse = loss.getFloat();
            if (backward && Float.isFinite(mse)) {
                collector.backward(loss);
            }
            return mse;
        }
    }
}
