package io.neuroframe.perf.bench;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.frame.RgbaPacker;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.render.upscale.CpuUpscaler;
import io.neuroframe.render.upscale.RgbaImage;
import io.neuroframe.render.upscale.Upscaler;
import java.nio.ByteBuffer;
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
 * The CPU reference of each upscaling pass, 640x360 to 1280x720 on one thread (the GPU shaders do
 * the same on the frame path; the CPU versions are their references and the fallback where a
 * shader cannot run).
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main UpscaleBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UpscaleBenchmark {
    /** An {@link Upscaler} constant. */
    @Param({"BILINEAR", "BICUBIC", "LANCZOS", "EDGE_ADAPTIVE"})
    public Upscaler upscaler;

    private CpuUpscaler cpu;
    private RgbaImage source;
    private RgbaImage target;

    @Setup(Level.Trial)
    public void setUp() {
        ByteBuffer rgba = FrameBuffers.rgba();
        RgbaPacker.pack(FrameBuffers.image(3), rgba, RowOrder.TOP_DOWN);
        source = RgbaImage.fromRgba8(rgba, LatentContract.IMAGE_WIDTH, LatentContract.IMAGE_HEIGHT, RowOrder.TOP_DOWN);
        target = new RgbaImage(2 * LatentContract.IMAGE_WIDTH, 2 * LatentContract.IMAGE_HEIGHT);
        cpu = upscaler.newCpuUpscaler(Upscaler.DEFAULT_SHARPNESS);
    }

    @Benchmark
    public RgbaImage upscale() {
        cpu.upscale(source, target);
        return target;
    }
}
