package io.neuroframe.adapter.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.culture.PatternResponse;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.train.AdapterInitialisation;
import io.neuroframe.adapter.train.AdapterModel;
import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.adapter.train.AdapterTrainer;
import io.neuroframe.adapter.train.AdapterTrainingOptions;
import io.neuroframe.adapter.train.FrozenCodec;
import io.neuroframe.adapter.train.LatentCache;
import io.neuroframe.adapter.train.LatentOracle;
import io.neuroframe.adapter.train.LatentStatistics;
import io.neuroframe.adapter.train.NetworkResponses;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.metrics.PixelMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The out-of-distribution adapter experiment: every condition trained on the training frames of several games and
 * measured per game on their validation frames, with an initialisation that trains from the first step, a learning
 * rate chosen per condition on held-out training trajectories, a stimulation encoding scaled by the codec's own
 * latent statistics, and the latent oracle on the same validation frames as the ceiling.
 *
 * <p>Order of work, each part resumable: the latent cache; {@code latent-statistics.csv} (per-channel saturation
 * from the training frames); the oracle, frame by frame ({@code latent-oracle.csv}); the learning-rate probes
 * ({@link LearningRateProbes}); the units seed by seed ({@code results.csv}, {@code curves/}, checkpoints in
 * {@code runs/}); then {@code report.md} and its figures. Games are the manifest's per-frame style.
 */
final class AdaptersOodExperiment {

    static final String ORACLE_FILE = "latent-oracle.csv";
    static final String ORACLE_HEADER = "game,frame,codec_mse,optimised_mse,relative_decrease,steps,skipped_steps";
    static final String STATISTICS_FILE = "latent-statistics.csv";
    /** Seed 0 of every condition with a frame-path form, trained, as ONNX ({@code AdapterOnnx}). */
    static final String ADAPTERS_FOLDER = "adapters";
    /** Training latents a readout's activity scale is measured on ({@link AdapterModel#normaliseActivity}). */
    static final int ACTIVITY_SAMPLE = 64;

    private final OodProtocol protocol;
    private final ExperimentSetup setup;
    private final Path out;
    private final PrintWriter log;
    /** The network responses of the culture the last unit ran on (one culture's responses take about 1 GB). */
    private NetworkResponses network;

    AdaptersOodExperiment(OodProtocol protocol, ExperimentSetup setup) {
        this.protocol = protocol;
        this.setup = setup;
        this.out = setup.out();
        this.log = setup.log();
    }

    /**
     * The units, seed by seed: the frozen codec once; then per seed the two references (token map, per-channel
     * affine), the headline local kernel with its controls, low rank, and every culture with its matched frozen
     * random reservoir and, for grown cultures ({@code networks}), its whole-pattern network response. The
     * protocol's condition list then filters them.
     */
    static List<RunUnit> plan(Protocol protocol, String headline, List<String> cultures, boolean networks) {
        List<RunUnit> units = new ArrayList<>();
        units.add(new RunUnit(AdapterCondition.IDENTITY, RunUnit.NO_LIBRARY, 0));
        for (int seed = 0; seed < protocol.seeds(); seed++) {
            units.add(new RunUnit(AdapterCondition.TOKEN_MAP, RunUnit.NO_LIBRARY, seed));
            units.add(new RunUnit(AdapterCondition.CHANNEL_AFFINE, RunUnit.NO_LIBRARY, seed));
            for (AdapterCondition c : new AdapterCondition[] {AdapterCondition.LOCAL_KERNEL,
                    AdapterCondition.FROZEN_RANDOM, AdapterCondition.SMOOTH_RANDOM, AdapterCondition.SHUFFLED_BIOLOGY,
                    AdapterCondition.FULLY_TRAINABLE}) {
                units.add(new RunUnit(c, headline, seed));
            }
            units.add(new RunUnit(AdapterCondition.LOW_RANK, RunUnit.NO_LIBRARY, seed));
            for (String culture : cultures) {
                units.add(new RunUnit(AdapterCondition.RECORDED_LIBRARY, culture, seed));
                units.add(new RunUnit(AdapterCondition.FROZEN_RANDOM, culture, seed));
                if (networks) {
                    units.add(new RunUnit(AdapterCondition.NETWORK_CULTURE, culture, seed));
                }
            }
        }
        return units;
    }

