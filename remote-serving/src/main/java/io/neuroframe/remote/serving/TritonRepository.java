package io.neuroframe.remote.serving;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes models into a Triton Inference Server model repository, in the layout Triton loads:
 * {@code ROOT/NAME/config.pbtxt} and {@code ROOT/NAME/1/model.onnx} (version 1).
 */
public final class TritonRepository {
    /** The version folder every exported model goes into. */
    public static final String VERSION = "1";
    /** The file name Triton's ONNX Runtime backend looks for. */
    public static final String MODEL_FILE = "model.onnx";
    /** The configuration file of each model. */
    public static final String CONFIG_FILE = "config.pbtxt";

    private final Path root;

    /** A repository at {@code root} (created when the first model is written). */
    public TritonRepository(Path root) {
        this.root = root;
    }

    /** The repository folder. */
    public Path root() {
        return root;
    }

    /**
     * Writes {@code models} (name to graph, in order) with their configurations. Every configuration is
     * made first, so a graph Triton cannot batch is refused before anything is written; the models are
     * then written into a temporary folder next to the repository and moved into place only when all
     * are complete: as the repository itself when it does not exist yet, else each model folder
     * replacing the one of the same name. A failure leaves no partial model behind.
     *
     * @return the configurations written, in the order of {@code models}
     */
    public List<TritonModelConfig> write(Map<String, ModelProto> models, int maxBatchSize, long maxQueueDelayMicros)
            throws IOException {
        List<TritonModelConfig> configs = new ArrayList<>();
        models.forEach((name, model) -> configs.add(TritonModelConfig.fromOnnx(name, model, maxBatchSize,
                maxQueueDelayMicros)));
        Path target = root.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".part-");
        try {
            for (TritonModelConfig config : configs) {
                writeModel(staging, config, models.get(config.name()));
            }
            if (!Files.exists(target)) {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return configs;
            }
            for (TritonModelConfig config : configs) {
                replace(staging.resolve(config.name()), target.resolve(config.name()), staging);
            }
            return configs;
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void writeModel(Path repository, TritonModelConfig config, ModelProto model) throws IOException {
        Path versionDir = repository.resolve(config.name()).resolve(VERSION);
        Files.createDirectories(versionDir);
        try (OutputStream out = Files.newOutputStream(versionDir.resolve(MODEL_FILE))) {
            model.writeTo(out);
        }
        Files.writeString(repository.resolve(config.name()).resolve(CONFIG_FILE), config.toPbtxt(),
                StandardCharsets.UTF_8);
    }

    /** Moves the finished {@code model} folder to {@code target}, parking an old one in {@code staging}. */
    private static void replace(Path model, Path target, Path staging) throws IOException {
        if (Files.exists(target)) {
            Files.move(target, staging.resolve(target.getFileName() + ".old"), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(model, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
