package io.neuroframe.codec.model;

import io.neuroframe.codec.model.VitVaeLayout.Part;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsEntry;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.codec.weights.WeightProblems;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tensors of one ViT-VAE preset, or of its encoder or decoder part, checked against
 * {@link VitVaeLayout}: every expected tensor present with its exact shape and finite values, and
 * nothing else. Instances are immutable by convention: callers must not write into the arrays.
 */
public final class VitVaeWeights {

    /** Metadata key under which {@link #save} records the preset name. */
    public static final String PRESET_METADATA_KEY = "neuroframe.preset";

    private final VitVaeConfig config;
    private final Part part;
    private final Map<String, Tensor> tensors;

    private VitVaeWeights(VitVaeConfig config, Part part, Map<String, Tensor> tensors) {
        this.config = config;
        this.part = part;
        this.tensors = tensors;
    }

    /**
     * Checks {@code tensors} against the layout of {@code part} of {@code config}.
     *
     * @throws IllegalArgumentException listing each missing, unexpected, wrongly shaped or
     *         non-finite tensor with the shape that was expected
     */
    public static VitVaeWeights of(VitVaeConfig config, Part part, Map<String, Tensor> tensors) {
        return new VitVaeWeights(config, part, WeightProblems.checked(subject(config, part),
                VitVaeLayout.of(config).tensors(part), tensors,
                "the " + part.name().toLowerCase() + " of preset " + config.name()));
    }

