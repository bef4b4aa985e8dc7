package io.neuroframe.perf.bench;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtOptions;
import java.nio.FloatBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decode of one latent frame by the int8 form of a ViT-VAE decoder on ONNX Runtime (the budget ladder's quantized
 * rung), in the same run as {@link DecodeBenchmark}'s float32 decoders so the two compare as a ratio. Random weights
 * of the preset's shapes: the quantized graph and its cost do not depend on the values.
 *
 * <p>Only: {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main
 * "DecodeBenchmark.decode"}, which runs both.
 */
public class Int8DecodeBenchmark extends FrameStageBenchmark {
    @Param({"nf-small"})
    public String preset;

    private Decoder decoder;
    private FloatBuffer latent;
    private FloatBuffer image;

    @Setup(Level.Trial)
    public void setUp() {
        decoder = OrtDecoder.createInt8(VitVaeWeights.random(VitVaeConfig.preset(preset), 1), OrtOptions.defaults());
        latent = FrameBuffers.latent(2);
        image = FrameBuffers.floats(LatentContract.IMAGE_FLOATS);
    }

    @Benchmark
    public FloatBuffer decode() {
        decoder.decode(latent, image);
        return image;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
    }
}
