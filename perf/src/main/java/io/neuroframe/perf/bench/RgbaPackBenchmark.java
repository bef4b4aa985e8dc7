package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.frame.RgbaPacker;
import io.neuroframe.api.frame.RowOrder;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packing a decoded planar RGB frame into RGBA8 for texture upload (the pipeline's pack stage), in
 * both row orders, and unpacking the engine's render for the encoder.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main RgbaPackBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RgbaPackBenchmark {
    /** {@code TOP_DOWN} (image files) or {@code BOTTOM_UP} (OpenGL textures). */
    @Param({"TOP_DOWN", "BOTTOM_UP"})
    public RowOrder rowOrder;

    private FloatBuffer planar;
    private ByteBuffer rgba;
    private FloatBuffer unpacked;

    @Setup(Level.Trial)
    public void setUp() {
        planar = FrameBuffers.image(3);
        rgba = FrameBuffers.rgba();
        RgbaPacker.pack(planar, rgba, rowOrder);
        unpacked = NativeBuffers.floats(planar.capacity());
    }

    @Benchmark
    public ByteBuffer pack() {
        RgbaPacker.pack(planar, rgba, rowOrder);
        return rgba;
    }

    @Benchmark
    public FloatBuffer unpack() {
        RgbaPacker.unpack(rgba, rowOrder, unpacked);
        return unpacked;
    }
}
