package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
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
 * The plain-Java reference codec (the one the other backends are checked against), decode and
 * encode of one frame. It takes most of a second per call, so each call is timed on its own
 * (single shot) a few times rather than sampled.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main ReferenceCodecBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(1)
public class ReferenceCodecBenchmark {
    /** A ViT-VAE preset. */
    @Param({"nf-small"})
    public String preset;

    private Decoder decoder;
    private Encoder encoder;
    private FloatBuffer latent;
    private FloatBuffer image;
    private FloatBuffer decoded;
    private FloatBuffer encoded;

    @Setup(Level.Trial)
    public void setUp() {
        VitVaeWeights weights = VitVaeWeights.random(VitVaeConfig.preset(preset), 1);
        decoder = CodecBackend.REFERENCE.decoder(weights);
        encoder = CodecBackend.REFERENCE.encoder(weights);
        latent = FrameBuffers.latent(2);
        image = FrameBuffers.image(3);
        decoded = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
        encoded = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
    }

    @Benchmark
    public FloatBuffer decode() {
        decoder.decode(latent, decoded);
        return decoded;
    }

    @Benchmark
    public FloatBuffer encode() {
        encoder.encode(image, encoded);
        return encoded;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
        encoder.close();
    }
}
