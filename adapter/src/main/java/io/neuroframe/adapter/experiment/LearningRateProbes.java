package io.neuroframe.adapter.experiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.train.AdapterModel;
import io.neuroframe.adapter.train.AdapterTrainer;
import io.neuroframe.adapter.train.AdapterTrainingOptions;
import io.neuroframe.adapter.train.FrozenCodec;
import io.neuroframe.adapter.train.LatentCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses each condition's learning rate on the held-out training trajectories ({@link HeldOutTrajectories}; never
 * on validation frames), in two stages, each probe training seed 0 on the first library the condition runs on:
 * <ol>
 *   <li>the <em>short probe</em> trains every candidate rate for the protocol's probe steps
 *       ({@value #SHORT_FILE});</li>
 *   <li>the <em>confirmation</em> trains the short probe's best rate and the next lower candidate for the whole
 *       run's steps ({@value #CONFIRMATION_FILE}), and the lower held-out MSE of the two is the condition's rate.</li>
 * </ol>
 * The second stage exists because a short run favours high rates: a rate that wins after 200 steps can keep a large
 * adapter's weights moving for the rest of a 1,500-step run, so its validation curve rises mid-run and is not flat at
 * the end (the fully trainable reservoir at 1e-3 did). A diverged probe counts as infinite. Every probe is appended
 * to its file as it finishes, so a stopped experiment resumes without repeating one.
 */
final class LearningRateProbes {

    static final String SHORT_FILE = "learning-rates.csv";
    static final String SHORT_HEADER = "condition,library,learning_rate,held_out_mse";
    static final String CONFIRMATION_FILE = "learning-rate-confirmations.csv";
    static final String CONFIRMATION_HEADER = "condition,library,learning_rate,steps,held_out_mse";

    /** Makes the seed-0 model a probe of {@code condition} on {@code library} trains. */
    @FunctionalInterface
    interface Models {
        AdapterModel create(AdapterCondition condition, String library, NDManager manager, String description)
                throws IOException;
    }

    private final OodProtocol protocol;
    private final Path out;
    private final PrintWriter log;
    private final UnitRunner runner;
    private final Engine engine;
    private final FrozenCodec codec;
    private final LatentCache probeData;
    private final LatentCache.Part heldOut;
    private final Models models;

    /**
     * @param probeData the cache whose training part the probes train on and whose validation part is
     *        {@code heldOut}, the frames of the held-out training trajectories they are measured on
     */
    LearningRateProbes(OodProtocol protocol, Path out, PrintWriter log, UnitRunner runner, Engine engine,
            FrozenCodec codec, LatentCache probeData, LatentCache.Part heldOut, Models models) {
        this.protocol = protocol;
        this.out = out;
        this.log = log;
        this.runner = runner;
        this.engine = engine;
        this.codec = codec;
        this.probeData = probeData;
        this.heldOut = heldOut;
        this.models = models;
    }

    /**
     * The learning rate of every condition of {@code units} (in their order) whose probes are finished; probing stops
     * at the runner's time limit, and the conditions after it get no rate (their units must not start).
     *
     * @param headline the library a condition without one is probed on
     */
    Map<AdapterCondition, Float> choose(List<RunUnit> units, String headline) throws IOException {
        Map<String, Double> shortProbes = probed(shortRows(out), 2, 3);
        Map<String, Double> confirmations = probed(confirmationRows(out), 2, 4);
        recordFrozenCodec(headline);
        Map<AdapterCondition, Float> chosen = new LinkedHashMap<>();
        for (AdapterCondition condition : units.stream().map(RunUnit::condition)
                .filter(c -> c != AdapterCondition.IDENTITY).distinct().toList()) {
            RunUnit first = units.stream().filter(u -> u.condition() == condition).findFirst().orElseThrow();
            String library = first.library().equals(RunUnit.NO_LIBRARY) ? headline : first.library();
            Optional<Float> shortBest = bestShort(condition, first.library(), library, shortProbes);
            if (shortBest.isEmpty()) {
                break;
            }
            Optional<Float> rate = confirm(condition, first.library(), library, shortBest.get(), confirmations);
            if (rate.isEmpty()) {
                break;
            }
            chosen.put(condition, rate.get());
        }
        return chosen;
    }

    /** The frozen codec's held-out MSE, recorded once as condition {@code identity} at rate 0 for reference. */
    private void recordFrozenCodec(String headline) throws IOException {
        boolean recorded = shortRows(out).stream().anyMatch(r -> r[0].equals(AdapterCondition.IDENTITY.id()));
        if (recorded) {
            return;
        }
        AdapterTrainingOptions training = protocol.base().training();
        try (NDManager manager = engine.newBaseManager();
             AdapterModel identity = models.create(AdapterCondition.IDENTITY, headline, manager, "identity");
             AdapterTrainer trainer = new AdapterTrainer(codec, identity, probeData, training, engine)) {
            ExperimentFiles.appendCsv(out.resolve(SHORT_FILE), SHORT_HEADER, List.of(String.format(Locale.ROOT,
                    "%s,%s,%s,%.8g", AdapterCondition.IDENTITY.id(), RunUnit.NO_LIBRARY, 0f,
                    trainer.validate(heldOut, false).mse())));
        }
    }

    /** The candidate with the lowest held-out MSE after the short probe; empty when the time limit stopped it. */
    private Optional<Float> bestShort(AdapterCondition condition, String recordedLibrary, String library,
            Map<String, Double> probed) throws IOException {
        float best = Float.NaN;
        double bestMse = Double.POSITIVE_INFINITY;
        for (float rate : protocol.learningRates()) {
            Double mse = probed.get(key(condition, rate));
            if (mse == null) {
                if (!runner.withinTimeLimit()) {
                    return Optional.empty();
                }
                mse = probe(condition, library, rate, protocol.probeSteps(), "probe");
                ExperimentFiles.appendCsv(out.resolve(SHORT_FILE), SHORT_HEADER, List.of(String.format(Locale.ROOT,
                        "%s,%s,%s,%.8g", condition.id(), recordedLibrary, rate, mse)));
            }
            if (mse < bestMse) {
                bestMse = mse;
                best = rate;
            }
        }
        return Optional.of(Float.isNaN(best) ? protocol.learningRates()[0] : best);
    }

    /**
     * The lower held-out MSE of {@code shortBest} and the next lower candidate, each trained for the whole run;
     * {@code shortBest} itself when no candidate is lower; empty when the time limit stopped it.
     */
    private Optional<Float> confirm(AdapterCondition condition, String recordedLibrary, String library,
            float shortBest, Map<String, Double> confirmed) throws IOException {
        Optional<Float> lower = nextLower(protocol.learningRates(), shortBest);
        if (lower.isEmpty()) {
            return Optional.of(shortBest);
        }
        int steps = protocol.base().training().steps();
        float best = shortBest;
        double bestMse = Double.POSITIVE_INFINITY;
        for (float rate : new float[] {shortBest, lower.get()}) {
            Double mse = confirmed.get(key(condition, rate));
            if (mse == null) {
                if (!runner.withinTimeLimit()) {
                    return Optional.empty();
                }
                mse = probe(condition, library, rate, steps, "confirmation");
                ExperimentFiles.appendCsv(out.resolve(CONFIRMATION_FILE), CONFIRMATION_HEADER, List.of(
                        String.format(Locale.ROOT, "%s,%s,%s,%d,%.8g", condition.id(), recordedLibrary, rate, steps,
                                mse)));
            }
            if (mse < bestMse) {
                bestMse = mse;
                best = rate;
            }
        }
        return Optional.of(best);
    }

    /** The largest candidate below {@code rate}, if any. */
    static Optional<Float> nextLower(float[] candidates, float rate) {
        Optional<Float> lower = Optional.empty();
        for (float c : candidates) {
            if (c < rate && (lower.isEmpty() || c > lower.get())) {
                lower = Optional.of(c);
            }
        }
        return lower;
    }

    /** Trains seed 0 of {@code condition} at {@code rate} for {@code steps} and returns its held-out MSE. */
    private double probe(AdapterCondition condition, String library, float rate, int steps, String stage)
            throws IOException {
        AdapterTrainingOptions options = protocol.base().training().withSteps(steps, 0).withLearningRate(rate)
                .withSeed(0);
        double mse;
        try (NDManager manager = engine.newBaseManager();
             AdapterModel model = models.create(condition, library, manager, condition.id() + " " + stage);
             AdapterTrainer trainer = new AdapterTrainer(codec, model, probeData, options, engine)) {
            try {
                mse = trainer.train(null, 0, (step, total, loss, seconds) -> { }).mse();
            } catch (IllegalStateException e) {
                log.println("learning-rate " + stage + " " + condition.id() + " lr " + rate + ": " + e.getMessage());
                mse = Double.POSITIVE_INFINITY;
            }
        }
        if (!Double.isFinite(mse)) {
            mse = Double.POSITIVE_INFINITY;
        }
        log.printf(Locale.ROOT, "learning-rate %s %s lr %s (%d steps): held-out MSE %.7f%n", stage, condition.id(),
                rate, steps, mse);
        log.flush();
        return mse;
    }

    private static String key(AdapterCondition condition, float rate) {
        return condition.id() + "|" + rate;
    }

    /** Held-out MSE by condition and rate from rows whose rate is field {@code rateField}, MSE {@code mseField}. */
    private static Map<String, Double> probed(List<String[]> rows, int rateField, int mseField) {
        Map<String, Double> probed = new HashMap<>();
        for (String[] row : rows) {
            probed.put(row[0] + "|" + Float.parseFloat(row[rateField]), Double.parseDouble(row[mseField]));
        }
        return probed;
    }

    /** The fields of each row of {@value #SHORT_FILE} in {@code out} (none before the first probe). */
    static List<String[]> shortRows(Path out) throws IOException {
        return ExperimentFiles.readCsv(out.resolve(SHORT_FILE), SHORT_HEADER, "a learning-rate table", f -> f);
    }

    /** The fields of each row of {@value #CONFIRMATION_FILE} in {@code out} (none before the first one). */
    static List<String[]> confirmationRows(Path out) throws IOException {
        return ExperimentFiles.readCsv(out.resolve(CONFIRMATION_FILE), CONFIRMATION_HEADER,
                "a learning-rate confirmation table", f -> f);
    }
}
