package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.safetensors.SafetensorsDtype;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--kl-weight", defaultValue = "1e-5", description = "weight of the KL term (default: ${DEFAULT-VALUE})")
    float klWeight;

    @Option(names = "--seed", defaultValue = "1", description = "seed of weights, crops and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--resume", description = "continue from OUT/checkpoint.safetensors when it exists (its options win, except --steps)")
    boolean resume;

    @Option(names = "--max-minutes", description = "stop (with a checkpoint) after this many minutes; run again with --resume")
    Double maxMinutes;

    @Option(names = "--checkpoint-minutes", defaultValue = "5", description = "minutes between checkpoints (default: ${DEFAULT-VALUE})")
    double checkpointMinutes;

    @Option(names = "--threads", defaultValue = "1", description = {"PyTorch intra-op threads (default: ${DEFAULT-VALUE};",
            "with 2 threads PyTorch 2.7.1's CPU training steps were not reproducible here and sometimes gave NaN)"})
    int threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getErr();
        VitVaeConfig config = parse(() -> VitVaeConfig.preset(preset));
        int[] crop = parseCrop(cropTokens);
        TrainingOptions requested = parse(() -> new TrainingOptions(steps != null ? steps : DEFAULT_STEPS, batch,
                crop[0], crop[1], learningRate, klWeight, seed));
        Path outDir = out != null ? out : data.toAbsolutePath().getParent().resolve("vae-" + config.name());
        Files.createDirectories(outDir);
        DatasetManifest manifest = DatasetManifest.read(data);
        FrameStore train = DatasetFrames.open(manifest, Split.TRAIN, outDir.resolve("cache"), log);
        FrameStore validation = DatasetFrames.open(manifest, Split.VALIDATION, outDir.resolve("cache"), log);
        int[] validationIndices = evenlySpaced(validation.size(), VALIDATION_FRAMES);
        Engine engine = PyTorchRuntime.engine(threads);
        Path checkpoint = outDir.resolve(CHECKPOINT);

        try (VaeTrainer trainer = openTrainer(config, requested, checkpoint, engine, log)) {
            TrainingOptions options = trainer.options();
            log.printf(Locale.ROOT, "training %s on %d train frames (%d validation frames checked at each checkpoint):"
                            + " %d steps, batch %d, crops %dx%d tokens, lr %.2g, KL weight %.2g, %d threads%n",
                    config.name(), train.size(), validationIndices.length, options.steps(), options.batch(),
                    options.cropRows(), options.cropCols(), options.learningRate(), options.klWeight(),
                    ai.djl.pytorch.jni.JniUtils.getNumThreads());
            long start = System.nanoTime();
            long lastCheckpoint = start;
            long lastReport = start;
            long startStep = trainer.completedSteps();
            VaeTrainer.Validation latest = null;
            while (trainer.completedSteps() < options.steps()) {
                VaeTrainer.StepResult result = trainer.step(train);
                long now = System.nanoTime();
                boolean last = result.step() == options.steps();
                if (now - lastReport >= 10e9 || last) {
                    double rate = (result.step() - startStep) / ((now - start) / 1e9);
                    log.printf(Locale.ROOT, "step %d/%d  loss %.5f  mse %.5f (crop %.2f dB)  kl %.3f  lr %.2e  |"
                                    + "  %.2f steps/s  ETA %s%n", result.step(), options.steps(), result.loss(),
                            result.mse(), result.cropPsnr(), result.kl(), result.learningRate(), rate,
                            duration((options.steps() - result.step()) / rate));
                    lastReport = now;
                }
                boolean outOfTime = maxMinutes != null && now - start >= maxMinutes * 60e9;
                if (now - lastCheckpoint >= checkpointMinutes * 60e9 || outOfTime || last) {
                    latest = checkpoint(trainer, checkpoint, validation, validationIndices, outDir, log);
                    lastCheckpoint = System.nanoTime();
                }
                if (outOfTime && !last) {
                    log.printf(Locale.ROOT, "stopping after %.1f minutes at step %d; run again with --resume to continue%n",
                            maxMinutes, trainer.completedSteps());
                    return 0;
                }
            }
            if (latest == null) {
                latest = checkpoint(trainer, checkpoint, validation, validationIndices, outDir, log);
            }
            Path export = outDir.resolve(config.name() + ".safetensors");
            trainer.weights().save(export, SafetensorsDtype.F16);
            Path card = outDir.resolve(config.name() + ".md");
            new VaeModelCard(config, trainer.options(), data.toAbsolutePath().normalize().getFileName().toString(),
                    manifest.styles(), train.size(), validation.size(), trainer.completedSteps(),
                    trainer.trainingSeconds(), latest, validationIndices.length, export.getFileName().toString(), threads)
                    .write(card);
            log.printf(Locale.ROOT, "finished %d steps (%s of training in all); weights written to %s, model card to %s%n",
                    trainer.completedSteps(), duration(trainer.trainingSeconds()), export, card);
            return 0;
        }
    }

    private VaeTrainer openTrainer(VitVaeConfig config, TrainingOptions requested, Path checkpoint, Engine engine,
                                   PrintWriter log)
            throws IOException {
        if (resume && Files.isRegularFile(checkpoint)) {
            VaeTrainer trainer = VaeTrainer.resume(checkpoint, steps, engine);
            if (!trainer.config().equals(config)) {
                trainer.close();
                throw new ParameterException(spec.commandLine(), checkpoint + " holds preset " + trainer.config().name()
                        + ", not " + config.name());
            }
            log.printf(Locale.ROOT, "resuming from %s at step %d%n", checkpoint, trainer.completedSteps());
            return trainer;
        }
        if (!resume && Files.exists(checkpoint)) {
            throw new ParameterException(spec.commandLine(), checkpoint + " exists: pass --resume to continue that run,"
                    + " or choose another --out");
        }
        return VaeTrainer.start(config, requested, engine);
    }

    private static VaeTrainer.Validation checkpoint(VaeTrainer trainer, Path checkpoint, FrameStore validation,
                                                    int[] indices, Path outDir, PrintWriter log) throws IOException {
        trainer.saveCheckpoint(checkpoint);
        VaeTrainer.Validation result = trainer.validate(validation, indices, 4);
        log.printf(Locale.ROOT, "checkpoint at step %d (%s trained): validation PSNR %.2f dB on %d frames,"
                        + " latent std %.3f%n", trainer.completedSteps(), duration(trainer.trainingSeconds()),
                result.psnr(), indices.length, result.latentStd());
        Path csv = outDir.resolve("validation.csv");
        if (!Files.exists(csv)) {
            Files.writeString(csv, "step,training_seconds,validation_mse,validation_psnr_db,latent_std\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(csv, String.format(Locale.ROOT, "%d,%.0f,%.6f,%.3f,%.4f%n", trainer.completedSteps(),
                trainer.trainingSeconds(), result.mse(), result.psnr(), result.latentStd()), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return result;
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

    /** Runs {@code parser}, reporting a rejected argument as a command-line error. */
    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
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

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
