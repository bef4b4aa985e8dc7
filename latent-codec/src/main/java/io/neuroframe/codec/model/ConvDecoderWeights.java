package io.neuroframe.codec.model;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tensors of a {@link ConvDecoderConfig}, checked against {@link ConvDecoderConfig#tensors()}:
 * every expected tensor present with its exact shape and finite values, and nothing else. A saved
 * file records its config in the safetensors metadata, so {@link #load(Path)} needs nothing else.
 * Instances are immutable by convention: callers must not write into the arrays.
 */
public final class ConvDecoderWeights {

    private final ConvDecoderConfig config;
    private final Map<String, Tensor> tensors;

    private ConvDecoderWeights(ConvDecoderConfig config, Map<String, Tensor> tensors) {
        this.config = config;
        this.tensors = tensors;
    }

    /**
     * Checks {@code tensors} against the layout of {@code config}.
     *
     * @throws IllegalArgumentException listing each missing, unexpected, wrongly shaped or non-finite tensor
     */
    public static ConvDecoderWeights of(ConvDecoderConfig config, Map<String, Tensor> tensors) {
        return new ConvDecoderWeights(config, WeightProblems.checked(config.name(), config.tensors(), tensors,
                config.name()));
    }

    /**
     * Fresh weights, deterministic for a seed, biases zero. The stem and the 1x1 projections use
     * He-uniform bounds ({@code sqrt(6 / fanIn)}); each residual convolution a tenth of that, so
     * the residual stream starts close to its input; the RGB projection a tenth of Xavier-uniform,
     * so the first images are close to mid-grey rather than saturated.
     */
    public static ConvDecoderWeights random(ConvDecoderConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ConvDecoderConfig.Conv conv : config.convs()) {
            int fanIn = conv.in() * conv.kernel() * conv.kernel();
            double bound;
            if (conv.name().equals("out")) {
                bound = 0.1 * Math.sqrt(6.0 / (fanIn + conv.out() * conv.kernel() * conv.kernel()));
            } else if (conv.name().contains(".blocks.")) {
                bound = 0.1 * Math.sqrt(6.0 / fanIn);
            } else {
                bound = Math.sqrt(6.0 / fanIn);
            }
            int[] shape = conv.weightShape();
            float[] w = new float[(int) Tensor.elementCount(shape)];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            tensors.put(conv.name() + ".weight", new Tensor(conv.name() + ".weight", shape, w));
            tensors.put(conv.name() + ".bias", new Tensor(conv.name() + ".bias", new int[] {conv.out()}, new float[conv.out()]));
        }
        return of(config, tensors);
    }

    /**
     * Loads weights saved by {@link #save}; the config comes from the file's metadata.
     *
     * @throws io.neuroframe.codec.safetensors.SafetensorsException if the file is not valid safetensors
     * @throws IllegalArgumentException naming the file when its metadata does not describe a
     *         convolutional decoder, or listing each missing, unexpected, wrongly shaped or non-finite tensor
     */
    public static ConvDecoderWeights load(Path file) throws IOException {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            if (!ConvDecoderConfig.describedBy(safetensors.metadata())) {
                throw new IllegalArgumentException(file + ": not convolutional decoder weights (no "
                        + "neuroframe.conv.preset in the safetensors metadata)");
            }
            ConvDecoderConfig config;
            try {
                config = ConvDecoderConfig.fromMetadata(safetensors.metadata());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            Map<String, int[]> expected = config.tensors();
            List<String> problems = new ArrayList<>();
            for (SafetensorsEntry entry : safetensors.entries().values()) {
                int[] shape = expected.get(entry.name());
                if (shape == null) {
                    problems.add("unexpected tensor " + entry.name());
                } else if (!Arrays.equals(shape, entry.shape())) {
                    problems.add("tensor " + entry.name() + " has shape " + Arrays.toString(entry.shape()) + ", expected "
                            + Arrays.toString(shape));
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + config.name() + " weights: " + String.join("; ", problems));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String name : expected.keySet()) {
                if (safetensors.contains(name)) {
                    tensors.put(name, safetensors.read(name));
                }
            }
            try {
                return of(config, tensors);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether {@code file}'s metadata says it holds convolutional decoder weights. */
    public static boolean isConvDecoderFile(Path file) throws IOException {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            return ConvDecoderConfig.describedBy(safetensors.metadata());
        }
    }

    /**
     * Writes these weights to {@code file} as safetensors in {@code dtype}, with the config in the metadata.
     *
     * @throws IllegalArgumentException if {@code dtype} is F16 and a value lies outside its range
     */
    public void save(Path file, SafetensorsDtype dtype) throws IOException {
        SafetensorsWriter.write(file, tensors.values(), config.toMetadata(), dtype);
    }

    public ConvDecoderConfig config() {
        return config;
    }

    /** Tensors in forward order, by name; unmodifiable. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The values of tensor {@code name}, row-major; do not modify. */
    public float[] data(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException(config.name() + " weights have no tensor " + name);
        }
        return tensor.data();
    }
}