    /** The frames every part of the experiment works on. */
    record Frames(LatentCache cache, LatentCache.Part fit, LatentCache.Part heldOut, List<String> heldOutTrajectories,
            LatentCache.Part validation, Map<String, int[]> games, int[] curvePositions,
            Map<String, int[]> oraclePositions) {
    }

    void run() throws IOException {
        UnitRunner runner = new UnitRunner(setup, CurveFiles.Columns.VALIDATION_AND_TRAIN);
        Files.createDirectories(out);
        Engine engine = PyTorchRuntime.engine(setup.threads());
        Protocol base = protocol.base();
        try (FrozenCodec codec = new FrozenCodec(setup.weights(), engine, setup.threads())) {
            Frames frames = frames(setup.latentCache(codec, base));
            float[] saturation = LatentStatistics.channelPercentiles(frames.fit().latents(),
                    LatentStatistics.SATURATION_PERCENTILE);
            writeStatistics(saturation);
            StimulationEncoding encoding = StimulationEncoding.builder(base.culture().geometry())
                    .channelSaturation(saturation).build();
            Libraries libraries = setup.libraries(base, encoding);
            List<String> cultures = libraries.cultures();
            List<RunUnit> units = plan(base, libraries.headline(), cultures, libraries.grows()).stream()
                    .filter(u -> protocol.runs(u, cultures)).toList();
            log.printf(Locale.ROOT, "%s protocol: %d units; %d train frames (%d in whole trajectories held out for "
                    + "learning rates), %d validation frames in %d games %s%n", base.name(), units.size(),
                    frames.fit().size() + frames.heldOut().size(), frames.heldOut().size(), frames.validation().size(),
                    frames.games().size(), frames.games().keySet());
            log.flush();
            runOracle(runner, engine, codec, frames);
            Map<AdapterCondition, Float> rates = new LearningRateProbes(protocol, out, log, runner, engine, codec,
                    frames.cache().withParts(frames.fit(), frames.heldOut()), frames.heldOut(),
                    (condition, library, manager, description) -> model(condition, library, 0, manager, description,
                            frames, encoding, libraries)).choose(units, libraries.headline());
            Path results = out.resolve("results.csv");
            supersede(results, rates);
            List<RunUnit> todo = UnitRunner.todo(units, OodResults.read(results).stream().map(OodResults.Row::key)
                    .collect(Collectors.toSet()));
            // A condition lacks a chosen rate only when the probes ran out of time, and then no unit starts.
            runner.runAll(todo, base.training().steps(), (unit, eta) -> runUnit(runner, unit, eta, engine, codec,
                    frames, encoding, libraries, rates, results));
            new OodReport(protocol, out, codec, frames, encoding, libraries.headline(), libraries.cultures(), units)
                    .write();
            log.println("report: " + out.resolve("report.md"));
            log.flush();
        }
    }

