package io.neuroframe.world.model;

import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsEntry;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.codec.weights.WeightProblems;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes world-model weights as safetensors under the open-oasis tensor names
 * ({@link DitTensorLayout}), so the same loader takes our own trained presets and the real
 * Oasis DiT checkpoint ({@code oasis500m.safetensors}, preset {@code oasis-dit-s2}).
 *
 * <p>Files we write record the whole {@link WorldModelConfig} in the header metadata under
 * {@value #CONFIG_METADATA_KEY}; the Oasis checkpoint has none, so its preset is named by the caller.
 */
public final class WorldModelWeights {
    /** Header metadata key holding the preset as JSON. */
    public static final String CONFIG_METADATA_KEY = "neuroframe.world.config";
    private static final Gson GSON = new Gson();

    private WorldModelWeights() {
    }

    /**
     * Writes {@code tensors} (the Oasis layout of preset {@code config}) to {@code file} (atomically)
     * with the preset and {@code metadata}.
     */
    public static void save(Path file, WorldModelConfig config, List<Tensor> tensors, Map<String, String> metadata,
                            SafetensorsDtype dtype) throws IOException {
        Map<String, String> header = new LinkedHashMap<>(metadata);
        header.put(CONFIG_METADATA_KEY, GSON.toJson(config));
        SafetensorsWriter.write(file, tensors, header, dtype);
    }

    /** The preset recorded in {@code file}'s metadata, or null when it records none (an Oasis checkpoint). */
    public static WorldModelConfig recordedConfig(Path file) throws IOException {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            String json = safetensors.metadata().get(CONFIG_METADATA_KEY);
            if (json == null) {
                return null;
            }
            try {
                return GSON.fromJson(json, WorldModelConfig.class);
            } catch (JsonParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": unreadable " + CONFIG_METADATA_KEY + " metadata: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Loads {@code file} as preset {@code config}. Every tensor's name and shape is checked
     * against the layout from the header before any data is read; rotary-frequency constants
     * are skipped. Returns the tensors by name in {@link DitTensorLayout} order, in the checkpoint's
     * own layout.
     *
     * @throws io.neuroframe.codec.safetensors.SafetensorsException if the file is not valid safetensors
     * @throws IllegalArgumentException naming the file and each missing, unexpected or misshaped tensor,
     *         a non-finite value, or a recorded preset whose shapes or view shift differ from {@code config}
     */
    public static Map<String, Tensor> load(Path file, WorldModelConfig config) throws IOException {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            List<String> problems = new ArrayList<>();
            String json = safetensors.metadata().get(CONFIG_METADATA_KEY);
            if (json != null) {
                WorldModelConfig recorded = GSON.fromJson(json, WorldModelConfig.class);
                if (!sameShapes(recorded, config)) {
                    problems.add("weights were saved for " + recorded.describe() + ", not " + config.describe());
                } else if (recorded.viewShift() != config.viewShift()) {
                    problems.add("weights were trained with a view shift of " + recorded.viewShift()
                            + " cells per camera unit, not " + config.viewShift() + " (load them with their recorded preset)");
                }
            }
            Map<String, int[]> expected = new LinkedHashMap<>();
            DitTensorLayout.specs(config).forEach(s -> expected.put(s.name(), s.shape()));
            for (SafetensorsEntry entry : safetensors.entries().values()) {
                int[] shape = expected.get(entry.name());
                if (shape == null) {
                    if (!DitTensorLayout.isRecomputedConstant(entry.name())) {
                        problems.add("unexpected tensor " + entry.name() + " (not part of " + config.name() + ")");
                    }
                } else if (!Arrays.equals(shape, entry.shape())) {
                    problems.add("tensor " + entry.name() + " has shape " + Arrays.toString(entry.shape())
                            + ", expected " + Arrays.toString(shape));
                }
            }
            for (Map.Entry<String, int[]> e : expected.entrySet()) {
                if (!safetensors.contains(e.getKey())) {
                    problems.add("missing tensor " + e.getKey() + " (expected shape " + Arrays.toString(e.getValue()) + ")");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + WeightProblems.describe(config.name(), problems));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String name : expected.keySet()) {
                Tensor tensor = safetensors.read(name);
                for (float x : tensor.data()) {
                    if (!Float.isFinite(x)) {
                        throw new IllegalArgumentException(file + ": tensor " + name + " holds a non-finite value (" + x + ")");
                    }
                }
                tensors.put(name, tensor);
            }
            return tensors;
        }
    }

    private static boolean sameShapes(WorldModelConfig a, WorldModelConfig b) {
        return a.patchSize() == b.patchSize() && a.hidden() == b.hidden() && a.depth() == b.depth()
                && a.heads() == b.heads() && a.mlpRatio() == b.mlpRatio();
    }
}