    /**
     * Fresh weights for training or for tests, deterministic for a seed: Xavier-uniform linear and
     * patch-embedding weights (the patch kernel viewed as {@code [D, 3*P*P]}, as Oasis initialises
     * it), linear biases uniform in +-1/sqrt(fan_in) (PyTorch's default, so biases are exercised),
     * LayerNorm weights one and biases zero. The predictor uses the same Xavier bound, which keeps
     * its initial outputs well inside [-1, 1] after the final LayerNorm.
     */
    public static VitVaeWeights random(VitVaeConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, int[]> layout = VitVaeLayout.of(config).tensors(Part.ALL);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : layout.entrySet()) {
            String name = entry.getKey();
            int[] shape = entry.getValue();
            float[] data = new float[(int) Tensor.elementCount(shape)];
            if (name.contains("norm")) {
                if (name.endsWith(".weight")) {
                    Arrays.fill(data, 1f);
                }
            } else if (shape.length >= 2) {
                int fanOut = shape[0];
                int fanIn = data.length / fanOut;
                fillUniform(data, random, Math.sqrt(6.0 / (fanIn + fanOut)));
            } else {
                int[] weightShape = layout.get(name.substring(0, name.length() - ".bias".length()) + ".weight");
                int fanIn = (int) (Tensor.elementCount(weightShape) / weightShape[0]);
                fillUniform(data, random, 1.0 / Math.sqrt(fanIn));
            }
            tensors.put(name, new Tensor(name, shape.clone(), data));
        }
        return of(config, Part.ALL, tensors);
    }

    /**
     * Loads whichever part of {@code config} the safetensors file holds: the whole model, or the
     * encoder or decoder alone (judged by which part's tensors it names). Tensor names are Oasis's
     * (see {@link VitVaeLayout}), so Oasis's {@code vit-l-20.safetensors} loads as
     * {@link VitVaeConfig#OASIS_VIT_L_20}.
     *
     * @throws io.neuroframe.codec.safetensors.SafetensorsException if the file is not valid safetensors
     * @throws IllegalArgumentException naming the file and each missing, unexpected, wrongly shaped or
     *         non-finite tensor, or a preset recorded in the file's metadata that is not {@code config}
     */
    public static VitVaeWeights load(Path file, VitVaeConfig config) throws IOException {
        return load(file, config, null);
    }

    /**
     * Loads {@code part} of {@code config} from a safetensors file; a file holding the whole model
     * may be loaded as either part (the other part's tensors are not read).
     *
     * @throws io.neuroframe.codec.safetensors.SafetensorsException if the file is not valid safetensors
     * @throws IllegalArgumentException as for {@link #load(Path, VitVaeConfig)}
     */
    public static VitVaeWeights load(Path file, VitVaeConfig config, Part part) throws IOException {
        VitVaeLayout layout = VitVaeLayout.of(config);
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            String recorded = safetensors.metadata().get(PRESET_METADATA_KEY);
            if (recorded != null && !recorded.equals(config.name())) {
                throw new IllegalArgumentException(file + ": weights were saved for preset " + recorded
                        + ", not " + config.name());
            }
            Part wanted = part != null ? part : partHeld(safetensors, layout);
            List<String> problems = new ArrayList<>();
            for (SafetensorsEntry entry : safetensors.entries().values()) {
                Part owner = layout.partOf(entry.name());
                if (owner == null) {
                    problems.add("unexpected tensor " + entry.name() + " (not part of preset " + config.name() + ")");
                } else if (wanted == Part.ALL || owner == wanted) {
                    int[] expected = layout.tensors(owner).get(entry.name());
                    if (!Arrays.equals(expected, entry.shape())) {
                        problems.add("tensor " + entry.name() + " has shape " + Arrays.toString(entry.shape())
                                + ", expected " + Arrays.toString(expected));
                    }
                }
            }
            for (Map.Entry<String, int[]> expected : layout.tensors(wanted).entrySet()) {
                if (!safetensors.contains(expected.getKey())) {
                    problems.add("missing tensor " + expected.getKey() + " (expected shape "
                            + Arrays.toString(expected.getValue()) + ")");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + WeightProblems.describe(subject(config, wanted), problems));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String name : layout.tensors(wanted).keySet()) {
                tensors.put(name, safetensors.read(name));
            }
            try {
                return of(config, wanted, tensors);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static Part partHeld(SafetensorsFile file, VitVaeLayout layout) {
        boolean encoder = false;
        boolean decoder = false;
        for (String name : file.entries().keySet()) {
            Part owner = layout.partOf(name);
            encoder |= owner == Part.ENCODER;
            decoder |= owner == Part.DECODER;
        }
        if (encoder == decoder) {
            return Part.ALL;
        }
        return encoder ? Part.ENCODER : Part.DECODER;
    }

    /**
     * Writes these weights to {@code file} as safetensors in {@code dtype} (F32, F16 or BF16),
     * in layout order, recording the preset name in the metadata.
     *
     * @throws IllegalArgumentException if {@code dtype} is F16 and a value lies outside its range
     */
    public void save(Path file, SafetensorsDtype dtype) throws IOException {
        SafetensorsWriter.write(file, tensors.values(), Map.of(PRESET_METADATA_KEY, config.name()), dtype);
    }

    private static void fillUniform(float[] data, SplittableRandom random, double bound) {
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
    }

    /** What weights of {@code part} of {@code config} are, in a problem message. */
    private static String subject(VitVaeConfig config, Part part) {
        return config.name() + ' ' + (part == Part.ALL ? "encoder and decoder" : part.name().toLowerCase());
    }

    /** The preset these weights belong to. */
    public VitVaeConfig config() {
        return config;
    }

    /** The part these weights cover. */
    public Part part() {
        return part;
    }

    /** The layout of the preset. */
    public VitVaeLayout layout() {
        return VitVaeLayout.of(config);
    }

    /** Whether these weights include {@code wanted} (the whole model includes both parts). */
    public boolean covers(Part wanted) {
        return part == Part.ALL || part == wanted;
    }

    /** Tensors in forward order, by name; unmodifiable. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException if these weights have no such tensor
     */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException(config.name() + " " + part.name().toLowerCase()
                    + " weights have no tensor " + name);
        }
        return tensor;
    }

    /** The values of tensor {@code name}, row-major; do not modify. */
    public float[] data(String name) {
        return tensor(name).data();
    }

    /** The encoder part alone (shares the arrays). */
    public VitVaeWeights encoderOnly() {
        return only(Part.ENCODER);
    }

    /** The decoder part alone (shares the arrays). */
    public VitVaeWeights decoderOnly() {
        return only(Part.DECODER);
    }

    private VitVaeWeights only(Part wanted) {
        if (part == wanted) {
            return this;
        }
        if (part != Part.ALL) {
            throw new IllegalStateException(config.name() + " weights hold only the " + part.name().toLowerCase()
                    + ", not the " + wanted.name().toLowerCase());
        }
        Map<String, Tensor> subset = new LinkedHashMap<>();
        for (String name : layout().tensors(wanted).keySet()) {
            subset.put(name, tensors.get(name));
        }
        return new VitVaeWeights(config, wanted, Collections.unmodifiableMap(subset));
    }
}
