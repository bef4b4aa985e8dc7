package io.neuroframe.world.train;

import io.neuroframe.world.model.WorldModelWeights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.weights.Tensor;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WorldCommandsTest {
    @TempDir
    Path dir;
    private Path latents;

    @BeforeEach
    void writeToyLatentCache() throws Exception {
        List<LatentCache.Entry> entries = new ArrayList<>();
        for (LatentTrajectory t : ShiftingPatternWorld.trajectories(3, 12, 4)) {
            entries.add(new LatentCache.Entry(t, t.name().equals("toy-2") ? Split.VALIDATION : Split.TRAIN));
        }
        latents = dir.resolve("latents.safetensors");
        LatentCache.write(latents, entries, "toy");
    }

    @Test
    void latentCacheRoundTrips() throws Exception {
        List<LatentCache.Entry> back = LatentCache.read(latents);
        assertEquals(3, back.size());
        assertEquals(1, LatentCache.of(back, Split.VALIDATION).size());
        LatentTrajectory original = ShiftingPatternWorld.trajectories(3, 12, 4).get(0);
        LatentTrajectory read = back.stream().filter(e -> e.trajectory().name().equals("toy-0")).findFirst().orElseThrow().trajectory();
        assertArrayEquals(original.latents(), read.latents());
        assertArrayEquals(original.actions(), read.actions());
    }

    @Test
    void mirroredTrainingFromACacheWithoutMirrorsIsRefusedWithTheFileNamed() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new TrainWorldCommand(), err, "--latents", latents.toString(), "--mirror-training",
                "--preset", "nf-world-small-direct", "--out", dir.resolve("mirrored").toString(), "--steps", "1"));
        assertTrue(err.toString().contains(latents + " holds no mirrored trajectories: pass --data and --codec"),
                err.toString());
    }

    @Test
    void trainingInChunksWithResumeEqualsOneRunAndEvaluationWritesFigures() throws Exception {
        Path once = dir.resolve("once");
        Path chunked = dir.resolve("chunked");
        String[] common = {"--latents", latents.toString(), "--preset", "nf-world-small-direct", "--batch", "2",
            "--warmup", "2", "--threads", "1", "--checkpoint-minutes", "100", "--average-decay", "0.9", "--view-shift", "5.5"};
        assertEquals(0, run(new TrainWorldCommand(), concat(common, "--out", once.toString(), "--steps", "4")));
        assertEquals(0, run(new TrainWorldCommand(), concat(common, "--out", chunked.toString(), "--steps", "2")));
        assertNotEquals(0, run(new TrainWorldCommand(), concat(common, "--out", chunked.toString(), "--steps", "4")),
                "an existing checkpoint without --resume is refused");
        assertEquals(0, run(new TrainWorldCommand(), concat(common, "--out", chunked.toString(), "--steps", "4", "--resume")));

        Path weights = once.resolve("nf-world-small-direct.safetensors");
        Map<String, Tensor> a = readAll(weights);
        Map<String, Tensor> b = readAll(chunked.resolve("nf-world-small-direct.safetensors"));
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, t) -> assertArrayEquals(t.data(), b.get(name).data(), name));
        String card = Files.readString(once.resolve("nf-world-small-direct.md"));
        assertTrue(card.contains("| parameters |") && card.contains("4 Adam steps"), card);
        assertTrue(card.contains("| weights | an exponential moving average of every step's, decay 0.9 |"), card);
        assertTrue(card.contains("| view shift | 5.50 latent cells per camera unit"), card);
        assertEquals(5.5f, WorldModelWeights.recordedConfig(weights).viewShift());
        assertTrue(card.matches("(?s).*\\| training throughput \\(last chunk\\) \\| [0-9.]+ steps/s, [0-9.]+ GFLOP/s: [0-9]+% "
                + "of the machine's [0-9.]+ GFLOP/s \\(PyTorch GEMM on 1 thread\\) \\|.*"), card);

        Path json = dir.resolve("eval.json");
        assertEquals(0, run(new EvalWorldCommand(), "--latents", latents.toString(), "--weights", weights.toString(),
                "--horizons", "1,4", "--starts", "2", "--threads", "1", "--out", json.toString()));
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(2, report.getAsJsonArray("rows").size());
        JsonObject first = report.getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals(1, first.get("horizon").getAsInt());
        assertEquals(2, first.get("samples").getAsInt());
        assertTrue(first.get("baselineLatentMse").getAsDouble() > 0);
        assertTrue(first.get("modelPsnr").isJsonNull(), "without --codec the pixel figures are null, not NaN");
        assertTrue(Files.readString(json).indexOf("NaN") < 0);

        Path remembered = dir.resolve("view-memory.json");
        assertEquals(0, run(new EvalWorldCommand(), "--latents", latents.toString(), "--weights", weights.toString(),
                "--horizons", "1,4", "--starts", "2", "--threads", "1", "--view-memory", "--still-world", "--out",
                remembered.toString()));
        JsonObject rememberedReport = JsonParser.parseString(Files.readString(remembered)).getAsJsonObject();
        assertTrue(rememberedReport.get("viewMemory").getAsBoolean() && rememberedReport.get("stillWorld").getAsBoolean());
        assertEquals(2, rememberedReport.getAsJsonArray("rows").size());

        StringWriter err = new StringWriter();
        assertEquals(2, run(new EvalWorldCommand(), err, "--latents", latents.toString(), "--weights",
                weights.toString(), "--horizons", "1", "--threads", "1", "--still-world"));
        assertTrue(err.toString().contains("--still-world is a setting of the view memory"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(new EvalWorldCommand(), err, "--latents", latents.toString(), "--weights",
                weights.toString(), "--horizons", "1", "--threads", "1", "--adapter-on", "SHOWN"));
        assertTrue(err.toString().contains("--adapter-on says where --adapter acts: pass --adapter too"), err.toString());
        err = new StringWriter();
        assertEquals(0, run(new EvalWorldCommand(), err, "--latents", latents.toString(), "--weights",
                weights.toString(), "--horizons", "1,11,40", "--starts", "2", "--threads", "1"));
        assertTrue(err.toString().contains("skipped horizons [40]: the longest held-out trajectory has 12 frames, "
                + "so it reaches 11 steps ahead"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(new EvalWorldCommand(), err, "--latents", latents.toString(), "--weights",
                weights.toString(), "--horizons", "16,32", "--threads", "1", "--out", dir.resolve("none.json").toString()));
        assertTrue(err.toString().contains("no held-out trajectory reaches any horizon of [16, 32]: the longest has 12 "
                + "frames, so it reaches 11 steps ahead"), err.toString());
        assertFalse(Files.exists(dir.resolve("none.json")), "nothing is written when nothing was measured");
        Path notAnAdapter = Files.writeString(dir.resolve("adapter.onnx"), "not an ONNX model");
        for (Path bad : new Path[] {dir.resolve("missing.onnx"), notAnAdapter}) {
            err = new StringWriter();
            assertEquals(2, run(new EvalWorldCommand(), err, "--latents", latents.toString(), "--weights",
                    weights.toString(), "--horizons", "1", "--threads", "1", "--adapter", bad.toString()));
            assertTrue(err.toString().contains("--adapter " + bad + ": "), err.toString());
        }
        try (Stream<Path> files = Files.list(once)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".json")),
                    "without --out no JSON is written next to the weights");
        }
    }

    @Test
    void aRefinerTrainsAtLowNoiseLevelsOnlyAndEvaluationRefinesWithIt() throws Exception {
        Path refinerDir = dir.resolve("refiner");
        String[] common = {"--latents", latents.toString(), "--batch", "2", "--warmup", "1", "--threads", "1",
            "--steps", "2", "--max-noise-level", "40"};
        StringWriter err = new StringWriter();
        assertEquals(2, run(new TrainWorldCommand(), err, concat(common, "--preset", "nf-world-small-direct", "--out",
                dir.resolve("direct").toString())));
        assertTrue(err.toString().contains("a highest noise level is for the diffusion objective"), err.toString());
        assertEquals(0, run(new TrainWorldCommand(), concat(common, "--preset", "nf-world-small", "--out",
                refinerDir.toString())));
        Path refiner = refinerDir.resolve("nf-world-small.safetensors");
        assertEquals(40, TrainWorldCommand.recordedMaxNoiseLevel(refiner));
        assertTrue(Files.readString(refinerDir.resolve("nf-world-small.md")).contains("noise levels up to 40 only"));

        Path direct = dir.resolve("direct-weights");
        assertEquals(0, run(new TrainWorldCommand(), "--latents", latents.toString(), "--preset", "nf-world-small-direct",
                "--batch", "2", "--warmup", "1", "--threads", "1", "--steps", "1", "--out", direct.toString()));
        Path weights = direct.resolve("nf-world-small-direct.safetensors");
        String[] eval = {"--latents", latents.toString(), "--weights", weights.toString(), "--horizons", "1,4",
            "--starts", "2", "--threads", "1", "--ddim-steps", "2"};
        Path json = dir.resolve("refined.json");
        assertEquals(0, run(new EvalWorldCommand(), concat(eval, "--refine-with", refiner.toString(), "--out",
                json.toString())));
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("nf-world-small.safetensors", report.get("refiner").getAsString());
        assertEquals(EvalWorldCommand.DEFAULT_REFINE_LEVEL, report.get("refineLevel").getAsInt());
        assertEquals(2, report.get("ddimSteps").getAsInt());

        err = new StringWriter();
        assertEquals(2, run(new EvalWorldCommand(), err, concat(eval, "--refine-with", refiner.toString(),
                "--refine-level", "41")));
        assertTrue(err.toString().contains("--refine-level 41: " + refiner + " was trained at noise levels 0 to 40"),
                err.toString());
        err = new StringWriter();
        assertEquals(2, run(new EvalWorldCommand(), err, concat(eval, "--refine-level", "10")));
        assertTrue(err.toString().contains("--refine-level needs --refine-with"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(new EvalWorldCommand(), err, concat(eval, "--refine-with", weights.toString())));
        assertTrue(err.toString().contains("nf-world-small-direct is DIRECT; a refiner is a diffusion model"),
                err.toString());
    }

    private static Map<String, Tensor> readAll(Path file) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.readAll();
        }
    }

    private static int run(Object command, String... args) {
        return run(command, new StringWriter(), args);
    }

    private static int run(Object command, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute(args);
        System.out.println(err);
        return code;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
