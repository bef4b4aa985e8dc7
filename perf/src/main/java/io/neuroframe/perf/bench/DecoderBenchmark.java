package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decode of one latent frame (batch 1, the frame path) by the decoder a subclass makes from its parameters: the
 * measured call, its buffers and the decoder's lifetime are the same for every decoder benchmark.
 */
public abstract class DecoderBenchmark extends FrameStageBenchmark {
    private Decoder decoder;
    private FloatBuffer latent;
    private FloatBuffer image;

    /** The decoder to time, made once per trial after JMH has set the subclass's parameters. */
    protected abstract Decoder makeDecoder();

    @Setup(Level.Trial)
    public void setUp() {
        decoder = makeDecoder();
        latent = FrameBuffers.latent(2);
        image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
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
