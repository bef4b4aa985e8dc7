package io.neuroframe.perf.bench;

import io.neuroframe.api.Decoder;
import org.openjdk.jmh.annotations.Param;

/**
 * Decode of one latent frame (batch 1, the frame path) per backend, with weights of the preset's
 * exact shapes (random values: the cost does not depend on them).
 *
 * <p>How to run: {@code ./neuroframe bench} (all benchmarks with a table), or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main DecodeBenchmark -prof gc}
 */
public class DecodeBenchmark extends DecoderBenchmark {
    /** {@code onnx} or {@code djl}; the plain-Java reference has its own, shorter benchmark. */
    @Param({"onnx", "djl"})
    public String backend;

    /**
     * A ViT-VAE preset or the convolutional {@code nf-tiny}; {@code oasis-vit-l-20} has
     * {@link OasisDecodeBenchmark}.
     */
    @Param({"nf-small", "nf-tiny"})
    public String preset;

    @Override
    protected Decoder makeDecoder() {
        return CodecBackend.of(backend).decoderOfPreset(preset);
    }
}
