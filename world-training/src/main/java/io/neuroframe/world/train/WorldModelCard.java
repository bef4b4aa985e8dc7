package io.neuroframe.world.train;

import io.neuroframe.codec.train.ModelCardWriter;
import io.neuroframe.world.model.DitTensorLayout;
import io.neuroframe.world.model.NoiseSchedule;
import io.neuroframe.world.model.WorldModelConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The Markdown model card written next to exported world-model weights. */
final class WorldModelCard {
    private WorldModelCard() {
    }

    /**
     * Writes the card of a run of {@code steps} on {@code train} to {@code file}; {@code throughput} is the last
     * chunk's speed as the trainer measured it.
     */
    static void write(Path file, WorldModelConfig config, WorldTrainer.Options options, int steps,
                      List<LatentTrajectory> train, List<LatentTrajectory> heldOut, float trainLoss, float heldOutLoss,
                      String throughput) throws IOException {
        long trainFrames = train.stream().mapToLong(LatentTrajectory::frames).sum();
        long heldOutFrames = heldOut.stream().mapToLong(LatentTrajectory::frames).sum();
        long mirrors = train.stream().filter(LeftRightMirror::isMirror).count();
        new ModelCardWriter(config.name() + " world model")
                .paragraph("An action-conditioned latent world model in the layout of Oasis's DiT-S/2 (see"
                        + " docs/world-model.md).")
                .row("objective", config.objective().name().toLowerCase(Locale.ROOT)
                        + (config.objective() == WorldModelConfig.Objective.DIFFUSION
                                ? " (v-prediction, sigmoid schedule, DDIM sampling)"
                                : " (one forward pass predicts the next latent)"))
                .row("view shift", config.viewShift() == 0 ? "none (the change is from the newest frame as it is)"
                        : String.format(Locale.ROOT, "%.2f latent cells per camera unit (the change is from the newest "
                                + "frame moved by the camera)", config.viewShift()))
                .row("shape", String.format(Locale.ROOT, "patch %d (%d tokens per frame), width %d, depth %d, %d heads,"
                                + " MLP x%d, window %d frames", config.patchSize(), config.tokensPerFrame(),
                        config.hidden(), config.depth(), config.heads(), config.mlpRatio(), config.maxFrames()))
                .row("parameters", String.format(Locale.ROOT, "%,d", DitTensorLayout.parameterCount(config)))
                .row("GFLOPs per forward pass (full window)", String.format(Locale.ROOT, "%.3f",
                        DitTensorLayout.flopsPerForward(config, config.maxFrames()) / 1e9))
                .row("latents", "18 x 32 x 16, scaled by 0.07843137255 (the Oasis contract)")
                .row("actions", "Oasis 25-value vector (io.neuroframe.api.OasisAction)")
                .row("training data", String.format(Locale.ROOT, "%d trajectories, %d frames%s", train.size(), trainFrames,
                        mirrors == 0 ? "" : String.format(Locale.ROOT, " (%d of them left-right mirrors)", mirrors)))
                .row("held out", String.format(Locale.ROOT, "%d trajectories, %d frames", heldOut.size(), heldOutFrames))
                .row("training", String.format(Locale.ROOT, "%d Adam steps, batch %d windows, lr %.2g with %d warm-up"
                                + " steps, seed %d%s%s%s%s", steps, options.batchSize(), options.learningRate(),
                        options.warmupSteps(), options.seed(), options.contextNoise() == 0 ? ""
                                : String.format(Locale.ROOT, ", context noise up to sigma %.3g", options.contextNoise()),
                        options.decoderLoss() == 0 ? "" : String.format(Locale.ROOT, ", image loss through the frozen"
                                + " decoder with weight %.3g", options.decoderLoss()),
                        options.rolloutSteps() == 1 ? "" : String.format(Locale.ROOT, ", each window rolled out %d"
                                + " steps on the model's own predictions", options.rolloutSteps()),
                        options.maxNoiseLevel() == NoiseSchedule.LEVELS - 1 ? "" : String.format(Locale.ROOT,
                                ", frames to denoise at noise levels up to %d only (a refiner)", options.maxNoiseLevel())))
                .row("weights", options.averageDecay() == 0 ? "the last step's"
                        : "an exponential moving average of every step's, decay " + options.averageDecay())
                .row("initial weights", options.initialWeights() == null
                        ? "fresh, from seed " + options.seed() : options.initialWeights() + " (a fine-tune)")
                .row("training throughput (last chunk)", throughput)
                .row("fixed-batch loss (train)", String.format(Locale.ROOT, "%.5f", trainLoss))
                .row("fixed-batch loss (held out)", Float.isNaN(heldOutLoss) ? "n/a"
                        : String.format(Locale.ROOT, "%.5f", heldOutLoss))
                .paragraph("Weights are stored in half precision under the open-oasis tensor names; the preset is"
                        + " recorded in the file's metadata. Evaluate with `./neuroframe eval-world`.")
                .write(file);
    }
}
