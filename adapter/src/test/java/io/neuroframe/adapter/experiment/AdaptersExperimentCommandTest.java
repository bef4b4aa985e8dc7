package io.neuroframe.adapter.experiment;

import static io.neuroframe.adapter.experiment.ExperimentCommands.TINY_PRESET;
import static io.neuroframe.adapter.experiment.ExperimentCommands.execute;
import static io.neuroframe.adapter.experiment.ExperimentCommands.tinyWeights;
import static io.neuroframe.adapter.experiment.ExperimentCommands.withoutTrainSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.experiment.ExperimentCommands.Run;
import io.neuroframe.adapter.train.TinySetup;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.model.VitVaeWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptersExperimentCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickProtocolWritesTheReportWithARowPerConditionAndResumes() throws IOException {
        Path data = TinySetup.dataset(dir.resolve("data"), 8, 2);
        Path weights = tinyWeights(dir);
        Path out = dir.resolve("report");
        String[] args = {"adapters", "--protocol", "quick", "--data", data.toString(), "--weights", weights.toString(),
            "--preset", TINY_PRESET, "--out", out.toString()};

        Run first = execute(args);

        assertEquals(0, first.status(), first.log());
        for (String file : List.of("results.csv", "report.md", "loss-curves.png", "loss-by-condition.png",
                "sweep-heatmap.png", "reconstructions.png", "array-maps.png", "adapters/local-kernel.safetensors",
                "adapters/local-kernel.onnx", "cultures/culture-01.h5", "cultures/culture-02.h5", "latent-oracle.csv")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        int planned = 1 + 6 + 2 * 2 + 3;
        assertEquals(planned + 1, rows.size(), "header and one row per unit");
        Set<String> conditions = rows.stream().skip(1).map(r -> r.split(",")[0]).collect(Collectors.toSet());
        for (AdapterCondition condition : AdapterCondition.values()) {
            boolean oodReference = condition == AdapterCondition.TOKEN_MAP
                    || condition == AdapterCondition.CHANNEL_AFFINE || condition == AdapterCondition.NETWORK_CULTURE;
            assertEquals(!oodReference, conditions.contains(condition.id()), condition.id() + " has a row "
                    + "(the references run in adapters-ood only)");
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.matches("(?s).*\\| 27% relative decrease[^|]*\\| \\*\\*(held|not held)\\*\\* \\|.*"), report);
        assertTrue(report.contains("bio beats the parameter-matched frozen reservoir in every array | **"), report);
        assertTrue(report.contains(planned + " of " + planned + " units finished"), report);
        assertTrue(report.matches("(?s).*## The ceiling: the latent oracle\\s+Optimising each of the 2 validation .*"),
                report);
        assertTrue(first.log().contains("ETA"), first.log());

        Files.write(out.resolve("results.csv"), rows.subList(0, rows.size() - 1));
        Run second = execute(args);

        assertEquals(0, second.status(), second.log());
        assertTrue(second.log().contains((planned - 1) + " done, 1 to run"), second.log());
        assertEquals(withoutTrainSeconds(rows, ResultsTable.HEADER),
                withoutTrainSeconds(Files.readAllLines(out.resolve("results.csv")), ResultsTable.HEADER),
                "the rerun unit reproduces its row (all but the training time)");
    }

    @Test
    void aSpentTimeLimitStartsNoUnitAndStillWritesTheReport() throws IOException {
        Path data = TinySetup.dataset(dir.resolve("data"), 8, 2);
        VitVaeWeights weights = VitVaeWeights.random(TinySetup.CODEC, 9);
        Path out = dir.resolve("report");
        StringWriter log = new StringWriter();

        new AdapterExperiment(Protocol.named("quick"), new ExperimentSetup(weights, DatasetManifest.read(data), out,
                null, 1, Duration.ZERO, new PrintWriter(log, true))).run();

        assertTrue(log.toString().contains("time limit reached"), log.toString());
        assertTrue(ResultsTable.read(out.resolve("results.csv")).isEmpty(), "no unit ran");
        assertTrue(Files.readString(out.resolve("report.md")).contains("0 of 14 units finished"));
    }

    @Test
    void rejectsATimeLimitUnderAMinute() throws IOException {
        Path data = TinySetup.dataset(dir.resolve("data"), 1, 1);
        Path weights = tinyWeights(dir);
        Run run = execute("adapters", "--data", data.toString(), "--weights", weights.toString(),
                "--preset", TINY_PRESET, "--out", dir.resolve("out").toString(), "--time-limit", "0");
        assertEquals(2, run.status());
        assertTrue(run.log().contains("--time-limit must be at least 1 minute"), run.log());
    }

    @Test
    void rejectsAnUnknownProtocolAndAMissingWeightsFile() throws IOException {
        Path data = TinySetup.dataset(dir.resolve("data"), 1, 1);
        Run protocol = execute("adapters", "--protocol", "huge", "--data", data.toString(), "--weights",
                dir.resolve("none.safetensors").toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, protocol.status());
        assertTrue(protocol.log().contains("unknown protocol 'huge'"), protocol.log());
        Run weights = execute("adapters", "--data", data.toString(), "--weights",
                dir.resolve("none.safetensors").toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, weights.status());
        assertTrue(weights.log().contains("weights file not found"), weights.log());
    }
}
