package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Adds to one output folder of the out-of-distribution experiment the finished work of another folder of the same
 * protocol, so that processes run side by side (each on its own folder and conditions) make one report. Copied:
 * every unit the target lacks (its rows of {@code results.csv}, its curve and its exported adapter), the
 * learning-rate probes and confirmations it lacks, the oracle frames it lacks and superseded rows. A unit, probe or
 * oracle frame the target already has stays as it is. Checkpoints of unfinished units stay behind: a unit is resumed
 * only by the process that started it.
 *
 * <p>Never merge into a folder that a running process writes to: that process rewrites its tables from what it read
 * and would drop the merged rows.
 */
final class FolderMerge {

    /**
     * What one merge added.
     *
     * @param keptDifferentUnits units both folders hold whose figures (all but the training time) differ; the
     *        target's stay
     */
    record Added(int units, int probes, int confirmations, int oracleFrames, int keptDifferentUnits) {
    }

    /** The units one merge added, and the units both folders hold whose figures differ. */
    private record UnitsMerged(int added, int keptDifferent) {
    }

    private FolderMerge() {
    }

    /**
     * Adds {@code from}'s finished work to {@code into} (created if needed).
     *
     * @throws IllegalArgumentException when {@code from} is not an experiment folder, or the two folders' protocol
     *         settings or latent statistics differ
     */
    static Added merge(Path from, Path into) throws IOException {
        Path fromSettings = from.resolve(FolderSettings.FILE);
        if (!Files.isRegularFile(fromSettings)) {
            throw new IllegalArgumentException(from + ": not an output folder of this experiment (no "
                    + FolderSettings.FILE + ")");
        }
        if (from.toAbsolutePath().normalize().equals(into.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(from + ": merging a folder into itself");
        }
        Files.createDirectories(into);
        copyOrRequireSame(fromSettings, into.resolve(FolderSettings.FILE), "protocol settings");
        Path statistics = from.resolve(AdaptersOodExperiment.STATISTICS_FILE);
        if (Files.exists(statistics)) {
            copyOrRequireSame(statistics, into.resolve(AdaptersOodExperiment.STATISTICS_FILE), "latent statistics");
        }
        UnitsMerged units = mergeResults(from, into);
        int probes = mergeRows(from, into, LearningRateProbes.SHORT_FILE, LearningRateProbes.SHORT_HEADER,
                f -> f[0] + "|" + f[1] + "|" + Float.parseFloat(f[2]));
        int confirmations = mergeRows(from, into, LearningRateProbes.CONFIRMATION_FILE,
                LearningRateProbes.CONFIRMATION_HEADER, f -> f[0] + "|" + f[1] + "|" + Float.parseFloat(f[2]));
        int oracle = mergeRows(from, into, AdaptersOodExperiment.ORACLE_FILE, AdaptersOodExperiment.ORACLE_HEADER,
                f -> f[0] + "|" + f[1]);
        mergeRows(from, into, OodResults.SUPERSEDED_FILE, OodResults.HEADER, f -> String.join(",", f));
        return new Added(units.added(), probes, confirmations, oracle, units.keptDifferent());
    }

    /** Adds the units {@code into} lacks, with their files. */
    private static UnitsMerged mergeResults(Path from, Path into) throws IOException {
        Path target = into.resolve("results.csv");
        Map<String, List<OodResults.Row>> present = byUnit(OodResults.read(target));
        Map<String, List<OodResults.Row>> offered = byUnit(OodResults.read(from.resolve("results.csv")));
        List<OodResults.Row> added = new ArrayList<>();
        int addedUnits = 0;
        int keptDifferent = 0;
        for (Map.Entry<String, List<OodResults.Row>> unit : offered.entrySet()) {
            List<OodResults.Row> mine = present.get(unit.getKey());
            if (mine != null) {
                keptDifferent += figures(mine).equals(figures(unit.getValue())) ? 0 : 1;
                continue;
            }
            OodResults.Row first = unit.getValue().get(0);
            RunUnit run = new RunUnit(AdapterCondition.fromId(first.condition()), first.library(), first.seed());
            copyIfPresent(from.resolve("curves").resolve(run.fileStem() + ".csv"),
                    into.resolve("curves").resolve(run.fileStem() + ".csv"));
            copyIfPresent(from.resolve(AdaptersOodExperiment.ADAPTERS_FOLDER).resolve(run.fileStem() + ".onnx"),
                    into.resolve(AdaptersOodExperiment.ADAPTERS_FOLDER).resolve(run.fileStem() + ".onnx"));
            added.addAll(unit.getValue());
            addedUnits++;
        }
        if (!added.isEmpty()) {
            OodResults.append(target, added);
        }
        return new UnitsMerged(addedUnits, keptDifferent);
    }

    /** A unit's rows without their training time, which differs between two runs of the same unit. */
    private static List<OodResults.Row> figures(List<OodResults.Row> rows) {
        return rows.stream().map(r -> new OodResults.Row(r.condition(), r.library(), r.seed(), r.game(),
                r.learningRate(), r.trainable(), r.steps(), 0, r.frames(), r.mse(), r.psnr(), r.ssim(),
                r.relativeDecrease(), r.lastTenthSlope())).toList();
    }

    private static Map<String, List<OodResults.Row>> byUnit(List<OodResults.Row> rows) {
        Map<String, List<OodResults.Row>> units = new LinkedHashMap<>();
        rows.forEach(r -> units.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        return units;
    }

    /** Appends the rows of table {@code name} whose key {@code into}'s table lacks; returns how many. */
    private static int mergeRows(Path from, Path into, String name, String header, Function<String[], String> key)
            throws IOException {
        String what = "a " + name + " table";
        Set<String> present = new LinkedHashSet<>(ExperimentFiles.readCsv(into.resolve(name), header, what, key));
        List<String> added = new ArrayList<>();
        for (String[] row : ExperimentFiles.readCsv(from.resolve(name), header, what, f -> f)) {
            if (present.add(key.apply(row))) {
                added.add(String.join(",", row));
            }
        }
        if (!added.isEmpty()) {
            ExperimentFiles.appendCsv(into.resolve(name), header, added);
        }
        return added.size();
    }

    private static void copyOrRequireSame(Path source, Path target, String what) throws IOException {
        if (!Files.exists(target)) {
            Files.copy(source, target);
        } else if (!Files.readString(source, StandardCharsets.UTF_8).equals(
                Files.readString(target, StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException(source + " and " + target + ": the two folders' " + what
                    + " differ; only folders of one protocol on one dataset merge");
        }
    }

    private static void copyIfPresent(Path source, Path target) throws IOException {
        if (Files.exists(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
