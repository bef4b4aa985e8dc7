package io.neuroframe.adapter.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.train.AdapterModel;
import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.adapter.train.AdapterSafetensors;
import io.neuroframe.adapter.train.AdapterTrainer;
import io.neuroframe.adapter.train.FrozenCodec;
import io.neuroframe.adapter.train.LatentCache;
import io.neuroframe.adapter.train.LatentOracle;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs an adapter experiment: every condition over the protocol's seeds, on the headline local kernel (the
 * controls matched to it), on every culture (each with its own norm-matched frozen random reservoir), and over the
 * sigma x A sweep; then writes the report.
 *
 * <p>Output folder: {@code results.csv} (one row per finished unit, appended atomically), {@code curves/} (each
 * unit's validation loss curve), {@code runs/} (checkpoints of unfinished units, removed when a unit finishes),
 * {@code cache/} (frames and latents), {@code cultures/} (grown culture libraries), {@code adapters/} (the
 * headline local-kernel adapter of seed 0 as safetensors and ONNX), figures and {@code report.md}. Running again
 * skips finished units and resumes an unfinished one from its checkpoint.
 */
public final class AdapterExperiment {

    /** Seconds between checkpoints of a unit. */
    static final double CHECKPOINT_SECONDS = 300;

    private final Protocol protocol;
    private final VitVaeWeights weights;
    private final DatasetManifest manifest;
    private final Path out;
    private final Path givenCultures;
    private final int threads;
    private final Duration timeLimit;
    private final PrintWriter log;

    /**
     * @param givenCultures folder of culture library files to use instead of growing the protocol's cultures, or null
     * @param threads PyTorch intra-op threads for training and validation
     * @param timeLimit no unit starts after this much time; the report is then written from the finished units
     */
    public AdapterExperiment(Protocol protocol, VitVaeWeights weights, DatasetManifest manifest, Path out,
            Path givenCultures, int threads, Duration timeLimit, PrintWriter log) {
        this.protocol = protocol;
        this.weights = weights;
        this.manifest = manifest;
        this.out = out;
        this.givenCultures = givenCultures;
        this.threads = threads;
        this.timeLimit = timeLimit;
        this.log = log;
    }

    /**
     * The units of the protocol, seed by seed, so that an interrupted run has every condition at its first seeds:
     * the frozen codec once, then for each seed the headline conditions, every culture with its own frozen random
     * reservoir, and the sweep's other cells.
     */
    static List<RunUnit> plan(Protocol protocol, String headline, List<String> cultures) {
        List<RunUnit> units = new ArrayList<>();
        units.add(new RunUnit(AdapterCondition.IDENTITY, RunUnit.NO_LIBRARY, 0));
        for (int seed = 0; seed < protocol.seeds(); seed++) {
            for (AdapterCondition c : new AdapterCondition[] {AdapterCondition.LOCAL_KERNEL,
                    AdapterCondition.FROZEN_RANDOM, AdapterCondition.SMOOTH_RANDOM, AdapterCondition.FULLY_TRAINABLE,
                    AdapterCondition.SHUFFLED_BIOLOGY}) {
                units.add(new RunUnit(c, headline, seed));
            }
            units.add(new RunUnit(AdapterCondition.LOW_RANK, RunUnit.NO_LIBRARY, seed));
            for (String culture : cultures) {
                units.add(new RunUnit(AdapterCondition.RECORDED_LIBRARY, culture, seed));
                units.add(new RunUnit(AdapterCondition.FROZEN_RANDOM, culture, seed));
            }
            for (double sigma : protocol.sweepSigmas()) {
                for (float amplitude : protocol.sweepAmplitudes()) {
                    String kernel = Libraries.kernelName(sigma, amplitude);
                    if (!kernel.equals(headline)) {
                        units.add(new RunUnit(AdapterCondition.LOCAL_KERNEL, kernel, seed));
                    }
                }
            }
        }
        return units;
    }

    /** Runs the unfinished units (as many as the time limit allows) and writes the report. */
    public void run() throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        Engine engine = PyTorchRuntime.engine(threads);
        Path results = out.resolve("results.csv");
        try (FrozenCodec codec = new FrozenCodec(weights, engine)) {
            LatentCache data = LatentCache.open(manifest, codec, protocol.trainFrames(), protocol.validationFrames(),
                    out.resolve("cache"), log);
            StimulationEncoding encoding = StimulationEncoding.builder(protocol.culture().geometry()).build();
            Libraries libraries = new Libraries(protocol, encoding, givenCultures, out.resolve("cultures"), log);
            List<RunUnit> units = plan(protocol, libraries.headline(), libraries.cultures());
            Set<String> done = new HashSet<>();
            for (ResultsTable.Row row : ResultsTable.read(results)) {
                done.add(row.key());
            }
            List<RunUnit> todo = units.stream().filter(u -> !done.contains(u.key())).toList();
            log.printf(Locale.ROOT, "%s protocol: %d units, %d done, %d to run (codec %s, %d train and %d validation "
                    + "frames)%n", protocol.name(), units.size(), units.size() - todo.size(), todo.size(),
                    weights.config().name(), data.train().size(), data.validation().size());
            log.flush();
            if (withinTimeLimit(start) && !Files.exists(out.resolve(OracleTable.FILE))) {
                runOracle(engine, codec, data);
            }
            EtaLine eta = new EtaLine(log, todo, protocol.training().steps());
            for (RunUnit unit : todo) {
                if (!withinTimeLimit(start)) {
                    log.println("time limit reached: writing the report of the finished units; rerun to resume");
                    break;
                }
                runUnit(unit, engine, codec, data, encoding, libraries, results, eta);
            }
            new ExperimentReport(protocol, out, codec, data, encoding, libraries, units).write();
            log.println("report: " + out.resolve("report.md"));
            log.flush();
        }
    }

    private boolean withinTimeLimit(long start) {
        return Duration.ofNanos(System.nanoTime() - start).compareTo(timeLimit) < 0;
    }

    /** The per-frame latent optimisation that bounds every adapter's gain, once per report folder. */
    private void runOracle(Engine engine, FrozenCodec codec, LatentCache data) throws IOException {
        log.printf(Locale.ROOT, "latent oracle: optimising each of the %d validation latents (%d Adam steps, lr %s)%n",
                data.validation().size(), protocol.oracle().steps(), protocol.oracle().learningRate());
        log.flush();
        long started = System.nanoTime();
        List<LatentOracle.FrameResult> results = new LatentOracle(codec, engine, protocol.oracle()).run(
                data.validation(), frame -> {
                    log.printf(Locale.ROOT, "latent oracle: frame %d: MSE %.6f -> %.6f (%.0f s elapsed)%n",
                            frame.frame(), frame.codecMse(), frame.optimisedMse(), (System.nanoTime() - started) / 1e9);
                    log.flush();
                });
        OracleTable.write(out.resolve(OracleTable.FILE), results);
    }

    private void runUnit(RunUnit unit, Engine engine, FrozenCodec codec, LatentCache data, StimulationEncoding encoding,
            Libraries libraries, Path results, EtaLine eta) throws IOException {
        String biology = unit.library().equals(RunUnit.NO_LIBRARY) ? libraries.headline() : unit.library();
        Path checkpoint = out.resolve("runs").resolve(unit.fileStem() + ".safetensors");
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = AdapterModel.create(unit.condition(), libraries.bank(biology), encoding, unit.seed(),
                     manager, unit.description());
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data, protocol.training().withSeed(unit.seed()),
                     engine)) {
            if (Files.exists(checkpoint)) {
                trainer.restore(checkpoint);
                log.println("resuming " + unit.description() + " at step " + trainer.completedSteps());
            }
            eta.startUnit(unit, trainer.completedSteps(), trainer.targetSteps());
            AdapterTrainer.Validation validation = trainer.train(checkpoint, CHECKPOINT_SECONDS, eta::step);
            if (trainer.skippedSteps() > 0) {
                log.println(unit.description() + ": " + trainer.skippedSteps()
                        + " step(s) skipped for a non-finite loss or gradient");
            }
            StringBuilder curve = new StringBuilder("step,validation_mse\n");
            for (AdapterTrainer.CurvePoint p : trainer.curve()) {
                curve.append(p.step()).append(',').append(String.format(Locale.ROOT, "%.8g", p.mse())).append('\n');
            }
            ResultsTable.writeAtomically(out.resolve("curves").resolve(unit.fileStem() + ".csv"), curve.toString());
            if (unit.condition() == AdapterCondition.LOCAL_KERNEL && unit.library().equals(libraries.headline())
                    && unit.seed() == 0) {
                Files.createDirectories(out.resolve("adapters"));
                AdapterSafetensors.write(model, out.resolve("adapters").resolve(ExperimentReport.ADAPTER_FILE));
                AdapterOnnx.write(model, out.resolve("adapters").resolve("local-kernel.onnx"));
            }
            double frozen = frozenMse(results, validation.mse(), unit);
            long codecParameters = codec.parameterCount();
            ResultsTable.append(results, new ResultsTable.Row(unit.condition().id(), unit.library(), unit.seed(),
                    model.trainableParameters(), codecParameters, codecParameters + model.trainableParameters(),
                    model.frozenReservoirValues(), trainer.completedSteps(), trainer.trainingSeconds(),
                    validation.mse(), validation.psnr(), validation.ssim(), (frozen - validation.mse()) / frozen));
            Files.deleteIfExists(checkpoint);
            eta.finishUnit(validation);
        }
    }

    /** The frozen codec's validation MSE: the identity unit's (the first unit, so always known by now). */
    private static double frozenMse(Path results, double ownMse, RunUnit unit) throws IOException {
        if (unit.condition() == AdapterCondition.IDENTITY) {
            return ownMse;
        }
        for (ResultsTable.Row row : ResultsTable.read(results)) {
            if (row.condition().equals(AdapterCondition.IDENTITY.id())) {
                return row.mse();
            }
        }
        throw new IllegalStateException(results + ": the identity row (frozen codec) is missing");
    }
}
