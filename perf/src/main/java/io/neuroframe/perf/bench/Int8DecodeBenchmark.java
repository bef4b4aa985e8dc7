package io.neuroframe.perf.bench;

import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtOptions;
import org.openjdk.jmh.annotations.Param;

/**
 * Decode of one latent frame by the int8 form of a ViT-VAE decoder on ONNX Runtime (the budget ladder's quantized
 * rung), in the same run as {@link DecodeBenchmark}'s float32 decoders so the two compare as a ratio. Random weights
 * of the preset's shapes: the quantized graph and its cost do not depend on the values.
 *
 * <p>Only: {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main
 * '\.(Int8)?DecodeBenchmark\.'}, which runs both.
 */
public class Int8DecodeBenchmark extends DecoderBenchmark {
    @Param({"nf-small"})
    public String preset;

    @Override
    protected Decoder makeDecoder() {
        return OrtDecoder.createInt8(VitVaeWeights.random(VitVaeConfig.preset(preset), 1), OrtOptions.defaults());
    }
}
