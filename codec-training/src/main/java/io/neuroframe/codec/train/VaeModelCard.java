package io.neuroframe.codec.train;

import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The model card written next to exported weights: what was trained, on what, for how long, and
 * how well it reconstructs whole validation frames at the end of the run.
 *
 * @param config the preset
 * @param options the run's training options
 * @param datasetName name of the dataset folder
 * @param styles the dataset's styles
 * @param trainFrames frames in the train split
 * @param validationFrames frames in the validation split
 * @param steps steps completed
 * @param trainingSeconds wall time spent in training steps (all chunks)
 * @param validation whole-frame reconstruction quality on the checked validation frames
 * @param checkedFrames validation frames checked
 * @param weightsFile file name of the exported weights
 * @param threads PyTorch intra-op threads of the run
 */
record VaeModelCard(VitVaeConfig config, TrainingOptions options, String datasetName, List<String> styles,
                    int trainFrames, int validationFrames, long steps, double trainingSeconds,
                    VaeTrainer.Validation validation, int checkedFrames, String weightsFile, int threads) {

    /** Writes the card to {@code file}. */
    void write(Path file) throws IOException {
        VitVaeLayout layout = VitVaeLayout.of(config);
        new ModelCardWriter(config.name() + " ViT-VAE weights")
                .paragraph(String.format(Locale.ROOT, "`%s`: half-precision safetensors, Oasis tensor names, latent"
                        + " contract 360x640 RGB <-> 18x32x16 (scaled by 0.07843137255).", weightsFile))
                .row("architecture", String.format(Locale.ROOT, "encoder %d x %d-wide blocks (%d heads), decoder %d x"
                                + " %d-wide blocks (%d heads), MLP ratio %d, patch %d", config.encDepth(), config.encDim(),
                        config.encHeads(), config.decDepth(), config.decDim(), config.decHeads(), config.mlpRatio(),
                        config.patchSize()))
                .row("parameters", String.format(Locale.ROOT, "%,d (encoder %,d, decoder %,d)",
                        layout.parameterCount(VitVaeLayout.Part.ALL), layout.parameterCount(VitVaeLayout.Part.ENCODER),
                        layout.parameterCount(VitVaeLayout.Part.DECODER)))
                .row("FLOPs per frame", String.format(Locale.ROOT, "encode %.3f G, decode %.3f G",
                        layout.encodeFlops() / 1e9, layout.decodeFlops() / 1e9))
                .row("data", String.format(Locale.ROOT, "`%s`: %d train frames, %d validation frames (split by"
                        + " trajectory); styles %s", datasetName, trainFrames, validationFrames, String.join(", ", styles)))
                .row("training", String.format(Locale.ROOT, "%,d of %,d steps, %d crops of %dx%d tokens per step, Adam lr"
                                + " %.2g (warm-up %d steps, cosine to 10%%), KL weight %.2g, seed %d", steps, options.steps(),
                        options.batch(), options.cropRows(), options.cropCols(), options.learningRate(),
                        options.warmupSteps(), options.klWeight(), options.seed()))
                .row("wall time", ModelCardWriter.wallTime(trainingSeconds, threads))
                .row("validation", String.format(Locale.ROOT, "%.2f dB PSNR (MSE %.6f) on %d whole validation frames;"
                                + " latent mean std %.3f", validation.psnr(), validation.mse(), checkedFrames,
                        validation.latentStd()))
                .row("trained", LocalDate.now(ZoneOffset.UTC).toString())
                .paragraph("Per-style MSE, PSNR, SSIM and MS-SSIM on the whole validation split: `./neuroframe eval-vae"
                        + " --data DATA --weights " + weightsFile + "` (see docs/training.md).")
                .write(file);
    }
}
