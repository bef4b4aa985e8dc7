package io.neuroframe.perf.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one {@code ./neuroframe bench} run: the machine, its calibration, one row per
 * benchmark, and ratios between stages taken in the same run. Printed as a table and written as JSON.
 *
 * @param date when the run started (ISO-8601)
 * @param mode {@code quick} or {@code full}
 * @param machine cores, CPU, memory, operating system and Java of the machine
 * @param javaGemmGflops plain-Java matrix multiply speed, fastest call, one thread ({@code null} when not run)
 * @param ortGemmGflops ONNX Runtime matrix multiply speed, fastest call: the ceiling for the model
 *     stages ({@code null} when not run)
 * @param rows benchmark results in table order
 * @param ratios same-run time ratios, by description
 * @param seconds wall time of the whole run
 */
public record BenchReport(String date, String mode, String machine, Double javaGemmGflops, Double ortGemmGflops,
                          List<BenchRow> rows, Map<String, Double> ratios, double seconds) {

    /** The reference decoder the ratios divide by: nf-small on ONNX Runtime, the default frame path. */
    static final String REFERENCE_PRESET = "nf-small";

    /** Same-run ratios of median times (smaller than 1: the first is faster), for the rows present. */
    static Map<String, Double> ratios(List<BenchRow> rows) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        Optional<BenchRow> decode = find(rows, "decode", "onnx", REFERENCE_PRESET);
        ratio(ratios, "decode onnx/djl (nf-small)", decode, find(rows, "decode", "djl", REFERENCE_PRESET));
        ratio(ratios, "encode onnx/djl (nf-small)", find(rows, "encode", "onnx", REFERENCE_PRESET),
                find(rows, "encode", "djl", REFERENCE_PRESET));
        ratio(ratios, "decode reference/onnx (nf-small)", find(rows, "decode", "reference", REFERENCE_PRESET), decode);
        ratio(ratios, "decode nf-tiny/nf-small (onnx)", find(rows, "decode", "onnx", "nf-tiny"), decode);
        ratio(ratios, "decode oasis-vit-l-20/nf-small (onnx)", find(rows, "decode", "onnx", "oasis-vit-l-20"), decode);
        ratio(ratios, "encode/decode (onnx, nf-small)", find(rows, "encode", "onnx", REFERENCE_PRESET), decode);
        for (BenchRow row : rows) {
            if (row.stage().equals("adapter")) {
                ratio(ratios, "adapter " + row.config() + " (" + row.backend() + ")/decode", Optional.of(row), decode);
            }
        }
        ratio(ratios, "pack/decode (bottom-up)", find(rows, "pack", "java", "bottom-up"), decode);
        for (BenchRow row : rows) {
            if (row.stage().equals("upload") || row.stage().equals("upscale")) {
                ratio(ratios, row.stage() + " " + row.config() + "/decode", Optional.of(row), decode);
            }
        }
        ratio(ratios, "pipeline step/decode (nf-small)", find(rows, "source+decode+pack", "onnx", REFERENCE_PRESET),
                decode);
        return ratios;
    }

    private static void ratio(Map<String, Double> into, String name, Optional<BenchRow> a, Optional<BenchRow> b) {
        if (a.isPresent() && b.isPresent()) {
            into.put(name, a.get().p50Ms() / b.get().p50Ms());
        }
    }

    private static Optional<BenchRow> find(List<BenchRow> rows, String stage, String backend, String config) {
        return rows.stream().filter(r -> r.stage().equals(stage) && r.backend().equals(backend)
                && r.config().equals(config)).findFirst();
    }

    /** The readable table: one line per benchmark, then the ratios. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "NeuroFrame bench (%s), %s%n%s%n", mode, date, machine));
        out.append(String.format(Locale.ROOT, "calibration (fastest call): java gemm %s GFLOP/s (1 thread), onnx gemm %s"
                + " GFLOP/s (the ceiling for %% of ceiling)%n%n", gflops(javaGemmGflops), gflops(ortGemmGflops)));
        out.append(String.format(Locale.ROOT, "%-19s %-10s %-17s %10s %10s %9s %10s %12s%n", "stage", "backend",
                "preset/variant", "p50 ms", "ops/s", "GFLOP/s", "% ceiling", "bytes/op"));
        for (BenchRow r : rows) {
            out.append(String.format(Locale.ROOT, "%-19s %-10s %-17s %10s %10.1f %9s %10s %12s%n", r.stage(),
                    r.backend(), r.config(), millis(r.p50Ms()), r.opsPerSecond(),
                    r.gflops() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.gflops()),
                    r.ceilingPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", r.ceilingPercent()),
                    r.bytesPerOp() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.bytesPerOp())));
        }
        out.append(String.format(Locale.ROOT, "%nsame-run ratios of p50 times (below 1: the first is faster)%n"));
        ratios.forEach((name, value) -> out.append(String.format(Locale.ROOT, "  %-42s %8.3f%n", name, value)));
        out.append(String.format(Locale.ROOT, "%ntotal %.0f s%n", seconds));
        return out.toString();
    }

    private static String gflops(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String millis(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.3f", ms);
    }

    /** Writes this report as pretty-printed JSON, creating parent folders. */
    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(this) + "\n",
                StandardCharsets.UTF_8);
    }
}
