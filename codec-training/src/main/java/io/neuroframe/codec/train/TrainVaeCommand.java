package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.safetensors.SafetensorsDtype;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code train-vae}: trains a ViT-VAE preset on a dataset's train split with DJL, with progress
 * on stderr, periodic atomic checkpoints, validation PSNR at each checkpoint, resume, a time
 * limit for running in chunks, and a final half-precision safetensors export.
 */
@Command(name = "train-vae", mixinStandardHelpOptions = true,
        description = {"Trains a ViT-VAE on a dataset's train split (DJL PyTorch, CPU).",
            "Loss: MSE on pixels in [-1, 1] plus a small-weight KL, on random crops of whole 20x20 patches that "
                + "keep their full-frame rotary positions.",
            "Writes OUT/checkpoint.safetensors every few minutes, OUT/validation.csv, and OUT/<preset>.safetensors "
                + "(F16) when the run finishes."})
public final class TrainVaeCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.safetensors";
    private static final int VALIDATION_FRAMES = 64;
    private static final int DEFAULT_STEPS = 20000;
    private static final double REPORT_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "dataset folder (with manifest.jsonl)")
    Path data;

    @Option(names = "--preset", defaultValue = "nf-small", description = "model preset (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--out", description = "output folder (default: DATA/../vae-PRESET)")
    Path out;

    @Option(names = "--steps", description = "optimizer steps of the whole run (default: " + DEFAULT_STEPS + ")")
    Integer steps;

    @Option(names = "--batch", defaultValue = "8", description = "crops per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--crop-tokens", defaultValue = "9x16", description = {"crop size in tokens, ROWSxCOLS (default: ${DEFAULT-VALUE}, a quarter frame:",
                "large enough that attention sees a frame-like context)"})
    String cropTokens;

    @Option(names = "--kl-weight", defaultValue = "1e-5", description = "weight of the KL term (default: ${DEFAULT-VALUE})")
    float klWeight;

    @Mixin
    TrainingRunOptions runOptions = new TrainingRunOptions(5);

    @Mixin
    ResumeOption resume;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getErr();
        VitVaeConfig config = CommandArguments.parse(spec, () -> VitVaeConfig.preset(preset));
        int[] crop = parseCrop(cropTokens);
        TrainingOptions requested = CommandArguments.parse(spec, () -> new TrainingOptions(steps != null ? steps : DEFAULT_STEPS, batch,
                crop[0], crop[1], runOptions.learningRate(), klWeight, runOptions.seed()));
        int threads = runOptions.threads();
        Path outDir = out != null ? out : data.toAbsolutePath().getParent().resolve("vae-" + config.name());
        Files.createDirectories(outDir);
        DatasetManifest manifest = DatasetManifest.read(data);
        FrameStore train = DatasetFrames.open(manifest, Split.TRAIN, outDir.resolve("cache"), log);
        FrameStore validation = DatasetFrames.open(manifest, Split.VALIDATION, outDir.resolve("cache"), log);
        int[] validationIndices = evenlySpaced(validation.size(), VALIDATION_FRAMES);
        Engine engine = runOptions.engine();
        Path checkpoint = outDir.resolve(CHECKPOINT);

        try (VaeTrainer trainer = openTrainer(config, requested, checkpoint, engine, log)) {
            TrainingOptions options = trainer.options();
            log.printf(Locale.ROOT, "training %s on %d train frames (%d validation frames checked at each checkpoint):"
                            + " %d steps, batch %d, crops %dx%d tokens, lr %.2g, KL weight %.2g, %d threads%n",
                    config.name(), train.size(), validationIndices.length, options.steps(), options.batch(),
                    options.cropRows(), options.cropCols(), options.learningRate(), options.klWeight(),
                    ai.djl.pytorch.jni.JniUtils.getNumThreads());
            VaeRun run = new VaeRun(trainer, train, checkpoint, validation, validationIndices,
                    new ValidationCurve(outDir.resolve("validation.csv"),
                            "step,training_seconds,validation_mse,validation_psnr_db,latent_std"), log);
            if (!runOptions.loop(REPORT_SECONDS, "with --resume").run(run, options.steps())) {
                return 0;
            }
            VaeTrainer.Validation latest = run.finalValidation();
            Path export = outDir.resolve(config.name() + ".safetensors");
            trainer.weights().save(export, SafetensorsDtype.F16);
            Path card = outDir.resolve(config.name() + ".md");
            new VaeModelCard(config, trainer.options(), data.toAbsolutePath().normalize().getFileName().toString(),
                    manifest.styles(), train.size(), validation.size(), trainer.completedSteps(),
                    trainer.trainingSeconds(), latest, validationIndices.length, export.getFileName().toString(), threads)
                    .write(card);
            log.printf(Locale.ROOT, "finished %d steps (%s of training in all); weights written to %s, model card to %s%n",
                    trainer.completedSteps(), TrainingLoop.duration(trainer.trainingSeconds()), export, card);
            return 0;
        }
    }

    private VaeTrainer openTrainer(VitVaeConfig config, TrainingOptions requested, Path checkpoint, Engine engine,
                                   PrintWriter log)
            throws IOException {
        if (!resume.continuesFrom(checkpoint)) {
            return VaeTrainer.start(config, requested, engine);
        }
        VaeTrainer trainer = VaeTrainer.resume(checkpoint, steps, engine);
        if (!trainer.config().equals(config)) {
            trainer.close();
            throw new ParameterException(spec.commandLine(), checkpoint + " holds preset " + trainer.config().name()
                    + ", not " + config.name());
        }
        log.printf(Locale.ROOT, "resuming from %s at step %d%n", checkpoint, trainer.completedSteps());
        return trainer;
    }

    /** The run as {@link TrainingLoop} drives it: steps on crops of the train frames, checkpoints with validation. */
    private static final class VaeRun extends ValidatedRun<VaeTrainer.StepResult, VaeTrainer.Validation> {
        private final VaeTrainer trainer;
        private final FrameStore train;
        private final FrameStore validation;
        private final int[] indices;

        VaeRun(VaeTrainer trainer, FrameStore train, Path checkpoint, FrameStore validation, int[] indices,
              ValidationCurve curve, PrintWriter log) {
            super(trainer, checkpoint, curve, log);
            this.trainer = trainer;
            this.train = train;
            this.validation = validation;
            this.indices = indices;
        }

        @Override
        VaeTrainer.StepResult nextStep() {
            return trainer.step(train);
        }

        @Override
        String progress(VaeTrainer.StepResult last) {
            return String.format(Locale.ROOT, "loss %.5f  mse %.5f (crop %.2f dB)  kl %.3f  lr %.2e", last.loss(),
                    last.mse(), last.cropPsnr(), last.kl(), last.learningRate());
        }

        @Override
        VaeTrainer.Validation validate() {
            return trainer.validate(validation, indices, 4);
        }

        @Override
        String describe(VaeTrainer.Validation validated) {
            return String.format(Locale.ROOT, "validation PSNR %.2f dB on %d frames, latent std %.3f", validated.psnr(),
                    indices.length, validated.latentStd());
        }

        @Override
        String curveValues(VaeTrainer.Validation validated) {
            return String.format(Locale.ROOT, "%.6f,%.3f,%.4f", validated.mse(), validated.psnr(), validated.latentStd());
        }
    }

    private int[] parseCrop(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--crop-tokens must look like ROWSxCOLS (e.g. 6x8), got '"
                + text + "'");
    }

    /** {@code count} indices spread evenly over {@code size} (all of them when there are fewer). */
    static int[] evenlySpaced(int size, int count) {
        int n = Math.min(size, count);
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = (int) ((long) i * size / n);
        }
        return indices;
    }
}
