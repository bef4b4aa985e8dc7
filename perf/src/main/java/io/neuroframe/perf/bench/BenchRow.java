package io.neuroframe.perf.bench;

/**
 * One benchmark result as the report shows it.
 *
 * @param benchmark JMH's full method name
 * @param stage frame stage
 * @param backend what runs it
 * @param config preset or variant
 * @param p50Ms median time of one call
 * @param meanMs mean time of one call
 * @param samples timed calls (sample-time mode) or single shots behind the figures
 * @param opsPerSecond calls per second, {@code 1000 / meanMs}
 * @param flops FLOPs of one call (0 when not counted)
 * @param gflops achieved GFLOP/s at the median, or {@code null} when FLOPs are not counted
 * @param ceilingPercent {@code gflops} as a percentage of the ONNX Runtime matrix-multiply ceiling,
 *     or {@code null}
 * @param bytesPerOp bytes allocated on the Java heap per call ({@code -prof gc}), or {@code null}
 *     when not measured
 */
public record BenchRow(String benchmark, String stage, String backend, String config, double p50Ms, double meanMs,
                       long samples, double opsPerSecond, long flops, Double gflops, Double ceilingPercent,
                       Double bytesPerOp) {
}
