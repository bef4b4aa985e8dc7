package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import java.nio.FloatBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encode of one 640x360 frame (batch 1: the encoder-loopback source encodes the engine's own render
 * every frame) per backend, with weights of the preset's exact shapes.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main EncodeBenchmark -prof gc}
 */
public class EncodeBenchmark extends FrameStageBenchmark {
    /** {@code onnx} or {@code djl}; the plain-Java reference has its own, shorter benchmark. */
    @Param({"onnx", "djl"})
    public String backend;

    /** A ViT-VAE preset. */
    @Param({"nf-small"})
    public String preset;

    private Encoder encoder;
    private FloatBuffer image;
    private FloatBuffer latent;

    @Setup(Level.Trial)
    public void setUp() {
        encoder = CodecBackend.of(backend).encoder(VitVaeWeights.random(VitVaeConfig.preset(preset), 1));
        image = FrameBuffers.image(3);
        latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
    }

    @Benchmark
    public FloatBuffer encode() {
        encoder.encode(image, latent);
        return latent;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
    }
}
