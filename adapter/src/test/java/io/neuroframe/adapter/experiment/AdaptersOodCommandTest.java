package io.neuroframe.adapter.experiment;

import static io.neuroframe.adapter.experiment.ExperimentCommands.TINY_PRESET;
import static io.neuroframe.adapter.experiment.ExperimentCommands.execute;
import static io.neuroframe.adapter.experiment.ExperimentCommands.tinyWeights;
import static io.neuroframe.adapter.experiment.ExperimentCommands.withoutTrainSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.experiment.ExperimentCommands.Run;
import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.adapter.train.TinySetup;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.onnx.OrtOptions;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptersOodCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickProtocolTrainsTheTokenMapBelowTheFrozenCodecPerGameAndResumes() throws IOException {
        Path data = TinySetup.dataset(dir.resolve("data"), 12, 4, List.of("alpha", "beta"));
        Path weights = tinyWeights(dir);
        Path out = dir.resolve("report");
        String[] args = {"adapters-ood", "--protocol", "quick", "--data", data.toString(), "--weights",
            weights.toString(), "--preset", TINY_PRESET, "--out", out.toString()};

        Run first = execute(args);

        assertEquals(0, first.status(), first.log());
        for (String file : List.of("results.csv", "report.md", "currents.png", "loss-curves-validation.png",
                "loss-curves-train.png", "latent-oracle.csv", "learning-rates.csv", "learning-rate-confirmations.csv",
                "latent-statistics.csv",
                "cultures/culture-01.h5")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        List<OodResults.Row> rows = OodResults.read(out.resolve("results.csv"));
        int units = 1 + 8 + 3;
        assertEquals(units * 4, rows.size(), "a row per unit for alpha, beta, pooled and the oracle's frames");
        Set<String> conditions = rows.stream().map(OodResults.Row::condition).collect(Collectors.toSet());
        for (AdapterCondition condition : AdapterCondition.values()) {
            assertTrue(conditions.contains(condition.id()), condition.id() + " has rows");
        }
        OodResults.Row tokenMap = rows.stream().filter(r -> r.condition().equals(AdapterCondition.TOKEN_MAP.id())
                && r.game().equals(OodResults.POOLED)).findFirst().orElseThrow();
        assertTrue(tokenMap.relativeDecrease() > 0, "the token map lowers the pooled validation loss of a random "
                + "codec: " + tokenMap);
        assertTrue(tokenMap.learningRate() > 0, "a learning rate was chosen");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| the plain token map lowers the validation loss | **lower (one seed)** |"),
                report);
        assertTrue(report.contains(units + " of " + units + " units finished"), report);
        assertTrue(report.contains("| **above 1 uA** |"), report);
        assertTrue(report.contains("| every validation curve is flat at the end"), report);
        assertTrue(report.contains("| short best | whole run | chosen |"), report);
        assertTrue(report.contains("alpha 2, beta 2"), report);
        List<String> curve = Files.readAllLines(out.resolve("curves").resolve(
                new RunUnit(AdapterCondition.TOKEN_MAP, RunUnit.NO_LIBRARY, 0).fileStem() + ".csv"));
        assertEquals("step,validation_mse,train_loss", curve.get(0));
        assertEquals(1 + 5, curve.size(), "curve at steps 0, 10, 20, 30, 40");

        Set<String> exported;
        try (var files = Files.list(out.resolve(AdaptersOodExperiment.ADAPTERS_FOLDER))) {
            exported = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
        for (AdapterCondition condition : AdapterCondition.values()) {
            boolean expected = condition.hasFramePath() && condition != AdapterCondition.IDENTITY;
            assertEquals(expected, exported.stream().anyMatch(f -> f.startsWith(condition.id() + "_")
                    && f.endsWith("_seed0.onnx")), condition.id() + " exported: " + exported);
        }
        assertTokenMapExportAdapts(out.resolve(AdaptersOodExperiment.ADAPTERS_FOLDER)
                .resolve(new RunUnit(AdapterCondition.TOKEN_MAP, RunUnit.NO_LIBRARY, 0).fileStem() + ".onnx"));

        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        Files.write(out.resolve("results.csv"), lines.subList(0, lines.size() - 4));
        String[] reportOnly = java.util.Arrays.copyOf(args, args.length + 1);
        reportOnly[args.length] = "--report-only";
        Run reported = execute(reportOnly);
        assertEquals(0, reported.status(), reported.log());
        assertEquals(lines.subList(0, lines.size() - 4), Files.readAllLines(out.resolve("results.csv")),
                "--report-only trains nothing");
        assertTrue(Files.readString(out.resolve("report.md")).contains((units - 1) + " of " + units
                + " units finished"), "the report counts the missing unit");
        Run second = execute(args);

        assertEquals(0, second.status(), second.log());
        assertEquals(withoutTrainSeconds(lines, OodResults.HEADER),
                withoutTrainSeconds(Files.readAllLines(out.resolve("results.csv")), OodResults.HEADER),
                "the rerun unit reproduces its rows (all but the training time)");
        assertTrue(!second.log().contains("learning-rate probe") && !second.log().contains("learning-rate confirmation"),
                "probes are not repeated: " + second.log());

        // a changed choice (here: the confirmation made to prefer the other rate) reruns the condition's units
        float chosen = (float) tokenMap.learningRate();
        float other = confirmedOther(out, chosen);
        makeConfirmationPrefer(out, other);
        Run third = execute(args);
        assertEquals(0, third.status(), third.log());
        assertTrue(third.log().contains(OodResults.SUPERSEDED_FILE), third.log());
        List<OodResults.Row> superseded = OodResults.read(out.resolve(OodResults.SUPERSEDED_FILE));
        assertEquals(4, superseded.size(), "the token map's rows at its old rate moved: " + superseded);
        assertTrue(superseded.stream().allMatch(r -> r.condition().equals(AdapterCondition.TOKEN_MAP.id())
                && Math.abs(r.learningRate() - chosen) <= 1e-2 * chosen), superseded.toString());
        List<OodResults.Row> rerun = OodResults.read(out.resolve("results.csv"));
        assertEquals(units * 4, rerun.size(), "the token map ran again");
        assertTrue(rerun.stream().filter(r -> r.condition().equals(AdapterCondition.TOKEN_MAP.id()))
                .allMatch(r -> Math.abs(r.learningRate() - other) <= 1e-2 * other), "at the new rate: " + rerun);
    }

    @Test
    void foldersRunSideBySideMergeIntoOneReportAndOtherSettingsAreRefused() throws IOException {
        Path data = TinySetup.dataset(dir.resolve("data"), 12, 4, List.of("alpha", "beta"));
        Path weights = tinyWeights(dir);
        List<String> common = List.of("adapters-ood", "--protocol", "quick", "--data", data.toString(), "--weights",
                weights.toString(), "--preset", TINY_PRESET);
        Path tokenMaps = dir.resolve("token-maps");
        Path affines = dir.resolve("affines");
        Run first = execute(with(common, "--out", tokenMaps.toString(), "--conditions", "token-map"));
        assertEquals(0, first.status(), first.log());
        Run second = execute(with(common, "--out", affines.toString(), "--conditions", "channel-affine"));
        assertEquals(0, second.status(), second.log());
        Path merged = dir.resolve("merged");

        Run report = execute(with(common, "--out", merged.toString(), "--report-only", "--merge-from",
                tokenMaps.toString(), "--merge-from", affines.toString()));

        assertEquals(0, report.status(), report.log());
        assertTrue(report.log().contains("merged from " + affines + ": 1 units, "), report.log());
        assertTrue(!report.log().contains("other figures"), "both folders' frozen codec is the same unit: "
                + report.log());
        List<OodResults.Row> rows = OodResults.read(merged.resolve("results.csv"));
        assertEquals(Set.of(AdapterCondition.IDENTITY.id(), AdapterCondition.TOKEN_MAP.id(),
                AdapterCondition.CHANNEL_AFFINE.id()), rows.stream().map(OodResults.Row::condition)
                .collect(Collectors.toSet()));
        assertEquals(3 * 4, rows.size(), "each unit once: the frozen codec of both folders is one unit");
        for (AdapterCondition condition : List.of(AdapterCondition.TOKEN_MAP, AdapterCondition.CHANNEL_AFFINE)) {
            String stem = new RunUnit(condition, RunUnit.NO_LIBRARY, 0).fileStem();
            assertTrue(Files.exists(merged.resolve("curves").resolve(stem + ".csv")), stem);
            assertTrue(Files.exists(merged.resolve(AdaptersOodExperiment.ADAPTERS_FOLDER).resolve(stem + ".onnx")),
                    stem);
            assertTrue(LearningRateProbes.confirmationRows(merged).stream().anyMatch(r -> r[0].equals(condition.id())),
                    condition.id() + "'s confirmations");
        }
        assertEquals(Files.readAllLines(tokenMaps.resolve(AdaptersOodExperiment.ORACLE_FILE)),
                Files.readAllLines(merged.resolve(AdaptersOodExperiment.ORACLE_FILE)), "the oracle's frames once");
        assertTrue(Files.readString(merged.resolve("report.md")).contains("| channel-affine |"));

        Run again = execute(with(common, "--out", merged.toString(), "--report-only", "--merge-from",
                affines.toString()));
        assertEquals(0, again.status(), again.log());
        assertTrue(again.log().contains("merged from " + affines + ": 0 units, 0 learning-rate probes"), again.log());

        OutputFolderLock running = OutputFolderLock.acquire(merged);
        try {
            Run twice = execute(with(common, "--out", merged.toString(), "--report-only"));
            assertEquals(2, twice.status(), twice.log());
            assertTrue(twice.log().contains("another experiment process is writing to this folder"), twice.log());
        } finally {
            running.close();
        }

        Path settings = affines.resolve(FolderSettings.FILE);
        Files.writeString(settings, Files.readString(settings).replace("steps,", "steps,1"));
        Run refused = execute(with(common, "--out", merged.toString(), "--report-only", "--merge-from",
                affines.toString()));
        assertEquals(2, refused.status(), refused.log());
        assertTrue(refused.log().contains("protocol settings differ"), refused.log());
    }

    private static String[] with(List<String> common, String... more) {
        List<String> args = new java.util.ArrayList<>(common);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The token map's confirmed rate other than {@code chosen} (the whole-run confirmation tried two). */
    private static float confirmedOther(Path out, float chosen) throws IOException {
        return LearningRateProbes.confirmationRows(out).stream()
                .filter(r -> r[0].equals(AdapterCondition.TOKEN_MAP.id()) && Float.parseFloat(r[2]) != chosen)
                .map(r -> Float.parseFloat(r[2])).findFirst().orElseThrow();
    }

    /** Rewrites the token map's confirmations so that {@code rate} has the lower held-out MSE. */
    private static void makeConfirmationPrefer(Path out, float rate) throws IOException {
        Path file = out.resolve(LearningRateProbes.CONFIRMATION_FILE);
        List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(",", -1);
            if (f[0].equals(AdapterCondition.TOKEN_MAP.id())) {
                f[4] = Float.parseFloat(f[2]) == rate ? "0.0" : "1.0";
                line = String.join(",", f);
            }
            lines.add(line);
        }
        Files.write(file, lines);
    }

    /** The exported trained token map loads into the frame path and changes a latent, finitely. */
    private static void assertTokenMapExportAdapts(Path file) {
        FloatBuffer latent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            latent.put(i, (float) Math.sin(i * 0.37) * 0.2f);
        }
        FloatBuffer adapted = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        try (LatentAdapter adapter = AdapterOnnx.load(file, OrtOptions.defaults())) {
            adapter.apply(latent, adapted);
        }
        double change = 0;
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            assertTrue(Float.isFinite(adapted.get(i)), "adapted value " + i);
            change += Math.abs(adapted.get(i) - latent.get(i));
        }
        assertTrue(change > 0, "the trained token map changes the latent");
    }

    @Test
    void theConfirmationComparesTheShortProbesBestWithTheNextLowerCandidate() {
        float[] candidates = {1e-6f, 1e-4f, 1e-5f};
        assertEquals(1e-5f, LearningRateProbes.nextLower(candidates, 1e-4f).orElseThrow());
        assertEquals(1e-6f, LearningRateProbes.nextLower(candidates, 1e-5f).orElseThrow());
        assertTrue(LearningRateProbes.nextLower(candidates, 1e-6f).isEmpty(), "the lowest candidate has none");
    }

    @Test
    void lastTenthSlopeIsRelativePerThousandStepsAndNeedsTwoPoints() {
        List<io.neuroframe.adapter.train.AdapterTrainer.CurvePoint> curve = List.of(
                new io.neuroframe.adapter.train.AdapterTrainer.CurvePoint(0, 2.0, Double.NaN),
                new io.neuroframe.adapter.train.AdapterTrainer.CurvePoint(900, 1.1, 1.0),
                new io.neuroframe.adapter.train.AdapterTrainer.CurvePoint(1000, 1.0, 1.0));
        assertEquals(-1.0, AdaptersOodExperiment.lastTenthSlope(curve, 1000), 1e-9);
        assertTrue(Double.isNaN(AdaptersOodExperiment.lastTenthSlope(curve.subList(0, 2), 1000)));
    }
}
