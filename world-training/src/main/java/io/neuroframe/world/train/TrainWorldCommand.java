package io.neuroframe.world.train;

import io.neuroframe.world.model.NoiseSchedule;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.train.CommandArguments;
import io.neuroframe.codec.train.GemmCeiling;
import io.neuroframe.codec.train.ResumeOption;
import io.neuroframe.codec.train.TrainingLoop;
import io.neuroframe.codec.train.TrainingRunOptions;
import io.neuroframe.codec.weights.Tensor;

import com.google.gson.Gson;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train-world}: trains a world-model preset with DJL on the latents of a dataset's train
 * trajectories, with progress and ETA on stderr, periodic atomic checkpoints, exact resume, a
 * time limit for running in chunks, and a final safetensors export with a model card.
 */
@Command(name = "train-world", mixinStandardHelpOptions = true,
        description = {"Trains the action-conditioned latent world model (DJL PyTorch, CPU).",
            "Reads the latents of the dataset's trajectories (encoded once into --latents), trains on the train "
                + "split and reports the loss on held-out trajectories at each checkpoint.",
            "Writes OUT/checkpoint.safetensors every few minutes and OUT/<preset>.safetensors plus OUT/<preset>.md "
                + "(model card) when the run finishes."})
public final class TrainWorldCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String OPTIONS_METADATA_KEY = "neuroframe.world.training";
    static final String TOTAL_STEPS_METADATA_KEY = "neuroframe.world.steps";
    private static final Gson GSON = new Gson();
    private static final int LOSS_BATCHES = 8;
    private static final int DEFAULT_STEPS = 20000;
    private static final double REPORT_SECONDS = 10;
    private static final Duration CEILING_MEASUREMENT = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Mixin
    LatentInputOptions input;

    @Option(names = "--preset", defaultValue = "nf-world-small", description = "world-model preset (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--view-shift", defaultValue = "0", description = "direct presets: latent cells the scene moves "
            + "per unit of camera action; the model then predicts the change from the newest frame moved by the camera "
            + "(a game's value is its view's pixels per degree, which eval-world measures on real turns: about 5.5 for "
            + "the demo; default: ${DEFAULT-VALUE}, no shift)")
    float viewShift;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--steps", description = "optimizer steps of the whole run (default: " + DEFAULT_STEPS + ")")
    Integer steps;

    @Option(names = "--batch", defaultValue = "8", description = "windows per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--warmup", defaultValue = "200", description = "learning-rate warm-up steps (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--mirror-training",
            description = "also train on the left-right mirror of every train trajectory (frames flipped, yaw and strafe "
                + "keys swapped), encoded into --latents with the rest (needs --data and --codec when --latents is made)")
    boolean mirrorTraining;

    @Option(names = "--context-noise", defaultValue = "0", paramLabel = "SIGMA",
            description = "direct objective: corrupt each window's context with Gaussian noise of a deviation drawn up to"
                    + " SIGMA, told to the model as its noise level, so it learns to correct a drifting context"
                    + " (default: ${DEFAULT-VALUE}, none)")
    float contextNoise;

    @Option(names = "--decoder-loss", defaultValue = "0", paramLabel = "WEIGHT",
            description = "direct objective: add this weight times the image loss through the frozen decoder of --codec"
                    + " (each window's predicted next frame against the true one, decoded on a random 6 x 8 token crop;"
                    + " with --rollout-steps, at every step), so predictions land on latents that decode like the real"
                    + " ones (default: ${DEFAULT-VALUE}, none)")
    float decoderLoss;

    @Option(names = "--rollout-steps", defaultValue = "1", paramLabel = "R",
            description = "direct objective: roll each training window out R steps on the model's own predictions"
                    + " (their gradient stopped) and ask every step for the real next frames, so the model learns to"
                    + " correct its own drift; a step costs R passes (default: ${DEFAULT-VALUE}, none)")
    int rolloutSteps;

    @Option(names = "--max-noise-level", paramLabel = "LEVEL",
            description = "diffusion objective: train the frames to denoise at noise levels up to LEVEL only (of 0 to"
                    + " 999), a refiner for the direct model's predictions (eval-world --refine-with) (default: all)")
    int maxNoiseLevel;

    @Option(names = "--average-decay", defaultValue = "0", paramLabel = "D",
            description = "keep an exponential moving average of the weights with decay D and write it as the weights"
                    + " when the run finishes (e.g. 0.998, about the last 500 steps; the checkpoint keeps both)"
                    + " (default: ${DEFAULT-VALUE}, the last step's weights)")
    float averageDecay;

    @Option(names = "--init", paramLabel = "WEIGHTS",
            description = "start from these world-model weights (e.g. to fine-tune a committed model) instead of a"
                    + " fresh initialisation")
    Path init;

    @Mixin
    TrainingRunOptions runOptions = new TrainingRunOptions(5);

    @Mixin
    ResumeOption resume;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getErr();
        WorldModelConfig config = CommandArguments.parse(spec, () -> WorldModelConfig.preset(preset).withViewShift(viewShift));
        Files.createDirectories(out);
        Engine engine = runOptions.engine();
        List<LatentCache.Entry> entries;
        try {
            entries = input.load(engine, mirrorTraining, log);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<LatentTrajectory> train = LatentCache.of(entries, Split.TRAIN);
        List<LatentTrajectory> heldOut = LatentCache.of(entries, Split.VALIDATION).stream()
                .filter(t -> t.frames() >= config.maxFrames()).toList();
        Path checkpoint = out.resolve(CHECKPOINT);
        int[] total = new int[1];
        try (WorldTrainer trainer = openTrainer(config, train, checkpoint, engine, log, total)) {
            long trainFrames = train.stream().mapToLong(LatentTrajectory::frames).sum();
            log.printf(Locale.ROOT, "training %s on %d train trajectories (%d frames), %d held out: %d steps, batch %d,"
                            + " lr %.2g, %d threads%n", config.describe(), train.size(), trainFrames, heldOut.size(), total[0],
                    trainer.options().batchSize(), trainer.options().learningRate(), JniUtils.getNumThreads());
            double ceiling = GemmCeiling.gflops(engine, CEILING_MEASUREMENT);
            double flopsPerStep = trainer.flopsPerStep();
            log.printf(Locale.ROOT, "this machine's ceiling: %.1f GFLOP/s (PyTorch %d x %d GEMM on %s); a step"
                    + " counts %.2f GFLOP (forward and backward)%n", ceiling, GemmCeiling.SIZE, GemmCeiling.SIZE,
                    threads(), flopsPerStep / 1e9);
            WorldRun run = new WorldRun(trainer, checkpoint, total[0], heldOut, log, flopsPerStep);
            TrainingLoop loop = runOptions.loop(REPORT_SECONDS, "with --resume").ceiling(ceiling);
            if (!loop.run(run, total[0])) {
                return 0;
            }
            Path weights = out.resolve(config.name() + ".safetensors");
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put(OPTIONS_METADATA_KEY, GSON.toJson(trainer.options()));
            metadata.put(TOTAL_STEPS_METADATA_KEY, Integer.toString(trainer.steps()));
            trainer.adoptAverage();
            trainer.model().save(weights, metadata, SafetensorsDtype.F16);
            float heldOutLoss = heldOut.isEmpty() ? Float.NaN : trainer.fixedBatchLoss(heldOut, LOSS_BATCHES);
            double gflops = loop.gflops();
            String throughput = Double.isNaN(gflops) ? "n/a (no step in the last chunk)"
                    : String.format(Locale.ROOT, "%.2f steps/s, %.2f GFLOP/s: %.0f%% of the machine's %.1f GFLOP/s"
                            + " (PyTorch GEMM on %s)", loop.stepsPerSecond(), gflops, 100 * gflops / ceiling, ceiling,
                            threads());
            WorldModelCard.write(out.resolve(config.name() + ".md"), config, trainer.options(), trainer.steps(), train,
                    heldOut, trainer.fixedBatchLoss(LOSS_BATCHES), heldOutLoss, throughput);
            log.printf(Locale.ROOT, "finished %d steps (last loss %.5f); weights written to %s with a model card%n",
                    trainer.steps(), run.lastLoss, weights.getFileName());
            return 0;
        }
    }

    private WorldTrainer openTrainer(WorldModelConfig config, List<LatentTrajectory> train, Path checkpoint, Engine engine,
                                     PrintWriter log, int[] total) throws IOException {
        if (resume.continuesFrom(checkpoint)) {
            Map<String, Tensor> tensors;
            Map<String, String> metadata;
            try (SafetensorsFile file = SafetensorsFile.open(checkpoint)) {
                tensors = file.readAll();
                metadata = file.metadata();
            }
            WorldModelConfig recorded = GSON.fromJson(metadata.get(WorldModelWeights.CONFIG_METADATA_KEY), WorldModelConfig.class);
            if (!config.equals(recorded)) {
                throw new ParameterException(spec.commandLine(), checkpoint + " holds " + (recorded == null ? "no preset"
                        : recorded.describe()) + ", not " + config.describe());
            }
            WorldTrainer.Options options = GSON.fromJson(metadata.get(OPTIONS_METADATA_KEY), WorldTrainer.Options.class);
            total[0] = steps != null ? steps : Integer.parseInt(metadata.get(TOTAL_STEPS_METADATA_KEY));
            WorldTrainer trainer;
            try {
                trainer = WorldTrainer.resume(config, options, train, codecFor(options), tensors,
                        checkpoint.toString(), engine);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            log.printf(Locale.ROOT, "resuming from %s at step %d%n", checkpoint.getFileName(), trainer.steps());
            return trainer;
        }
        total[0] = steps != null ? steps : DEFAULT_STEPS;
        WorldTrainer.Options options = CommandArguments.parse(spec, () -> new WorldTrainer.Options(batch,
                runOptions.learningRate(), warmup, runOptions.seed(), contextNoise,
                init == null ? null : init.toString(), decoderLoss, rolloutSteps, maxNoiseLevel, averageDecay));
        VitVaeWeights codec = codecFor(options);
        try {
            return WorldTrainer.start(config, options, train, codec, engine);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), (init == null ? "" : "--init " + init + ": ")
                    + e.getMessage(), e);
        }
    }

    /** The codec of the image loss when the options ask for it ({@code --codec}), else null. */
    private VitVaeWeights codecFor(WorldTrainer.Options options) throws IOException {
        if (options.decoderLoss() == 0) {
            return null;
        }
        if (input.codec == null) {
            throw new ParameterException(spec.commandLine(), "--decoder-loss decodes with the codec the latents "
                    + "were encoded with: pass --codec");
        }
        return input.codecWeights();
    }

    private static String threads() {
        int n = JniUtils.getNumThreads();
        return n == 1 ? "1 thread" : n + " threads";
    }

    /**
     * The highest noise level the frames to denoise of the diffusion model in {@code weights} were trained at (all
     * levels, 999, where its training options are not recorded, as in an Oasis checkpoint).
     */
    static int recordedMaxNoiseLevel(Path weights) throws IOException {
        String json;
        try (SafetensorsFile file = SafetensorsFile.open(weights)) {
            json = file.metadata().get(OPTIONS_METADATA_KEY);
        }
        return json == null ? NoiseSchedule.LEVELS - 1 : GSON.fromJson(json, WorldTrainer.Options.class).maxNoiseLevel();
    }

    private static void saveCheckpoint(WorldTrainer trainer, Path checkpoint, int totalSteps) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(WorldModelWeights.CONFIG_METADATA_KEY, GSON.toJson(trainer.config()));
        metadata.put(OPTIONS_METADATA_KEY, GSON.toJson(trainer.options()));
        metadata.put(TOTAL_STEPS_METADATA_KEY, Integer.toString(totalSteps));
        SafetensorsWriter.write(checkpoint, trainer.checkpoint(), metadata, SafetensorsDtype.F32);
    }

    /** The run as {@link TrainingLoop} drives it: steps on windows of the train trajectories, checkpoints with losses. */
    private static final class WorldRun implements TrainingLoop.Run {
        private final WorldTrainer trainer;
        private final Path checkpoint;
        private final int totalSteps;
        private final List<LatentTrajectory> heldOut;
        private final PrintWriter log;
        private final double flopsPerStep;
        private float lastLoss = Float.NaN;

        WorldRun(WorldTrainer trainer, Path checkpoint, int totalSteps, List<LatentTrajectory> heldOut, PrintWriter log,
                 double flopsPerStep) {
            this.trainer = trainer;
            this.checkpoint = checkpoint;
            this.totalSteps = totalSteps;
            this.heldOut = heldOut;
            this.log = log;
            this.flopsPerStep = flopsPerStep;
        }

        @Override
        public double flopsPerStep() {
            return flopsPerStep;
        }

        @Override
        public long completedSteps() {
            return trainer.steps();
        }

        @Override
        public void step() {
            lastLoss = trainer.trainStep();
        }

        @Override
        public String progress() {
            return String.format(Locale.ROOT, "loss %.5f", lastLoss);
        }

        @Override
        public String progressNote() {
            return trainer.skippedSteps() == 0 ? "" : "  (" + trainer.skippedSteps() + " non-finite steps skipped)";
        }

        @Override
        public void checkpoint() throws IOException {
            saveCheckpoint(trainer, checkpoint, totalSteps);
            log.printf(Locale.ROOT, "checkpoint at step %d: fixed-batch loss train %.5f%s%n", trainer.steps(),
                    trainer.fixedBatchLoss(LOSS_BATCHES), heldOut.isEmpty() ? ""
                            : String.format(Locale.ROOT, ", held out %.5f", trainer.fixedBatchLoss(heldOut, LOSS_BATCHES)));
        }
    }
}
