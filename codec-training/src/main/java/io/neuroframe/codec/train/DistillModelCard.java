package io.neuroframe.codec.train;

import io.neuroframe.codec.model.ConvDecoderConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The model card written next to distilled decoder weights: architecture, teacher, data, run
 * length and whole-frame validation quality at the end of the run.
 *
 * @param config the student's architecture
 * @param options the run's options
 * @param teacherName preset of the teacher
 * @param datasetName name of the dataset folder
 * @param trainFrames frames in the train split
 * @param steps steps completed
 * @param trainingSeconds wall time spent in training steps (all chunks)
 * @param validation quality on the checked validation frames
 * @param checkedFrames validation frames checked
 * @param weightsFile file name of the exported weights
 * @param threads PyTorch intra-op threads of the run
 */
record DistillModelCard(ConvDecoderConfig config, DistillOptions options, String teacherName, String datasetName,
                        int trainFrames, long steps, double trainingSeconds, DecoderDistiller.Validation validation,
                        int checkedFrames, String weightsFile, int threads) {

    /** Writes the card to {@code file}. */
    void write(Path file) throws IOException {
        StringBuilder stages = new StringBuilder();
        for (ConvDecoderConfig.Stage s : config.stages()) {
            stages.append(String.format(Locale.ROOT, ", x%d pixel shuffle to %d channels + %d residual 3x3 conv%s",
                    s.factor(), s.channels(), s.blocks(), s.blocks() == 1 ? "" : "s"));
        }
        new ModelCardWriter(config.name() + " convolutional decoder weights")
                .paragraph(String.format(Locale.ROOT, "`%s`: half-precision safetensors (the architecture is in the"
                        + " metadata), a decoder without attention for the latent contract 18x32x16 (scaled by"
                        + " 0.07843137255) -> 360x640 RGB, distilled from the `%s` decoder.", weightsFile, teacherName))
                .row("architecture", String.format(Locale.ROOT, "3x3 conv to %d channels + %d residual 3x3 conv%s at"
                                + " 18x32%s, 1x1 conv + x%d pixel shuffle to RGB; SiLU", config.stemChannels(),
                        config.stemBlocks(), config.stemBlocks() == 1 ? "" : "s", stages, config.outputFactor()))
                .row("parameters", String.format(Locale.ROOT, "%,d", config.parameterCount()))
                .row("FLOPs per frame", String.format(Locale.ROOT, "%.3f G", config.flops() / 1e9))
                .row("teacher", String.format(Locale.ROOT, "`%s`: its encoder gives the latents (posterior means) of"
                        + " the train frames, its decoder the target images", teacherName))
                .row("loss", String.format(Locale.ROOT, "%.2f x MSE to the teacher's image + %.2f x MSE to the original"
                        + " frame (model space [-1, 1])", options.teacherWeight(), 1 - options.teacherWeight()))
                .row("data", String.format(Locale.ROOT, "`%s`: %d train frames, whole frames", datasetName, trainFrames))
                .row("training", String.format(Locale.ROOT, "%,d of %,d steps, %d frames per step, Adam lr %.2g (warm-up"
                                + " %d steps, cosine to 10%%), seed %d", steps, options.steps(), options.batch(),
                        options.learningRate(), options.warmupSteps(), options.seed()))
                .row("wall time", ModelCardWriter.wallTime(trainingSeconds, threads))
                .row("validation", String.format(Locale.ROOT, "%.2f dB PSNR against the frames, %.2f dB against the"
                                + " teacher's decodes, on %d whole validation frames", validation.framePsnr(),
                        validation.teacherPsnr(), checkedFrames))
                .row("trained", LocalDate.now(ZoneOffset.UTC).toString())
                .paragraph("Per-style MSE, PSNR, SSIM and MS-SSIM on the whole validation split, encoding with the"
                        + " teacher: `./neuroframe eval-vae --data DATA --weights TEACHER --decoder " + weightsFile + "`.")
                .write(file);
    }
}