    /**
     * Splits the cache: whole training trajectories held out for choosing learning rates ({@link
     * HeldOutTrajectories}, recorded in the output folder with the settings, {@link FolderSettings}), the rest to
     * train on; validation frames by game, with the curve's and the oracle's frames evenly spread within each game.
     */
    private Frames frames(LatentCache cache) throws IOException {
        LatentCache.Part train = cache.train();
        HeldOutTrajectories split = HeldOutTrajectories.choose(setup.manifest().frames(Split.TRAIN),
                train.frameIndices(), protocol.heldOutTrajectoriesPerGame(), setup.manifest().folder());
        new FolderSettings(protocol, split.trajectories()).recordOrCheck(out);
        LatentCache.Part validation = cache.validation();
        List<DatasetFrame> validationFrames = setup.manifest().frames(Split.VALIDATION);
        Map<String, List<Integer>> byGame = new TreeMap<>();
        for (int i = 0; i < validation.size(); i++) {
            byGame.computeIfAbsent(validationFrames.get(validation.frameIndices()[i]).style(), k -> new ArrayList<>())
                    .add(i);
        }
        Map<String, int[]> games = new LinkedHashMap<>();
        Map<String, int[]> oracle = new LinkedHashMap<>();
        List<Integer> curve = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : byGame.entrySet()) {
            int[] positions = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            games.put(entry.getKey(), positions);
            for (int p : LatentCache.spread(positions.length, protocol.curveFramesPerGame())) {
                curve.add(positions[p]);
            }
            oracle.put(entry.getKey(), IntStream.of(LatentCache.spread(positions.length,
                    protocol.oracleFramesPerGame())).map(p -> positions[p]).toArray());
        }
        return new Frames(cache, train.subset(split.fit()), train.subset(split.heldOut()), split.trajectories(),
                validation, games, curve.stream().mapToInt(Integer::intValue).toArray(), oracle);
    }

    private void writeStatistics(float[] saturation) throws IOException {
        StringBuilder text = new StringBuilder("channel,saturation_latent\n");
        for (int c = 0; c < saturation.length; c++) {
            text.append(c).append(',').append(String.format(Locale.ROOT, "%.6g", saturation[c])).append('\n');
        }
        ExperimentFiles.writeAtomically(out.resolve(STATISTICS_FILE), text.toString());
    }

    /** Optimises the oracle's frames one by one, appending each to {@value #ORACLE_FILE}. */
    private void runOracle(UnitRunner runner, Engine engine, FrozenCodec codec, Frames frames) throws IOException {
        Path file = out.resolve(ORACLE_FILE);
        Set<String> done = new HashSet<>();
        for (String[] row : oracleRows(out)) {
            done.add(row[0] + "|" + row[1]);
        }
        LatentOracle oracle = new LatentOracle(codec, engine, protocol.base().oracle());
        for (Map.Entry<String, int[]> game : frames.oraclePositions().entrySet()) {
            for (int position : game.getValue()) {
                if (done.contains(game.getKey() + "|" + position)) {
                    continue;
                }
                if (!runner.withinTimeLimit()) {
                    return;
                }
                LatentOracle.FrameResult r = oracle.run(frames.validation().subset(new int[] {position}), f -> { })
                        .get(0);
                log.printf(Locale.ROOT, "latent oracle: %s frame %d: MSE %.6f -> %.6f in %d steps (%d skipped)%n",
                        game.getKey(), position, r.codecMse(), r.optimisedMse(), r.steps(), r.skippedSteps());
                log.flush();
                ExperimentFiles.appendCsv(file, ORACLE_HEADER, List.of(String.format(Locale.ROOT,
                        "%s,%d,%.8g,%.8g,%.6f,%d,%d", game.getKey(), position, r.codecMse(), r.optimisedMse(),
                        r.relativeDecrease(), r.steps(), r.skippedSteps())));
            }
        }
    }

    /**
     * Moves the rows of units trained at a learning rate that is no longer their condition's choice out of
     * {@code results} ({@link OodResults#supersede}), so those units run again at the chosen rate.
     */
    private void supersede(Path results, Map<AdapterCondition, Float> rates) throws IOException {
        Map<String, Float> byId = new HashMap<>();
        rates.forEach((condition, rate) -> byId.put(condition.id(), rate));
        List<OodResults.Row> moved = OodResults.supersede(results, byId);
        moved.stream().filter(r -> r.game().equals(OodResults.POOLED)).forEach(r -> log.printf(Locale.ROOT,
                "%s %s seed %d: trained at lr %.0e, now %.0e; moved to %s and run again%n", r.condition(),
                r.library(), r.seed(), r.learningRate(), byId.get(r.condition()), OodResults.SUPERSEDED_FILE));
        log.flush();
    }

    private void runUnit(UnitRunner runner, RunUnit unit, EtaLine eta, Engine engine, FrozenCodec codec,
            Frames frames, StimulationEncoding encoding, Libraries libraries, Map<AdapterCondition, Float> rates,
            Path results) throws IOException {
        String biology = unit.library().equals(RunUnit.NO_LIBRARY) ? libraries.headline() : unit.library();
        AdapterTrainingOptions base = protocol.base().training();
        float rate = rates.getOrDefault(unit.condition(), base.learningRate());
        AdapterTrainingOptions options = base.withLearningRate(rate).withSeed(unit.seed());
        LatentCache curveData = frames.cache().withParts(frames.fit(),
                frames.validation().subset(frames.curvePositions()));
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = model(unit.condition(), biology, unit.seed(), manager, unit.description(), frames,
                     encoding, libraries);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, curveData, options, engine)) {
            runner.train(unit, trainer, eta, trained -> record(unit, rate, model, trainer, frames, results));
        }
    }

    /**
     * Measures the trained {@code unit} per game, pooled and on the oracle's frames, appends its rows to
     * {@code results}, exports seed 0's frame-path adapter, and returns the pooled validation.
     */
    private AdapterTrainer.Validation record(RunUnit unit, float rate, AdapterModel model, AdapterTrainer trainer,
            Frames frames, Path results) throws IOException {
        double slope = lastTenthSlope(trainer.curve(), trainer.targetSteps());
        Map<String, AdapterTrainer.Validation> byGame = new LinkedHashMap<>();
        double squaredSum = 0;
        double ssimSum = 0;
        for (Map.Entry<String, int[]> game : frames.games().entrySet()) {
            AdapterTrainer.Validation v = trainer.validate(frames.validation().subset(game.getValue()), true);
            byGame.put(game.getKey(), v);
            squaredSum += v.mse() * game.getValue().length;
            ssimSum += v.ssim() * game.getValue().length;
        }
        int total = frames.validation().size();
        byGame.put(OodResults.POOLED, new AdapterTrainer.Validation(squaredSum / total,
                PixelMetrics.psnrFromMse(squaredSum / total), ssimSum / total));
        int[] oracleFrames = frames.oraclePositions().values().stream().flatMapToInt(IntStream::of).toArray();
        byGame.put(OodResults.ORACLE_FRAMES, trainer.validate(frames.validation().subset(oracleFrames), true));
        Map<String, Double> frozen = unit.condition() == AdapterCondition.IDENTITY ? Map.of() : frozenMse(results);
        List<OodResults.Row> rows = new ArrayList<>();
        for (Map.Entry<String, AdapterTrainer.Validation> entry : byGame.entrySet()) {
            String game = entry.getKey();
            int count = switch (game) {
                case OodResults.POOLED -> total;
                case OodResults.ORACLE_FRAMES -> oracleFrames.length;
                default -> frames.games().get(game).length;
            };
            double mse = entry.getValue().mse();
            double reference = unit.condition() == AdapterCondition.IDENTITY ? mse : frozen.get(game);
            rows.add(new OodResults.Row(unit.condition().id(), unit.library(), unit.seed(), game,
                    trainer.targetSteps() == 0 ? 0 : rate, model.trainableParameters(), trainer.completedSteps(),
                    trainer.trainingSeconds(), count, mse, entry.getValue().psnr(), entry.getValue().ssim(),
                    (reference - mse) / reference, slope));
        }
        OodResults.append(results, rows);
        if (unit.seed() == 0 && unit.condition().hasFramePath() && unit.condition() != AdapterCondition.IDENTITY) {
            AdapterOnnx.write(model, out.resolve(ADAPTERS_FOLDER).resolve(unit.fileStem() + ".onnx"));
        }
        return byGame.get(OodResults.POOLED);
    }

    /**
     * The model of {@code condition} on {@code library}, started as {@link AdapterInitialisation#ZERO_READOUT}, a
     * readout of activity normalised on the training latents; a network culture's responses are simulated once per
     * culture for every cached latent and stored in the cache folder, and only the current culture's are kept.
     */
    private AdapterModel model(AdapterCondition condition, String library, long seed, NDManager manager,
            String description, Frames frames, StimulationEncoding encoding, Libraries libraries) throws IOException {
        if (condition != AdapterCondition.NETWORK_CULTURE) {
            AdapterModel model = AdapterModel.create(condition, libraries.bank(library), encoding, seed, manager,
                    description, AdapterInitialisation.ZERO_READOUT);
            if (model.usesStimulation()) {
                model.normaliseActivity(activitySample(frames));
            }
            return model;
        }
        if (network == null || !network.name().equals(library)) {
            network = null;
            long started = System.nanoTime();
            NetworkResponses responses = new NetworkResponses(new PatternResponse(libraries.network(library),
                    encoding.siteElectrodes(), Libraries.cultureSeed(library)), encoding, library);
            boolean read = responses.precompute(setup.cacheDir().resolve("network-" + library + ".safetensors"),
                    List.of(frames.fit().latents(), frames.heldOut().latents(), frames.validation().latents()));
            log.printf(Locale.ROOT, "%s: whole-pattern network responses of %d latents %s in %.0f s%n", library,
                    frames.fit().size() + frames.heldOut().size() + frames.validation().size(),
                    read ? "read" : "simulated", (System.nanoTime() - started) / 1e9);
            log.flush();
            network = responses;
        }
        NetworkResponses responses = network;
        AdapterModel model = AdapterModel.networkCulture(responses, seed, manager, description,
                AdapterInitialisation.ZERO_READOUT);
        model.normaliseActivity(activitySample(frames));
        return model;
    }

    /** The training latents a readout's activity scale is measured on: up to {@value #ACTIVITY_SAMPLE}, spread. */
    private static float[][] activitySample(Frames frames) {
        float[][] latents = frames.fit().latents();
        return IntStream.of(LatentCache.spread(latents.length, Math.min(ACTIVITY_SAMPLE, latents.length)))
                .mapToObj(i -> latents[i]).toArray(float[][]::new);
    }

    /**
     * Least-squares slope of the validation MSE over the curve points in the last tenth of training, relative to
     * the last point, per 1000 steps; NaN with fewer than two points there.
     */
    static double lastTenthSlope(List<AdapterTrainer.CurvePoint> curve, long steps) {
        List<AdapterTrainer.CurvePoint> tail = curve.stream().filter(p -> p.step() > 0 && p.step() >= 0.9 * steps)
                .toList();
        if (tail.size() < 2) {
            return Double.NaN;
        }
        double meanX = tail.stream().mapToDouble(AdapterTrainer.CurvePoint::step).average().orElseThrow();
        double meanY = tail.stream().mapToDouble(AdapterTrainer.CurvePoint::mse).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (AdapterTrainer.CurvePoint p : tail) {
            num += (p.step() - meanX) * (p.mse() - meanY);
            den += (p.step() - meanX) * (p.step() - meanX);
        }
        return num / den * 1000 / tail.get(tail.size() - 1).mse();
    }

    /** The frozen codec's MSE per game: the identity unit's rows (the first unit, so known by now). */
    private static Map<String, Double> frozenMse(Path results) throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (OodResults.Row row : OodResults.read(results)) {
            if (row.condition().equals(AdapterCondition.IDENTITY.id())) {
                out.put(row.game(), row.mse());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(results + ": the identity rows (frozen codec) are missing");
        }
        return out;
    }

    /** The fields of each row of {@value #ORACLE_FILE} in {@code out} (none before the oracle has run). */
    static List<String[]> oracleRows(Path out) throws IOException {
        return ExperimentFiles.readCsv(out.resolve(ORACLE_FILE), ORACLE_HEADER, "a latent-oracle table", f -> f);
    }
}
