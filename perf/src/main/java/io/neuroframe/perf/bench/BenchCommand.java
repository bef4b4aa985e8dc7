package io.neuroframe.perf.bench;

import io.neuroframe.perf.profile.DecodeProfile;
import io.neuroframe.perf.profile.DecoderComparison;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this module with JMH (sampled for percentiles, then again in average-time
 * mode with the GC profiler for bytes per call), then prints a
 * table with GFLOP/s against the machine's measured ceiling and same-run ratios, and writes the
 * results as JSON to {@code <out>/<date>-<quick|full>.json}.
 *
 * <pre>
 * BenchCommand [--quick] [--out DIR] [--include REGEX]
 *   --quick    short warm-up and measurement, no oasis-vit-l-20 decode (well under 10 minutes on 2 cores)
 *   --out      folder for the JSON (default perf/results)
 *   --include  only benchmarks whose name matches (JMH regular expression), e.g. Decode
 * BenchCommand --latency [options of {@link LatencyBench}]
 *   --latency  motion-to-photon of the encoder loopback in a real jME game instead of the stage benchmarks
 * BenchCommand --profile [options of {@link DecodeProfile}]
 *   --profile  ONNX Runtime's profile of one decoder: kernel time per operator type, fusions that fired
 * BenchCommand --compare [options of {@link DecoderComparison}]
 *   --compare  decoder files on the same real latents: output differences and interleaved decode times
 * </pre>
 * Started by {@code ./neuroframe bench}, which builds the module first.
 */
public final class BenchCommand {
    private static final String PACKAGE = BenchCommand.class.getPackageName();
    /** Benchmarks that time single calls (seconds each) and keep their own iteration counts. */
    private static final List<String> SINGLE_SHOT = List.of("ReferenceCodecBenchmark", "ReferenceConvDecodeBenchmark",
            "OasisDecodeBenchmark");

    /** A JMH result with what it measures. */
    private record Measured(BenchCatalog.Entry entry, RunResult result) {
    }

    private static final String USAGE = "usage: neuroframe bench [--quick] [--out DIR] [--include REGEX]";

    private BenchCommand() {
    }

