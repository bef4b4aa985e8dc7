package io.neuroframe.perf.bench;

import io.neuroframe.perf.calibration.JavaGemm;
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
 * Calibration: a 512 x 512 cache-blocked float matrix multiply in plain Java on one thread. Its
 * GFLOP/s is what straightforward Java arithmetic achieves on this machine.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main JavaGemmBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JavaGemmBenchmark {
    /** Side of the matrices (a multiple of 64). */
    @Param({"512"})
    public int size;

    private JavaGemm gemm;

    @Setup(Level.Trial)
    public void setUp() {
        gemm = new JavaGemm(size, 1);
    }

    @Benchmark
    public float multiply() {
        return gemm.multiply();
    }
}
