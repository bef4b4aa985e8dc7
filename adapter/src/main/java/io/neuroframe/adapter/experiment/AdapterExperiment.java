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
import io.neuroframe.codec.djl.PyTorchRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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

    private final Protocol protocol;
    private final ExperimentSetup setup;
    private final Path out;
    private final PrintWriter log;

    /** The experiment {@code protocol} describes, on {@code setup}'s codec and data. */
    public AdapterExperiment(Protocol protocol, ExperimentSetup setup) {
        this.protocol = protocol;
        this.setup = setup;
        this.out = setup.out();
        this.log = setup.log();
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
        UnitRunner runner = new UnitRunner(setup, CurveFiles.Columns.VALIDATION);
        Files.createDirectories(out);
        Engine engine = PyTorchRuntime.engine(setup.threads());
        Path results = out.resolve("results.csv");
        try (FrozenCodec codec = new FrozenCodec(setup.weights(), engine, setup.threads())) {
            LatentCache data = setup.latentCache(codec, protocol);
            StimulationEncoding encoding = StimulationEncoding.builder(protocol.culture().geometry()).build();
            Libraries libraries = setup.libraries(protocol, encoding);
            List<RunUnit> units = plan(protocol, libraries.headline(), libraries.cultures());
            List<RunUnit> todo = UnitRunner.todo(units, ResultsTable.read(results).stream().map(ResultsTable.Row::key)
                    .collect(Collectors.toSet()));
            log.printf(Locale.ROOT, "%s protocol: %d units, %d done, %d to run (codec %s, %d train and %d validation "
                    + "frames)%n", protocol.name(), units.size(), units.size() - todo.size(), todo.size(),
                    setup.weights().config().name(), data.train().size(), data.validation().size());
            log.flush();
            if (runner.withinTimeLimit() && !Files.exists(out.resolve(OracleTable.FILE))) {
                runOracle(engine, codec, data);
            }
            runner.runAll(todo, protocol.training().steps(), (unit, eta) -> runUnit(runner, unit, eta, engine, codec,
                    data, encoding, libraries, results));
            new ExperimentReport(protocol, out, codec, data, encoding, libraries, units).write();
            log.println("report: " + out.resolve("report.md"));
            log.flush();
        }
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

    private void runUnit(UnitRunner runner, RunUnit unit, EtaLine eta, Engine engine, FrozenCodec codec,
            LatentCache data, StimulationEncoding encoding, Libraries libraries, Path results) throws IOException {
        String biology = unit.library().equals(RunUnit.NO_LIBRARY) ? libraries.headline() : unit.library();
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = AdapterModel.create(unit.condition(), libraries.bank(biology), encoding, unit.seed(),
                     manager, unit.description());
             AdapterTrainer trainer = new AdapterTrainer(codec, model, data, protocol.training().withSeed(unit.seed()),
                     engine)) {
            runner.train(unit, trainer, eta, validation -> {
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
                return validation;
            });
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
