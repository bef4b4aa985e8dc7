package io.neuroframe.perf;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A committed reference for a frame-time check: per-stage percentiles of one scenario and the
 * speed of the machine that recorded them. Stored as JSON:
 *
 * <pre>
 * {
 *   "scenario": "walk", "frames": 300, "machineGflops": 2.41,
 *   "recordedAt": "2026-11-23T21:40:00Z", "machine": "2 cores, Linux amd64, Java 17.0.15",
 *   "stages": { "decode": { "count": 300, "p50Ms": 21.3, "p95Ms": 24.0, "p99Ms": 27.5 }, ... }
 * }
 * </pre>
 *
 * @param scenario the scenario's name
 * @param frames measured frames per run
 * @param machineGflops machine speed when recorded ({@link MachineSpeed})
 * @param recordedAt when it was recorded (ISO-8601)
 * @param machine a description of the recording machine, for people reading the file
 * @param stages per-stage figures by stage label
 */
public record Baseline(String scenario, int frames, double machineGflops, String recordedAt, String machine,
                       Map<String, StageFigures> stages) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    /**
     * A baseline made from one or more runs of one scenario, stamped with the time and this machine: the machine speed is the runs' median, and each stage's
     * count and percentiles are the median over the runs after scaling each run's times to that speed (as a
     * check normalises them).
     *
     * @throws IllegalArgumentException if there are no runs, or they differ in scenario, frames or stages
     */
    public static Baseline ofMedian(List<FrameTimeRun> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("a baseline needs at least one run");
        }
        FrameTimeRun first = runs.get(0);
        for (FrameTimeRun run : runs) {
            if (!run.scenario().equals(first.scenario()) || run.frames() != first.frames()
                    || !run.stages().keySet().equals(first.stages().keySet())) {
                throw new IllegalArgumentException("runs of one baseline must share scenario, frames and stages: '"
                        + first.scenario() + "' " + first.frames() + " frames " + first.stages().keySet() + " vs '"
                        + run.scenario() + "' " + run.frames() + " frames " + run.stages().keySet());
            }
        }
        double gflops = median(runs.stream().mapToDouble(FrameTimeRun::machineGflops).toArray());
        Map<String, StageFigures> stages = new LinkedHashMap<>();
        for (String stage : first.stages().keySet()) {
            double[] count = new double[runs.size()];
            double[] p50 = new double[runs.size()];
            double[] p95 = new double[runs.size()];
            double[] p99 = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                FrameTimeRun run = runs.get(i);
                StageFigures figures = run.stages().get(stage);
                double scale = run.machineGflops() / gflops;
                count[i] = figures.count();
                p50[i] = figures.p50Ms() * scale;
                p95[i] = figures.p95Ms() * scale;
                p99[i] = figures.p99Ms() * scale;
            }
            stages.put(stage, new StageFigures((int) Math.round(median(count)), median(p50), median(p95),
                    median(p99)));
        }
        return new Baseline(first.scenario(), first.frames(), gflops, Instant.now().toString(), describeMachine(),
                stages);
    }

    /** The median; for an even number of values, the mean of the middle two. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Reads a baseline file.
     *
     * @throws NoSuchFileException if there is none
     * @throws IllegalArgumentException naming the file and the field when it is malformed
     */
    public static Baseline read(Path file) throws IOException {
        Baseline baseline;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            baseline = GSON.fromJson(in, Baseline.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("frame-time baseline " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (baseline == null) {
            throw new IllegalArgumentException("frame-time baseline " + file + " is empty");
        }
        baseline.validate(file);
        return baseline;
    }

    /** Writes this baseline as pretty-printed JSON, creating parent folders. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            GSON.toJson(this, out);
            out.write('\n');
        }
    }

    private void validate(Path file) {
        String where = "frame-time baseline " + file + ": ";
        if (scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException(where + "field 'scenario' is missing");
        }
        if (frames <= 0) {
            throw new IllegalArgumentException(where + "field 'frames' must be positive, got " + frames);
        }
        if (!(machineGflops > 0) || Double.isInfinite(machineGflops)) {
            throw new IllegalArgumentException(where + "field 'machineGflops' must be positive, got " + machineGflops);
        }
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException(where + "field 'stages' is missing or empty");
        }
        stages.forEach((stage, figures) -> {
            if (figures == null || figures.count() <= 0 || !(figures.p50Ms() >= 0) || !(figures.p95Ms() >= 0)
                    || !(figures.p99Ms() >= 0)) {
                throw new IllegalArgumentException(where + "stage '" + stage
                        + "' needs a positive 'count' and non-negative 'p50Ms', 'p95Ms', 'p99Ms', got " + figures);
            }
        });
    }

    /** Cores, operating system and Java version of this machine. */
    static String describeMachine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }
}
