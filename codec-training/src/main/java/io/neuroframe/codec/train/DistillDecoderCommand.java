package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.ExecutionProvider;
import io.neuroframe.codec.onnx.OrtOptions;
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
 * {@code distill-decoder}: distils a convolutional decoder preset from a ViT-VAE teacher on a
 * dataset's train split, with progress on stderr, periodic atomic checkpoints with validation,
 * automatic resume when run again with the same {@code --out}, and a final half-precision
 * safetensors file with a model card.
 */
@Command(name = "distill-decoder", mixinStandardHelpOptions = true,
        description = {"Distils a convolutional decoder (no attention) from a ViT-VAE teacher (DJL PyTorch, CPU).",
            "The teacher encodes the train frames once and decodes its latents once (cached in the work folder); "
                + "the student learns to map the latents to a mix of the teacher's images and the original frames.",
            "Run again with the same --out to resume; a larger --steps extends the run."})
public final class DistillDecoderCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.safetensors";
    private static final int VALIDATION_FRAMES = 64;
    private static final int DEFAULT_STEPS = 8000;
    private static final double REPORT_SECONDS = 15;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "dataset folder (with manifest.jsonl)")
    Path data;

    @Option(names = "--teacher", required = true, description = "teacher ViT-VAE weights (safetensors, encoder and decoder)")
    Path teacher;

    @Option(names = "--teacher-preset", defaultValue = "nf-small", description = "the teacher's preset (default: ${DEFAULT-VALUE})")
    String teacherPreset;

    @Option(names = "--out", required = true, description = "the student's final weights (F16 safetensors); the model card goes beside it (.md)")
    Path out;

    @Option(names = "--work", description = "caches, checkpoint and validation.csv (default: DATA/../distill-<OUT name>)")
    Path work;

    @Option(names = "--preset", defaultValue = "nf-tiny", description = "student preset (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--steps", description = "optimizer steps of the whole run (default: " + DEFAULT_STEPS + ")")
    Integer steps;

    @Option(names = "--batch", defaultValue = "4", description = "whole frames per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--teacher-weight", defaultValue = "0.5", description = {"weight of the MSE to the teacher's image;",
            "the MSE to the original frame gets the rest (default: ${DEFAULT-VALUE})"})
    float teacherWeight;

    @Mixin
    TrainingRunOptions runOptions = new TrainingRunOptions(3);

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getErr();
        ConvDecoderConfig config = CommandArguments.parse(spec, () -> ConvDecoderConfig.preset(preset));
        VitVaeConfig teacherConfig = CommandArguments.parse(spec, () -> VitVaeConfig.preset(teacherPreset));
        DistillOptions requested = CommandArguments.parse(spec, () -> new DistillOptions(steps != null ? steps : DEFAULT_STEPS, batch,
                runOptions.learningRate(), teacherWeight, runOptions.seed()));
        int threads = runOptions.threads();
        String outName = out.getFileName().toString().replaceFirst("\\.safetensors$", "");
        Path workDir = work != null ? work : data.toAbsolutePath().getParent().resolve("distill-" + outName);
        Files.createDirectories(workDir);
        Path outParent = out.toAbsolutePath().getParent();
        Files.createDirectories(outParent);

        VitVaeWeights teacherWeights = VitVaeWeights.load(teacher, teacherConfig);
        long teacherFingerprint = Files.size(teacher) * 31 + Files.getLastModifiedTime(teacher).toMillis();
        DatasetManifest manifest = DatasetManifest.read(data);
        OrtOptions ort = new OrtOptions(ExecutionProvider.CPU, threads);
        Path cache = workDir.resolve("cache");
        DistillationData train = DistillationData.open(manifest, Split.TRAIN, cache, teacherWeights, teacherFingerprint, ort, log);
        DistillationData validation = DistillationData.open(manifest, Split.VALIDATION, cache, teacherWeights,
                teacherFingerprint, ort, log);
        int[] validationIndices = TrainVaeCommand.evenlySpaced(validation.size(), VALIDATION_FRAMES);
        Engine engine = runOptions.engine();
        Path checkpoint = workDir.resolve(CHECKPOINT);

        try (DecoderDistiller distiller = open(config, requested, checkpoint, engine, log)) {
            DistillOptions options = distiller.options();
            log.printf(Locale.ROOT, "distilling %s (%,d parameters, %.3f GFLOPs a frame) from %s on %d train frames:"
                            + " %d steps, batch %d, lr %.2g, teacher weight %.2f, %d thread%s; work folder %s%n",
                    config.name(), config.parameterCount(), config.flops() / 1e9, teacherConfig.name(), train.size(),
                    options.steps(), options.batch(), options.learningRate(), options.teacherWeight(), threads,
                    threads == 1 ? "" : "s", workDir);
            DistillRun run = new DistillRun(distiller, train, checkpoint, validation, validationIndices,
                    new ValidationCurve(workDir.resolve("validation.csv"), "step,training_seconds,frame_psnr_db,teacher_psnr_db"),
                    log);
            if (!runOptions.loop(REPORT_SECONDS, "with the same --out").run(run, options.steps())) {
                return 0;
            }
            DecoderDistiller.Validation latest = run.finalValidation();
            distiller.weights().save(out, SafetensorsDtype.F16);
            Path card = outParent.resolve(outName + ".md");
            new DistillModelCard(config, options, teacherConfig.name(),
                    data.toAbsolutePath().normalize().getFileName().toString(), train.size(), distiller.completedSteps(),
                    distiller.trainingSeconds(), latest, validationIndices.length, out.getFileName().toString(), threads)
                    .write(card);
            log.printf(Locale.ROOT, "finished %d steps (%s of training); weights written to %s, model card to %s%n",
                    distiller.completedSteps(), TrainingLoop.duration(distiller.trainingSeconds()), out, card);
            return 0;
        }
    }

    private DecoderDistiller open(ConvDecoderConfig config, DistillOptions requested, Path checkpoint, Engine engine,
                                  PrintWriter log) throws IOException {
        if (Files.isRegularFile(checkpoint)) {
            DecoderDistiller distiller = DecoderDistiller.resume(checkpoint, steps, engine);
            if (!distiller.config().equals(config)) {
                distiller.close();
                throw new ParameterException(spec.commandLine(), checkpoint + " holds preset " + distiller.config().name()
                        + ", not " + config.name() + "; choose another --out or --work");
            }
            log.printf(Locale.ROOT, "resuming from %s at step %d%n", checkpoint, distiller.completedSteps());
            return distiller;
        }
        return DecoderDistiller.start(config, requested, engine);
    }

    /** The run as {@link TrainingLoop} drives it: steps on the train frames, checkpoints with validation. */
    private static final class DistillRun extends ValidatedRun<DecoderDistiller.StepResult, DecoderDistiller.Validation> {
        private final DecoderDistiller distiller;
        private final DistillationData train;
        private final DistillationData validation;
        private final int[] indices;

        DistillRun(DecoderDistiller distiller, DistillationData train, Path checkpoint, DistillationData validation,
                   int[] indices, ValidationCurve curve, PrintWriter log) {
            super(distiller, checkpoint, curve, log);
            this.distiller = distiller;
            this.train = train;
            this.validation = validation;
            this.indices = indices;
        }

        @Override
        DecoderDistiller.StepResult nextStep() {
            return distiller.step(train);
        }

        @Override
        String progress(DecoderDistiller.StepResult last) {
            return String.format(Locale.ROOT, "loss %.5f  vs teacher %.2f dB  vs frames %.2f dB  lr %.2e", last.loss(),
                    last.teacherPsnr(), last.framePsnr(), last.learningRate());
        }

        @Override
        DecoderDistiller.Validation validate() {
            return distiller.validate(validation, indices, 4);
        }

        @Override
        String describe(DecoderDistiller.Validation validated) {
            return String.format(Locale.ROOT, "validation PSNR %.2f dB against the frames, %.2f dB against the teacher,"
                    + " %d frames", validated.framePsnr(), validated.teacherPsnr(), indices.length);
        }

        @Override
        String curveValues(DecoderDistiller.Validation validated) {
            return String.format(Locale.ROOT, "%.3f,%.3f", validated.framePsnr(), validated.teacherPsnr());
        }
    }
}
