package io.neuroframe.perf;

import io.neuroframe.perf.calibration.JavaGemm;

/**
 * How fast the machine running a frame-time check is, in GFLOP/s of a fixed workload. The
 * harness stores it with a baseline and scales the times of a later run by the ratio of the two
 * speeds, so a baseline recorded on one machine is meaningful on another.
 *
 * <p>The harness takes short samples just before and just after the frames of a run (not during
 * them: a scenario's own worker threads would slow the samples down and hide its regressions) and
 * uses their median. It measures the speed of a core, not the load on it: load from other
 * processes is what the harness's repeated attempts and quiet-machine baselines are for.
 */
public interface MachineSpeed {

    /** Brings the workload to steady state (JIT compilation); called once before a run's samples. */
    void warmUp();

    /** One short measurement, in GFLOP/s (larger is faster). */
    double sampleGflops();

    /**
     * The default yardstick: a 128 x 128 cache-blocked float matrix multiply (4.2 MFLOP, well under a
     * millisecond) on one thread in plain Java ({@link JavaGemm}), warmed up for at least 0.3 s before
     * sampling (a cold loop reads less than half its steady speed). Samples this short mostly run
     * between two preemptions, so their median measures the core, not other processes' load: with
     * twice as many busy threads as cores it read within 1% of the quiet figure, where 6 ms samples
     * read 40% slow and scaled a doubled stage back inside its limit.
     */
    static MachineSpeed javaGemm() {
        JavaGemm gemm = new JavaGemm(128, 42);
        return new MachineSpeed() {
            private float sink;

            @Override
            public void warmUp() {
                long end = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < end) {
                    sink += gemm.multiply();
                }
            }

            @Override
            public double sampleGflops() {
                long start = System.nanoTime();
                sink += gemm.multiply();
                long nanos = Math.max(1, System.nanoTime() - start);
                if (Float.isNaN(sink)) {
                    throw new IllegalStateException("calibration workload produced NaN");
                }
                return gemm.flops() / (double) nanos;
            }
        };
    }

    /**
     * No yardstick: a fixed 1 GFLOP/s, so times are compared as measured. For checks whose baselines are recorded
     * on the machine class that runs them and whose stages follow the load of the scenario's own threads more
     * closely than the single-threaded yardstick (see {@link FrameTimeRegression#normaliseSpeed()}).
     */
    static MachineSpeed unmeasured() {
        return fixed(1.0);
    }

    /** A speed that is not measured: for tests, and for comparing runs on one machine only. */
    static MachineSpeed fixed(double gflops) {
        if (!(gflops > 0) || Double.isInfinite(gflops)) {
            throw new IllegalArgumentException("gflops must be positive and finite, got " + gflops);
        }
        return new MachineSpeed() {
            @Override
            public void warmUp() {
            }

            @Override
            public double sampleGflops() {
                return gflops;
            }
        };
    }
}
