package io.neuroframe.perf.bench;

import io.neuroframe.codec.Encoder;
import io.neuroframe.codec.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode of one 640x360 frame (batch 1: the encoder-loopback source encodes the engine's own render
 * every frame) per backend, with weights of the preset's exact shapes.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main EncodeBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBenchmark {
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
        latent = FrameBuffers.floats(LatentContract.LATENT_FLOATS);
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
