package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.train.FrozenCodec;
import io.neuroframe.adapter.train.LatentStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the out-of-distribution experiment's {@code report.md} and figures from its CSV files: the settings, the
 * delivered currents, the chosen learning rates, the latent oracle, the checks (a difference counts only beyond twice
 * the seed noise, {@link Claims#measurablyLower}), the pooled and per-game results with the fraction of the oracle's
 * decrease each condition reaches, and the training and validation loss curves.
 */
final class OodReport {

    private final OodProtocol protocol;
    private final Path out;
    private final FrozenCodec codec;
    private final AdaptersOodExperiment.Frames frames;
    private final StimulationEncoding encoding;
    private final String headline;
    private final List<String> cultures;
    private final List<RunUnit> units;

    OodReport(OodProtocol protocol, Path out, FrozenCodec codec, AdaptersOodExperiment.Frames frames,
            StimulationEncoding encoding, String headline, List<String> cultures, List<RunUnit> units) {
        this.protocol = protocol;
        this.out = out;
        this.codec = codec;
        this.frames = frames;
        this.encoding = encoding;
        this.headline = headline;
        this.cultures = cultures;
        this.units = units;
    }

    void write() throws IOException {
        List<OodResults.Row> rows = OodResults.read(out.resolve("results.csv"));
        Protocol base = protocol.base();
        StringBuilder md = new StringBuilder();
        long done = units.stream().filter(u -> rows.stream().anyMatch(r -> r.key().equals(u.key()))).count();
        md.append("# Adapter experiment, out of distribution: ").append(base.name()).append(" protocol\n\n");
        md.append(String.format(Locale.ROOT, "Written %s. %d of %d units finished.%n%n",
                LocalDate.now(ZoneOffset.UTC), done, units.size()));
        settings(md);
        currents(md);
        learningRates(md);
        Optional<double[]> oracle = oracle(md);
        checks(md, rows);
        results(md, rows, oracle);
        perGame(md, rows);
        curves(md);
        ExperimentFiles.writeAtomically(out.resolve("report.md"), md.toString());
    }

    private void settings(StringBuilder md) {
        Protocol base = protocol.base();
        md.append(ReportSettings.codec(codec));
        md.append(String.format(Locale.ROOT, "- Data: %d training frames (%d of them, in the whole trajectories %s, "
                + "held out to choose learning rates, never trained on), %d validation frames in %d games (%s), whole "
                + "frames for validation.%n", frames.fit().size() + frames.heldOut().size(), frames.heldOut().size(),
                String.join(", ", frames.heldOutTrajectories()), frames.validation().size(), frames.games().size(),
                gameCounts()));
        md.append(String.format(Locale.ROOT, "- Training: %d seed(s); %d Adam steps, batch %d crops of %dx%d tokens; "
                + "loss = MSE on [0, 1] pixels after the frozen decoder; initialisation: readout 0 and gate 1 (trains "
                + "from the first step); learning-rate schedule `%s`%s; peak learning rate per condition from %s, "
                + "each probed for %d steps under the same schedule (seed 0) and judged on the held-out training "
                + "trajectories; a readout of reservoir or network activity trains on the activity divided by its mean L1 "
                + "norm over the electrodes (measured on %d training latents; the exported adapter folds it back); "
                + "validation curve every %d steps on %d frame(s) per game.%n",
                base.seeds(), base.training().steps(), base.training().batch(), base.training().cropRows(),
                base.training().cropCols(), base.training().schedule().id(),
                " (" + base.training().schedule().description() + ")", java.util.Arrays.toString(protocol.learningRates()), protocol.probeSteps(),
                AdaptersOodExperiment.ACTIVITY_SAMPLE, base.training().validateEvery(), protocol.curveFramesPerGame()));
        if (!protocol.conditions().isEmpty()) {
            md.append("- Conditions: only ").append(protocol.conditions().stream().map(AdapterCondition::id).toList())
                    .append(" besides the frozen codec (a development run, not the full set).\n");
        }
        md.append(ReportSettings.array(encoding, headline));
        md.append(ReportSettings.ranOn()).append(System.lineSeparator());
    }

    private String gameCounts() {
        List<String> parts = new ArrayList<>();
        frames.games().forEach((game, positions) -> parts.add(game + " " + positions.length));
        return String.join(", ", parts);
    }

    private void currents(StringBuilder md) throws IOException {
        StimulationEncoding fixed = StimulationEncoding.builder(encoding.geometry()).build();
        Map<String, CurrentHistogram> histograms = new LinkedHashMap<>();
        histograms.put("per-channel saturation (this experiment)", CurrentHistogram.of(encoding,
                frames.fit().latents()));
        histograms.put("fixed saturation " + fixed.saturationLatent() + " (first design)",
                CurrentHistogram.of(fixed, frames.fit().latents()));
        ReportFigures.currentHistogram(histograms, out.resolve("currents.png"));
        md.append("## Stimulation currents\n\n");
        md.append(String.format(Locale.ROOT, "Each channel's latent maps to current as "
                + "`I = %s uA * min(1, |z| / s_c)`, with `s_c` the %sth percentile of |z| of channel c over the "
                + "training frames (`latent-statistics.csv`; stored in the exported adapter's metadata as "
                + "`channel_saturation_latent`). Currents actually delivered on the training latents, against the "
                + "first design's fixed saturation:%n%n",
                encoding.maxCurrentUa(), LatentStatistics.SATURATION_PERCENTILE));
        md.append("| current (uA) |");
        histograms.keySet().forEach(k -> md.append(' ').append(k).append(" |"));
        md.append("\n|---|");
        histograms.keySet().forEach(k -> md.append("---:|"));
        md.append('\n');
        CurrentHistogram first = histograms.values().iterator().next();
        for (int i = 0; i < first.bins(); i++) {
            md.append(String.format(Locale.ROOT, "| %.2f-%.2f |", first.binStartUa(i),
                    first.binStartUa(i) + CurrentHistogram.BIN_UA));
            for (CurrentHistogram h : histograms.values()) {
                md.append(String.format(Locale.ROOT, " %.2f%% |", 100 * h.share(i)));
            }
            md.append('\n');
        }
        md.append("| **above 1 uA** |");
        for (CurrentHistogram h : histograms.values()) {
            md.append(String.format(Locale.ROOT, " **%.1f%%** |", 100 * h.shareAboveOneUa()));
        }
        md.append(String.format(Locale.ROOT, "%n%n![currents.png](currents.png)%n%n"));
    }

    /**
     * The largest fitted change of a validation curve over the last tenth of training, relative to its last value,
     * for the curve to count as flat: above the scatter of a settled curve's last points (the per-channel affine map's
     * 33 values moved its curve by up to 0.3% there), below the 0.6 to 1.8% of the curves that were still falling at
     * the end in the first chunks (the fully trainable reservoir at lr 1e-3, low rank).
     */
    static final double FLAT_CHANGE = 0.005;

    private void learningRates(StringBuilder md) throws IOException {
        List<String[]> rows = LearningRateProbes.shortRows(out);
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Map<Float, Double>> confirmed = new LinkedHashMap<>();
        for (String[] r : LearningRateProbes.confirmationRows(out)) {
            confirmed.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).put(Float.parseFloat(r[2]),
                    Double.parseDouble(r[4]));
        }
        md.append(String.format(Locale.ROOT, "## Learning rates (chosen on held-out training trajectories)%n%n"
                + "Two stages, both training seed 0 on the training frames and measuring the %d frames of the "
                + "held-out training trajectories: a short probe of %d steps at every rate, then a confirmation of its best rate and the next "
                + "lower one over the whole run (%d steps), since a rate that wins a short run can keep a large "
                + "adapter moving for the rest of a long one. The lower confirmed MSE is the rate "
                + "(`LearningRateProbes`; files `learning-rates.csv`, `learning-rate-confirmations.csv`).%n%n"
                + "| condition | library |", frames.heldOut().size(), protocol.probeSteps(),
                protocol.base().training().steps()));
        for (float rate : protocol.learningRates()) {
            md.append(" lr ").append(rate).append(" |");
        }
        md.append(" short best | whole run | chosen |\n|---|---|");
        for (int i = 0; i < protocol.learningRates().length + 3; i++) {
            md.append("---:|");
        }
        md.append('\n');
        Map<String, Map<Float, Double>> byCondition = new LinkedHashMap<>();
        Map<String, String> libraries = new LinkedHashMap<>();
        String frozen = "-";
        for (String[] r : rows) {
            if (r[0].equals(AdapterCondition.IDENTITY.id())) {
                frozen = String.format(Locale.ROOT, "%.7f", Double.parseDouble(r[3]));
                continue;
            }
            byCondition.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).put(Float.parseFloat(r[2]),
                    Double.parseDouble(r[3]));
            libraries.put(r[0], r[1]);
        }
        for (Map.Entry<String, Map<Float, Double>> e : byCondition.entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(libraries.get(e.getKey())).append(" |");
            for (float rate : protocol.learningRates()) {
                Double mse = e.getValue().get(rate);
                md.append(mse == null ? " - |" : String.format(Locale.ROOT, " %.7f |", mse));
            }
            Optional<Float> shortBest = lowest(e.getValue());
            Map<Float, Double> whole = confirmed.getOrDefault(e.getKey(), Map.of());
            StringBuilder wholeRun = new StringBuilder();
            whole.forEach((rate, mse) -> wholeRun.append(wholeRun.isEmpty() ? "" : "; ")
                    .append(String.format(Locale.ROOT, "%s: %.7f", rate, mse)));
            boolean noLower = shortBest.isPresent()
                    && LearningRateProbes.nextLower(protocol.learningRates(), shortBest.get()).isEmpty();
            Optional<Float> chosen = noLower ? shortBest : whole.size() == 2 ? lowest(whole) : Optional.empty();
            md.append(' ').append(shortBest.map(String::valueOf).orElse("-")).append(" | ")
                    .append(wholeRun.isEmpty() ? "-" : wholeRun).append(" | ")
                    .append(chosen.map(r -> "**" + r + "**").orElse("-")).append(" |\n");
        }
        md.append("\n(Held-out MSE; `Infinity` marks a probe that diverged. The frozen codec's held-out MSE is ")
                .append(frozen).append(".)\n\n");
    }

    /** The rate with the lowest MSE, if any. */
    private static Optional<Float> lowest(Map<Float, Double> mseByRate) {
        return mseByRate.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The oracle's table; returns the mean codec and optimised MSE over its frames when complete. */
    private Optional<double[]> oracle(StringBuilder md) throws IOException {
        List<String[]> rows = AdaptersOodExperiment.oracleRows(out);
        int expected = frames.oraclePositions().values().stream().mapToInt(a -> a.length).sum();
        md.append("## The ceiling: the latent oracle\n\n");
        if (rows.isEmpty()) {
            md.append("Not run yet.\n\n");
            return Optional.empty();
        }
        md.append(String.format(Locale.ROOT, "Each oracle frame's latent optimised directly through the frozen decoder "
                + "(Adam, lr %s, at most %d steps, stopped when the lowest MSE has not fallen by 0.01%% for %d steps; "
                + "non-finite steps skipped). %d of %d frames done (`latent-oracle.csv`).%n%n",
                protocol.base().oracle().learningRate(), protocol.base().oracle().steps(),
                protocol.base().oracle().patience(), rows.size(), expected));
        md.append("| game | frames | codec MSE | optimised MSE | relative decrease | mean steps |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        Map<String, List<String[]>> byGame = new LinkedHashMap<>();
        for (String[] r : rows) {
            byGame.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        byGame.put(OodResults.ORACLE_FRAMES + " (all)", rows);
        double[] pooled = null;
        for (Map.Entry<String, List<String[]>> e : byGame.entrySet()) {
            double codecMse = e.getValue().stream().mapToDouble(r -> Double.parseDouble(r[2])).average().orElseThrow();
            double optimised = e.getValue().stream().mapToDouble(r -> Double.parseDouble(r[3])).average()
                    .orElseThrow();
            double steps = e.getValue().stream().mapToDouble(r -> Double.parseDouble(r[5])).average().orElseThrow();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.7f | %.7f | %.2f%% | %.0f |%n", e.getKey(),
                    e.getValue().size(), codecMse, optimised, 100 * (codecMse - optimised) / codecMse, steps));
            pooled = new double[] {codecMse, optimised};
        }
        md.append('\n');
        return rows.size() == expected ? Optional.ofNullable(pooled) : Optional.empty();
    }

    private void checks(StringBuilder md, List<OodResults.Row> rows) {
        ResultGroups pooled = OodResults.groups(rows, OodResults.POOLED);
        md.append("## Checks (pooled validation frames)\n\n"
                + "A difference counts only beyond twice the standard error of the difference of the two means over "
                + "seeds (`Claims.measurablyLower`); a condition with one seed has no noise estimate, so its verdict "
                + "only says lower or not.\n\n| check | verdict | evidence |\n|---|---|---|\n");
        Optional<ResultGroups.Group> frozen = pooled.get(AdapterCondition.IDENTITY.id(), RunUnit.NO_LIBRARY);
        check(md, "the plain token map lowers the validation loss",
                pooled.get(AdapterCondition.TOKEN_MAP.id(), RunUnit.NO_LIBRARY), frozen);
        check(md, "the local kernel lowers the validation loss",
                pooled.get(AdapterCondition.LOCAL_KERNEL.id(), headline), frozen);
        decreaseCheck(md, "27%: the local kernel's mean relative decrease is at least 27%",
                pooled.get(AdapterCondition.LOCAL_KERNEL.id(), headline), Claims.CLAIMED_DECREASE);
        check(md, "the local kernel beats its matched frozen reservoir",
                pooled.get(AdapterCondition.LOCAL_KERNEL.id(), headline),
                pooled.get(AdapterCondition.FROZEN_RANDOM.id(), headline));
        for (String culture : cultures) {
            check(md, culture + " beats its matched frozen reservoir",
                    pooled.get(AdapterCondition.RECORDED_LIBRARY.id(), culture),
                    pooled.get(AdapterCondition.FROZEN_RANDOM.id(), culture));
        }
        flatnessCheck(md, rows);
        md.append('\n');
    }

    /**
     * Held when every trained unit's validation curve is flat at the end: its fitted change over the last tenth of
     * training within {@value #FLAT_CHANGE} of its last value.
     */
    private void flatnessCheck(StringBuilder md, List<OodResults.Row> rows) {
        String what = String.format(Locale.ROOT, "every validation curve is flat at the end (fitted change over the "
                + "last tenth within %.1f%%)", 100 * FLAT_CHANGE);
        double tenthInThousands = protocol.base().training().steps() / 10.0 / 1000;
        Map<String, int[]> notFlat = new LinkedHashMap<>();
        int units = 0;
        for (OodResults.Row r : rows) {
            if (!r.game().equals(OodResults.POOLED) || r.condition().equals(AdapterCondition.IDENTITY.id())) {
                continue;
            }
            units++;
            String group = r.condition() + (r.library().equals(RunUnit.NO_LIBRARY) ? "" : " " + r.library());
            int[] counts = notFlat.computeIfAbsent(group, k -> new int[2]);
            counts[1]++;
            if (!(Math.abs(r.lastTenthSlope()) * tenthInThousands <= FLAT_CHANGE)) {
                counts[0]++;
            }
        }
        if (units == 0) {
            notEvaluated(md, what);
            return;
        }
        notFlat.values().removeIf(c -> c[0] == 0);
        int failing = notFlat.values().stream().mapToInt(c -> c[0]).sum();
        StringBuilder evidence = new StringBuilder(String.format(Locale.ROOT, "%d of %d curves flat", units - failing,
                units));
        if (failing > 0) {
            evidence.append("; not flat: ");
            notFlat.forEach((group, c) -> evidence.append(String.format(Locale.ROOT, "%s (%d of %d), ", group, c[0],
                    c[1])));
            evidence.setLength(evidence.length() - 2);
        }
        md.append(String.format(Locale.ROOT, "| %s | **%s** | %s |%n", what, failing == 0 ? "held" : "not held",
                evidence));
    }

    private static void check(StringBuilder md, String what, Optional<ResultGroups.Group> a,
            Optional<ResultGroups.Group> b) {
        if (a.isEmpty() || b.isEmpty()) {
            notEvaluated(md, what);
            return;
        }
        boolean lower = Claims.measurablyLower(a.get(), b.get());
        String verdict = a.get().seeds() < 2 ? (lower ? "lower (one seed)" : "not lower (one seed)")
                : lower ? "held" : "not held";
        md.append(String.format(Locale.ROOT, "| %s | **%s** | %s, %d vs %d seed(s) |%n", what, verdict,
                Claims.comparison(a.get(), b.get()), a.get().seeds(), b.get().seeds()));
    }

    private static void notEvaluated(StringBuilder md, String what) {
        md.append("| ").append(what).append(" | not evaluated | |\n");
    }

    /** Held when {@code group}'s mean relative decrease is at least {@code threshold}. */
    private static void decreaseCheck(StringBuilder md, String what, Optional<ResultGroups.Group> group,
            double threshold) {
        if (group.isEmpty()) {
            notEvaluated(md, what);
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | **%s** | measured %.3f%% (mean of %d seed(s)) |%n", what,
                group.get().meanRelativeDecrease() >= threshold ? "held" : "not held",
                100 * group.get().meanRelativeDecrease(), group.get().seeds()));
    }

    private void results(StringBuilder md, List<OodResults.Row> rows, Optional<double[]> oracle) {
        ResultGroups pooled = OodResults.groups(rows, OodResults.POOLED);
        ResultGroups onOracleFrames = OodResults.groups(rows, OodResults.ORACLE_FRAMES);
        md.append("## Results (pooled validation frames; mean over seeds)\n\n");
        md.append("`of oracle` = the condition's relative decrease on the oracle's frames divided by the oracle's "
                + "(1 = as good as optimising every frame's latent). `slope` = the validation curve's slope over the "
                + "last tenth of training, relative to its last value, per 1000 steps (mean over seeds; near 0 = "
                + "flat).\n\n");
        md.append("| condition | library | seeds | trainable | lr | MSE mean | MSE sd | PSNR dB | SSIM | relative "
                + "decrease | of oracle | slope |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ResultGroups.Group g : pooled.all()) {
            List<OodResults.Row> own = rows.stream().filter(r -> r.game().equals(OodResults.POOLED)
                    && r.condition().equals(g.condition()) && r.library().equals(g.library())).toList();
            double slope = own.stream().mapToDouble(OodResults.Row::lastTenthSlope).filter(Double::isFinite)
                    .average().orElse(Double.NaN);
            String ofOracle = "-";
            Optional<ResultGroups.Group> same = onOracleFrames.get(g.condition(), g.library());
            if (oracle.isPresent() && same.isPresent()) {
                double oracleDecrease = (oracle.get()[0] - oracle.get()[1]) / oracle.get()[0];
                ofOracle = String.format(Locale.ROOT, "%.2f", same.get().meanRelativeDecrease() / oracleDecrease);
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %s | %.7f | %.2g | %.2f | %.4f | %.3f%% | %s "
                    + "| %s |%n", g.condition(), g.library(), g.seeds(), g.trainable(),
                    own.isEmpty() || own.get(0).learningRate() == 0 ? "-" : String.format(Locale.ROOT, "%.0e",
                            own.get(0).learningRate()), g.meanMse(), g.sdMse(), g.meanPsnr(), g.meanSsim(),
                    100 * g.meanRelativeDecrease(), ofOracle, Double.isNaN(slope) ? "-"
                            : String.format(Locale.ROOT, "%+.3f", slope)));
        }
        md.append("\nEvery row of `results.csv` is one unit on one game (`pooled`: all validation frames; "
                + "`oracle-frames`: the oracle's frames).\n\n");
    }

    private void perGame(StringBuilder md, List<OodResults.Row> rows) {
        List<String> games = new ArrayList<>(frames.games().keySet());
        md.append("## Relative decrease per game (mean over seeds)\n\n| condition | library |");
        games.forEach(g -> md.append(' ').append(g).append(" |"));
        md.append("\n|---|---|");
        games.forEach(g -> md.append("---:|"));
        md.append('\n');
        Map<String, ResultGroups> byGame = new LinkedHashMap<>();
        for (String game : games) {
            byGame.put(game, OodResults.groups(rows, game));
        }
        for (ResultGroups.Group g : OodResults.groups(rows, OodResults.POOLED).all()) {
            md.append("| ").append(g.condition()).append(" | ").append(g.library()).append(" |");
            for (String game : games) {
                md.append(byGame.get(game).get(g.condition(), g.library())
                        .map(x -> String.format(Locale.ROOT, " %.3f%% |", 100 * x.meanRelativeDecrease()))
                        .orElse(" - |"));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void curves(StringBuilder md) throws IOException {
        Map<String, double[][]> validation = CurveFiles.means(out, units, headline, 1);
        Map<String, double[][]> train = CurveFiles.means(out, units, headline, 2);
        Optional<double[][]> frozen = Optional.ofNullable(CurveFiles.read(out,
                new RunUnit(AdapterCondition.IDENTITY, RunUnit.NO_LIBRARY, 0), 1));
        if (validation.isEmpty() || frozen.isEmpty()) {
            return;
        }
        double frozenMse = frozen.get()[1][0];
        ReportFigures.lossCurves(validation, frozenMse, "Validation loss over training (curve frames)",
                "validation MSE ([0, 1] pixels)", out.resolve("loss-curves-validation.png"));
        ReportFigures.lossCurves(train, frozenMse, "Training loss over training (mean of the steps between points)",
                "training MSE of the crops ([0, 1] pixels)", out.resolve("loss-curves-train.png"));
        md.append("## Loss curves\n\n![loss-curves-validation.png](loss-curves-validation.png)\n\n"
                + "![loss-curves-train.png](loss-curves-train.png)\n\nMean over seeds per condition (cultures "
                + "averaged); the black line is the frozen codec's validation MSE on the curve frames. Each unit's "
                + "curves are in `curves/`.\n");
    }
}
