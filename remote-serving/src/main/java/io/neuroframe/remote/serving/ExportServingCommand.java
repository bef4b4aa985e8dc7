package io.neuroframe.remote.serving;

import io.neuroframe.remote.CameraShiftWorldStep;
import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OnnxContract;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.weights.WeightFiles;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.world.train.WorldDit;
import io.neuroframe.world.onnx.WorldDitOnnxExporter;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neuroframe export-serving}: writes a Triton Inference Server model repository with the
 * codec's decoder, optionally a trained adapter, and the world step (a trained {@code DIRECT}
 * world model's served step, or on request the camera-shift stand-in), each with a
 * {@code config.pbtxt} for dynamic batching. {@code docs/serving.md} shows how to serve it.
 */
@Command(name = "export-serving", mixinStandardHelpOptions = true,
        description = {"Writes a Triton Inference Server model repository (Open Inference Protocol, KServe v2): the "
                + "decoder as ONNX, a trained adapter's ONNX file if given, and the trained world model's step (or "
                + "the camera-shift stand-in), each with a config.pbtxt (platform onnxruntime_onnx, inputs, outputs, "
                + "dynamic batching).",
            "Serve it with: tritonserver --model-repository=DIR"})
public final class ExportServingCommand implements Callable<Integer> {
    /** System property the launcher sets to the project folder. */
    static final String HOME_PROPERTY = "neuroframe.home";
    /** The default weights, relative to the project home. */
    static final Path DEFAULT_WEIGHTS = Path.of("models", "nf-small.safetensors");
    /** The default world-model weights, relative to the project home. */
    static final Path DEFAULT_WORLD_WEIGHTS = Path.of("models", "nf-world-small-direct.safetensors");
    /** Name the adapter is served under. */
    public static final String ADAPTER_MODEL = "adapter";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "model repository folder to write (created if missing)")
    Path out;

    @Option(names = "--weights", description = "codec weights (default: models/nf-small.safetensors in the project folder)")
    Path weights;

    @Option(names = "--preset", defaultValue = "nf-small", description = "ViT-VAE preset of --weights (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--adapter", description = "a trained adapter's ONNX file (input latent (batch, 576, 16)) to serve as well")
    Path adapter;

    @Option(names = "--no-world-step", negatable = true, defaultValue = "true",
            description = "export a world step (default: on)")
    boolean worldStep;

    @Option(names = "--world-weights", description = "trained DIRECT world-model weights served as the world step "
            + "(default: models/nf-world-small-direct.safetensors in the project folder)")
    Path worldWeights;

    @Option(names = "--world-stand-in", description = "serve the camera-shift stand-in world step instead of a trained "
            + "world model (for testing clients and servers)")
    boolean worldStandIn;

    @Option(names = "--max-batch", defaultValue = "16", description = "max_batch_size of every model (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--queue-delay-us", defaultValue = "2000",
            description = "dynamic batching's max_queue_delay_microseconds (default: ${DEFAULT-VALUE})")
    long queueDelayMicros;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getErr();
        VitVaeWeights codec = loadWeights();
        Map<String, ModelProto> models = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        models.put(RemoteConfig.DEFAULT_DECODER_MODEL, VitVaeOnnxExporter.decoder(codec));
        descriptions.put(RemoteConfig.DEFAULT_DECODER_MODEL, codec.config().name() + " decoder");
        if (adapter != null) {
            models.put(ADAPTER_MODEL, loadAdapter());
            descriptions.put(ADAPTER_MODEL, "adapter " + adapter.getFileName());
        }
        if (worldStep && worldStandIn) {
            models.put(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build());
            descriptions.put(RemoteConfig.DEFAULT_WORLD_MODEL, "camera-shift stand-in world step (not a trained world model)");
        } else if (worldStep) {
            Path file = worldWeightsFile();
            models.put(RemoteConfig.DEFAULT_WORLD_MODEL, trainedWorldStep(file));
            descriptions.put(RemoteConfig.DEFAULT_WORLD_MODEL, "world model " + file.getFileName());
        }
        TritonRepository repository = new TritonRepository(out);
        List<TritonModelConfig> written;
        try {
            written = repository.write(models, maxBatch, queueDelayMicros);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        for (TritonModelConfig config : written) {
            report(log, repository, config, descriptions.get(config.name()));
        }
        log.println("serve it with: tritonserver --model-repository=" + out.toAbsolutePath());
        log.flush();
        return 0;
    }

    private VitVaeWeights loadWeights() throws IOException {
        Path file = weights;
        if (file == null) {
            String home = System.getProperty(HOME_PROPERTY, ".");
            file = Path.of(home).resolve(DEFAULT_WEIGHTS);
        }
        String problem = WeightFiles.fileProblem(file, "codec weights");
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem + " (give --weights FILE)");
        }
        try {
            return VitVaeWeights.load(file, VitVaeConfig.preset(preset));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage(), e);
        }
    }

    private Path worldWeightsFile() {
        Path file = worldWeights != null ? worldWeights
                : Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve(DEFAULT_WORLD_WEIGHTS);
        String problem = WeightFiles.fileProblem(file, "world-model weights");
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem
                    + " (give --world-weights FILE, or --world-stand-in for the camera-shift stand-in)");
        }
        return file;
    }

    /** The served step of the DIRECT world model in {@code file} (its recorded preset). */
    private ModelProto trainedWorldStep(Path file) throws IOException {
        WorldModelConfig config = WorldModelWeights.recordedConfig(file);
        if (config == null) {
            throw new ParameterException(spec.commandLine(), file + " records no world-model preset; export-serving "
                    + "serves weights written by train-world");
        }
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.load(file, config, manager)) {
            return WorldDitOnnxExporter.servedStep(model.config(), model.toTensors());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage(), e);
        }
    }

    private ModelProto loadAdapter() throws IOException {
        String problem = WeightFiles.fileProblem(adapter, "adapter ONNX file");
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        ModelProto model;
        try (InputStream in = Files.newInputStream(adapter)) {
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new ParameterException(spec.commandLine(), adapter + " is not an ONNX model: " + e.getMessage(), e);
        }
        requireAdapterShapes(model);
        return model;
    }

    /** Refuses an adapter whose one input is not {@code latent (batch, 576, 16)} float32 and whose one output differs. */
    private void requireAdapterShapes(ModelProto model) {
        long[] latentDims = {LatentContract.TOKENS, LatentContract.CHANNELS};
        TritonModelConfig.Tensor expectedInput = new TritonModelConfig.Tensor(OnnxContract.LATENT, "TYPE_FP32", latentDims);
        TritonModelConfig config;
        try {
            config = TritonModelConfig.fromOnnx(ADAPTER_MODEL, model, maxBatch, queueDelayMicros);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), adapter + " is not a NeuroFrame adapter: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (!config.inputs().equals(List.of(expectedInput))) {
            problems.add("inputs " + config.inputs());
        }
        if (config.outputs().size() != 1 || !config.outputs().get(0).dataType().equals("TYPE_FP32")
                || !Arrays.equals(config.outputs().get(0).dims(), latentDims)) {
            problems.add("outputs " + config.outputs());
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), adapter + " is not a NeuroFrame adapter: expected one "
                    + "input '" + OnnxContract.LATENT + "' and one output, both float32 (batch, 576, 16) "
                    + "(dims after the batch " + Arrays.toString(latentDims) + "), found " + String.join(" and ", problems));
        }
    }

    private static void report(PrintWriter log, TritonRepository repository, TritonModelConfig config, String what)
            throws IOException {
        Path file = repository.root().resolve(config.name()).resolve(TritonRepository.VERSION)
                .resolve(TritonRepository.MODEL_FILE);
        log.printf("%-12s %s, %.1f MB: inputs %s, outputs %s%n", config.name(), what, Files.size(file) / 1e6,
                config.inputs(), config.outputs());
    }
}
