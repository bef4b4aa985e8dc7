package io.neuroframe.world.train;

import io.neuroframe.world.model.DitTensorLayout;
import io.neuroframe.world.model.WorldModelConfig;
import java.util.List;
import java.util.Locale;

/** The Markdown model card written next to exported world-model weights. */
final class ModelCard {
    private ModelCard() {
    }

    static String write(WorldModelConfig config, WorldTrainer.Options options, int steps, List<LatentTrajectory> train,
                        List<LatentTrajectory> heldOut, float trainLoss, float heldOutLoss) {
        long trainFrames = train.stream().mapToLong(LatentTrajectory::frames).sum();
        long heldOutFrames = heldOut.stream().mapToLong(LatentTrajectory::frames).sum();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(config.name()).append(" world model\n\n");
        md.append("An action-conditioned latent world model in the layout of Oasis's DiT-S/2 (see docs/world-model.md).\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "objective", config.objective().name().toLowerCase(Locale.ROOT)
                + (config.objective() == WorldModelConfig.Objective.DIFFUSION ? " (v-prediction, sigmoid schedule, DDIM sampling)"
                        : " (one forward pass predicts the next latent)"));
        row(md, "shape", String.format(Locale.ROOT, "patch %d (%d tokens per frame), width %d, depth %d, %d heads, MLP x%d, window %d frames",
                config.patchSize(), config.tokensPerFrame(), config.hidden(), config.depth(), config.heads(), config.mlpRatio(),
                config.maxFrames()));
        row(md, "parameters", String.format(Locale.ROOT, "%,d", DitTensorLayout.parameterCount(config)));
        row(md, "GFLOPs per forward pass (full window)",
                String.format(Locale.ROOT, "%.3f", DitTensorLayout.flopsPerForward(config, config.maxFrames()) / 1e9));
        row(md, "latents", "18 x 32 x 16, scaled by 0.07843137255 (the Oasis contract)");
        row(md, "actions", "Oasis 25-value vector (io.neuroframe.api.OasisAction)");
        row(md, "training data", String.format(Locale.ROOT, "%d trajectories, %d frames", train.size(), trainFrames));
        row(md, "held out", String.format(Locale.ROOT, "%d trajectories, %d frames", heldOut.size(), heldOutFrames));
        row(md, "training", String.format(Locale.ROOT, "%d Adam steps, batch %d windows, lr %.2g with %d warm-up steps, seed %d",
                steps, options.batchSize(), options.learningRate(), options.warmupSteps(), options.seed()));
        row(md, "fixed-batch loss (train)", String.format(Locale.ROOT, "%.5f", trainLoss));
        row(md, "fixed-batch loss (held out)", Float.isNaN(heldOutLoss) ? "n/a" : String.format(Locale.ROOT, "%.5f", heldOutLoss));
        md.append("\nWeights are stored in half precision under the open-oasis tensor names; the preset is recorded in the"
                + " file's metadata. Evaluate with `./neuroframe eval-world`.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }
}