    /** Runs the benchmarks; a refused option or input is one line on stderr and exit status 2. */
    public static void main(String[] args) throws Exception {
        try {
            dispatch(args);
        } catch (IllegalArgumentException e) {
            System.err.println("neuroframe bench: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void dispatch(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--latency")) {
            LatencyBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("--profile")) {
            DecodeProfile.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("--compare")) {
            DecoderComparison.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        boolean quick = false;
        Path out = Path.of("perf", "results");
        String include = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--include" -> include = ToolArguments.value(args, ++i, USAGE);
                case "-h", "--help" -> {
                    System.out.println(USAGE + "\n"
                            + "       neuroframe bench --latency [--help for its options]\n"
                            + "       neuroframe bench --profile [--help for its options]\n"
                            + "       neuroframe bench --compare [--help for its options]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        Instant started = Instant.now();
        List<RunResult> timings = new ArrayList<>(run(sampled(quick, include)));
        Collection<RunResult> allocations = run(allocation(quick, include));
        ChainedOptionsBuilder singleShot = singleShot(quick, include);
        if (singleShot != null) {
            Collection<RunResult> shots = run(singleShot);
            timings.addAll(shots);
            allocations = new ArrayList<>(allocations);
            allocations.addAll(shots);
        }
        BenchReport report = report(timings, bytesPerOp(allocations), quick ? "quick" : "full", started);
        System.out.println();
        System.out.print(report.table());
        Path file = out.resolve(LocalDate.ofInstant(started, ZoneOffset.UTC) + "-" + report.mode() + ".json");
        report.writeJson(file);
        System.out.println("results written to " + file);
    }

    /**
     * The sampled benchmarks, for the median and the mean; quick mode shortens warm-up and
     * measurement. No allocation profiling here: sample mode allocates a record per sample itself.
     */
    private static ChainedOptionsBuilder sampled(boolean quick, String include) {
        ChainedOptionsBuilder options = timed(include).mode(Mode.SampleTime);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        return options;
    }

    /**
     * The same benchmarks again in average-time mode, whose measurement loop allocates nothing, with
     * the GC profiler: bytes allocated per call.
     */
    private static ChainedOptionsBuilder allocation(boolean quick, String include) {
        TimeValue iteration = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        return timed(include).mode(Mode.AverageTime).addProfiler(GCProfiler.class)
                .warmupIterations(quick ? 1 : 2).warmupTime(iteration)
                .measurementIterations(quick ? 2 : 3).measurementTime(iteration);
    }

    private static ChainedOptionsBuilder timed(String include) {
        ChainedOptionsBuilder options = base(include == null ? PACKAGE + ".*" : include);
        for (String excluded : SINGLE_SHOT) {
            options.exclude(excluded);
        }
        return options;
    }

    /** The single-shot benchmarks; quick mode runs only the reference codec, with fewer shots. */
    private static ChainedOptionsBuilder singleShot(boolean quick, String include) {
        List<String> names = quick ? List.of("ReferenceCodecBenchmark", "ReferenceConvDecodeBenchmark") : SINGLE_SHOT;
        ChainedOptionsBuilder options = base("^$").addProfiler(GCProfiler.class);
        boolean any = false;
        for (String name : names) {
            if (include == null || name.matches(".*" + include + ".*")) {
                options.include(PACKAGE + "." + name + ".*");
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        if (quick) {
            options.warmupIterations(1).measurementIterations(3);
        }
        return options;
    }

    /** Forked JVMs get large thread stacks: ONNX Runtime's session set-up overflows the default. */
    private static ChainedOptionsBuilder base(String include) {
        return new OptionsBuilder().include(include).shouldFailOnError(true).jvmArgsAppend("-Xss4m");
    }

    /** Runs the benchmarks the options select; none (an --include that matches none of them) is no error. */
    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        try {
            return new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
    }

    /** Bytes per call from the GC profiler, by {@link #key}. */
    private static Map<String, Double> bytesPerOp(Collection<RunResult> results) {
        Map<String, Double> bytes = new HashMap<>();
        for (RunResult result : results) {
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc != null) {
                bytes.put(key(result), alloc.getScore());
            }
        }
        return bytes;
    }

    /** A benchmark method with its parameter values, the same in every mode. */
    private static String key(RunResult result) {
        BenchmarkParams params = result.getParams();
        StringBuilder key = new StringBuilder(params.getBenchmark());
        for (String name : new TreeSet<>(params.getParamsKeys())) {
            key.append(' ').append(name).append('=').append(params.getParam(name));
        }
        return key.toString();
    }

    static BenchReport report(Collection<RunResult> results, Map<String, Double> bytesPerOp, String mode,
                              Instant started) {
        List<Measured> measured = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            measured.add(new Measured(BenchCatalog.describe(benchmark, key -> result.getParams().getParam(key)), result));
        }
        measured.sort(Comparator.comparingInt(m -> m.entry().order()));
        Double ceiling = gemmGflops(measured, "onnx");
        Double javaGemm = gemmGflops(measured, "java");
        List<BenchRow> rows = new ArrayList<>();
        for (Measured m : measured) {
            rows.add(row(m.entry(), m.result(), ceiling, bytesPerOp.get(key(m.result()))));
        }
        double seconds = (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0;
        return new BenchReport(started.toString(), mode, machine(), javaGemm, ceiling, rows, BenchReport.ratios(rows),
                seconds);
    }

    /**
     * GFLOP/s of the fastest call of the calibration multiply on {@code backend} (a ceiling is the
     * best the machine did), or {@code null} when it did not run.
     */
    private static Double gemmGflops(List<Measured> measured, String backend) {
        for (Measured m : measured) {
            if (m.entry().stage().equals("calibration gemm") && m.entry().backend().equals(backend)) {
                return m.entry().flops() / (m.result().getPrimaryResult().getStatistics().getMin() * 1e6);
            }
        }
        return null;
    }

    private static BenchRow row(BenchCatalog.Entry entry, RunResult result, Double ceiling, Double bytesPerOp) {
        String benchmark = result.getParams().getBenchmark();
        Result<?> primary = result.getPrimaryResult();
        if (!primary.getScoreUnit().equals("ms/op")) {
            throw new IllegalStateException(benchmark + ": expected ms/op, got " + primary.getScoreUnit());
        }
        double p50 = primary.getStatistics().getPercentile(50.0);
        double mean = primary.getStatistics().getMean();
        Double gflops = entry.flops() == 0 ? null : entry.flops() / (p50 * 1e6);
        Double percent = gflops == null || ceiling == null ? null : 100.0 * gflops / ceiling;
        return new BenchRow(benchmark, entry.stage(), entry.backend(), entry.config(), p50, mean,
                primary.getStatistics().getN(), 1000.0 / mean, entry.flops(), gflops, percent, bytesPerOp);
    }

    /** Cores, CPU model, memory, operating system and Java version. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU stays unnamed
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB, %s %s, Java %s",
                Runtime.getRuntime().availableProcessors(), cpu, memory / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }
}
