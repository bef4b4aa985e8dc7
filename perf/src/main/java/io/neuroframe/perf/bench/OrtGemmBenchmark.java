package io.neuroframe.perf.bench;

import io.neuroframe.perf.calibration.OrtGemm;
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
 * Calibration: a 2048 x 2048 float matrix multiply (17 GFLOP) as a one-node ONNX graph on ONNX
 * Runtime with the codec's default threads. The GFLOP/s of its fastest call is the ceiling the
 * codec's ONNX Runtime stages are measured against: dense matrix products are where those models
 * spend their FLOPs, and the fastest call is the one least disturbed by other processes. (Smaller
 * sizes read lower here: per-call overhead and thread start-up weigh more.)
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main OrtGemmBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OrtGemmBenchmark {
    /** Side of the matrices. */
    @Param({"2048"})
    public int size;

    private OrtGemm gemm;

    @Setup(Level.Trial)
    public void setUp() {
        gemm = new OrtGemm(size, 1);
    }

    @Benchmark
    public float multiply() {
        return gemm.multiply();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }
}
