package io.neuroframe.remote.serving;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * Writes {@code model} and its configuration, replacing a model of the same name.
     *
     * @return the configuration written
     */
    public TritonModelConfig write(String name, ModelProto model, int maxBatchSize, long maxQueueDelayMicros)
            throws IOException {
        TritonModelConfig config = TritonModelConfig.fromOnnx(name, model, maxBatchSize, maxQueueDelayMicros);
        Path versionDir = root.resolve(name).resolve(VERSION);
        Files.createDirectories(versionDir);
        try (OutputStream out = Files.newOutputStream(versionDir.resolve(MODEL_FILE))) {
            model.writeTo(out);
        }
        Files.writeString(root.resolve(name).resolve(CONFIG_FILE), config.toPbtxt(), StandardCharsets.UTF_8);
        return config;
    }
}
