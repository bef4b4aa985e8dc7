package io.neuroframe.remote.serving;

import io.neuroframe.codec.onnx.OrtRuntime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OnnxContract;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.WorldStepContract;
import io.neuroframe.world.model.WorldModelConfig;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportServingCommandTest {
    private static final int MAX_BATCH = 12;
    private static final long QUEUE_DELAY_US = 1500;
    /** The trained world model in the project's models folder (tests run in the module folder). */
    private static final Path WORLD_WEIGHTS = Path.of("..", "models", "nf-world-small-direct.safetensors");

    @TempDir
    Path dir;

    @Test
    void writesATritonRepositoryWhoseConfigsMatchTheirOnnxModels() throws Exception {
        Path weights = dir.resolve("codec.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path adapter = identityAdapter(dir.resolve("adapter.onnx"));
        Path out = dir.resolve("repository");

        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ExportServingCommand()).setErr(new PrintWriter(err)).execute(
                "--out", out.toString(), "--weights", weights.toString(), "--adapter", adapter.toString(),
                "--world-weights", WORLD_WEIGHTS.toString(), "--max-batch", Integer.toString(MAX_BATCH), "--queue-delay-us", Long.toString(QUEUE_DELAY_US));
        assertEquals(0, exit, err.toString());
        assertTrue(err.toString().contains("tritonserver --model-repository=" + out.toAbsolutePath()), err.toString());
        assertTrue(err.toString().contains("world model " + WORLD_WEIGHTS.getFileName()), err.toString());

        try (Stream<Path> models = Files.list(out)) {
            assertEquals(Set.of("decoder", "adapter", "world-step"),
                    models.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        checkModel(out, RemoteConfig.DEFAULT_DECODER_MODEL,
                Map.of(OnnxContract.LATENT, new long[] {LatentContract.TOKENS, LatentContract.CHANNELS}),
                Map.of(OnnxContract.IMAGE, new long[] {LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT,
                    LatentContract.IMAGE_WIDTH}));
        checkModel(out, ExportServingCommand.ADAPTER_MODEL,
                Map.of(OnnxContract.LATENT, new long[] {LatentContract.TOKENS, LatentContract.CHANNELS}),
                Map.of("adapted_latent", new long[] {LatentContract.TOKENS, LatentContract.CHANNELS}));
        checkModel(out, RemoteConfig.DEFAULT_WORLD_MODEL,
                Map.of(WorldStepContract.LATENT, WorldStepContract.latentDims(), WorldStepContract.ACTION,
                    WorldStepContract.actionDims()),
                Map.of(WorldStepContract.NEXT_LATENT, WorldStepContract.latentDims()));
        ModelProto world = ModelProto.parseFrom(Files.readAllBytes(out.resolve(RemoteConfig.DEFAULT_WORLD_MODEL)
                .resolve(TritonRepository.VERSION).resolve(TritonRepository.MODEL_FILE)));
        assertTrue(world.getGraph().getName().startsWith(WorldModelConfig.NF_WORLD_SMALL_DIRECT.name()),
                "the world step is the trained model's: " + world.getGraph().getName());
    }

    @Test
    void withoutWorldWeightsItAsksForThemOrTheStandInFlag() throws Exception {
        Path weights = dir.resolve("codec.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ExportServingCommand()).setErr(new PrintWriter(err)).execute(
                "--out", dir.resolve("repository").toString(), "--weights", weights.toString(),
                "--world-weights", dir.resolve("missing.safetensors").toString());
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("missing.safetensors") && err.toString().contains("--world-stand-in"),
                err.toString());
    }

    @Test
    void theExportedWorldStepRunsBatchedAndShiftsByTheCameraYaw() throws Exception {
        Path weights = dir.resolve("codec.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path out = dir.resolve("repository");
        assertEquals(0, new CommandLine(new ExportServingCommand()).execute("--out", out.toString(), "--weights",
                weights.toString(), "--world-stand-in"));
        assertFalse(Files.exists(out.resolve(ExportServingCommand.ADAPTER_MODEL)), "no adapter without --adapter");

        int n = LatentContract.LATENT_FLOATS;
        float[] latents = new float[2 * n];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = i % 97 * 0.01f;
        }
        float[] actions = new float[2 * OasisAction.SIZE];
        actions[OasisAction.CAMERA_YAW] = 1f;
        actions[OasisAction.SIZE + OasisAction.CAMERA_YAW] = -1f;
        Path model = out.resolve(RemoteConfig.DEFAULT_WORLD_MODEL).resolve("1").resolve("model.onnx");
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtSessions.Opened opened = OrtSessions.open(model, OrtOptions.defaults());
             OnnxTensor z = OnnxTensor.createTensor(env, FloatBuffer.wrap(latents), WorldStepContract.latentShape(2));
             OnnxTensor a = OnnxTensor.createTensor(env, FloatBuffer.wrap(actions), new long[] {2, OasisAction.SIZE});
             OrtSession.Result result = opened.session().run(Map.of(WorldStepContract.LATENT, z, WorldStepContract.ACTION, a))) {
            FloatBuffer next = ((OnnxTensor) result.get(0)).getFloatBuffer();
            int cols = LatentContract.TOKEN_COLS;
            for (int row = 0; row < 2 * n / cols; row++) {
                for (int c = 0; c < cols; c++) {
                    int from = row < n / cols ? (c + 1) % cols : (c + cols - 1) % cols;
                    assertEquals(latents[row * cols + from], next.get(row * cols + c),
                            "batch row " + row / (n / cols) + ", column " + c);
                }
            }
        }
    }

    private static void checkModel(Path repository, String name, Map<String, long[]> inputs, Map<String, long[]> outputs)
            throws Exception {
        Path folder = repository.resolve(name);
        Path onnx = folder.resolve("1").resolve("model.onnx");
        assertTrue(Files.isRegularFile(onnx), onnx + " is missing");
        Map<String, List<Object>> config = Pbtxt.parse(Files.readString(folder.resolve("config.pbtxt")));
        assertEquals(List.of(name), config.get("name"));
        assertEquals(List.of("onnxruntime_onnx"), config.get("platform"));
        assertEquals(List.of((long) MAX_BATCH), config.get("max_batch_size"));
        Map<?, ?> batching = (Map<?, ?>) config.get("dynamic_batching").get(0);
        assertEquals(List.of(QUEUE_DELAY_US), batching.get("max_queue_delay_microseconds"));
        try (OrtSessions.Opened opened = OrtSessions.open(onnx, OrtOptions.defaults())) {
            checkTensors(name, "input", config.get("input"), inputs, opened.session().getInputInfo());
            checkTensors(name, "output", config.get("output"), outputs, opened.session().getOutputInfo());
        }
    }

    private static void checkTensors(String model, String kind, List<Object> configured, Map<String, long[]> expected,
                                     Map<String, NodeInfo> inOnnx) {
        assertEquals(expected.size(), configured.size(), model + ": " + kind + " count");
        for (Object entry : configured) {
            Map<?, ?> tensor = (Map<?, ?>) entry;
            String name = (String) ((List<?>) tensor.get("name")).get(0);
            long[] dims = ((List<?>) tensor.get("dims")).stream().mapToLong(d -> (Long) d).toArray();
            assertTrue(expected.containsKey(name), model + ": unexpected " + kind + " " + name);
            assertArrayEquals(expected.get(name), dims, model + ": " + kind + " " + name + " dims");
            assertEquals(List.of("TYPE_FP32"), tensor.get("data_type"), model + ": " + kind + " " + name);
            long[] onnxShape = ((TensorInfo) inOnnx.get(name).getInfo()).getShape();
            assertEquals(-1, onnxShape[0], model + ": " + name + " has a variable batch dimension");
            assertArrayEquals(dims, Arrays.copyOfRange(onnxShape, 1, onnxShape.length),
                    model + ": " + kind + " " + name + " dims match the ONNX model");
        }
    }

    @Test
    void anAdapterWithTheWrongShapeIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path weights = dir.resolve("codec.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path adapter = identityAdapter(dir.resolve("narrow-adapter.onnx"), 8);
        Path out = dir.resolve("repository");
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ExportServingCommand()).setErr(new PrintWriter(err)).execute(
                "--out", out.toString(), "--weights", weights.toString(), "--adapter", adapter.toString(),
                "--world-stand-in");
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("narrow-adapter.onnx is not a NeuroFrame adapter: expected one input "
                + "'latent' and one output, both float32 (batch, 576, 16) (dims after the batch [576, 16]), found "
                + "inputs [latent TYPE_FP32 [576, 8]] and outputs [adapted_latent TYPE_FP32 [576, 8]]"), err.toString());
        assertOnlyInputsIn(dir, "codec.safetensors", "narrow-adapter.onnx");
    }

    @Test
    void aFailureAfterTheDecoderIsBuiltLeavesNoRepository() throws Exception {
        Path weights = dir.resolve("codec.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path world = dir.resolve("world.safetensors");
        Files.write(world, Arrays.copyOf(Files.readAllBytes(WORLD_WEIGHTS), 4096));
        Path out = dir.resolve("repository");
        int exit = new CommandLine(new ExportServingCommand()).setErr(new PrintWriter(new StringWriter())).execute(
                "--out", out.toString(), "--weights", weights.toString(), "--world-weights", world.toString());
        assertNotEquals(0, exit);
        assertOnlyInputsIn(dir, "codec.safetensors", "world.safetensors");
    }

    @Test
    void exportingIntoAnExistingRepositoryReplacesItsModelsAndKeepsTheOthers() throws Exception {
        Path weights = dir.resolve("codec.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(weights, SafetensorsDtype.F32);
        Path out = dir.resolve("repository");
        Files.createDirectories(out.resolve("someone-elses-model"));
        Files.createDirectories(out.resolve(RemoteConfig.DEFAULT_DECODER_MODEL));
        Files.writeString(out.resolve(RemoteConfig.DEFAULT_DECODER_MODEL).resolve("stale.txt"), "old export");
        assertEquals(0, new CommandLine(new ExportServingCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--out", out.toString(), "--weights", weights.toString(), "--world-stand-in"));
        try (Stream<Path> models = Files.list(out)) {
            assertEquals(Set.of("decoder", "world-step", "someone-elses-model"),
                    models.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertFalse(Files.exists(out.resolve(RemoteConfig.DEFAULT_DECODER_MODEL).resolve("stale.txt")),
                "the decoder folder is replaced whole");
        assertOnlyInputsIn(dir, "codec.safetensors", "repository");
    }

    /** No repository and no temporary folder: only the given inputs are in {@code folder}. */
    private static void assertOnlyInputsIn(Path folder, String... names) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(Set.of(names), files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    private static Path identityAdapter(Path file) throws Exception {
        return identityAdapter(file, LatentContract.CHANNELS);
    }

    /** The identity adapter as an adapter ONNX file: latent (batch, 576, channels) to adapted_latent of the same shape. */
    private static Path identityAdapter(Path file, int channels) throws Exception {
        OnnxGraphBuilder g = new OnnxGraphBuilder("identity-adapter");
        String z = g.input(OnnxContract.LATENT, OnnxContract.BATCH_DIM, LatentContract.TOKENS, channels);
        g.output(g.op("Identity", "identity", z), "adapted_latent", OnnxContract.BATCH_DIM, LatentContract.TOKENS,
                channels);
        ModelProto model = g.build("test", "identity adapter");
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
        return file;
    }
}
