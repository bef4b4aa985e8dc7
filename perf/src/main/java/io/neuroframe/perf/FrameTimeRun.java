package io.neuroframe.perf;

import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.timing.StageSample;
import io.neuroframe.render.timing.TraceExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured frames of one scenario run: per-stage percentiles and the machine speed measured
 * around the run. Keeps the scenario's clock, so the run can be written as a Chrome trace.
 *
 * @param scenario the scenario's name
 * @param frames measured frames
 * @param machineGflops machine speed around the run: the median of the samples taken just before and after it
 * @param stages per-stage figures by stage label, in pipeline order
 * @param clock the clock the scenario recorded on (its history holds the measured frames)
 */
public record FrameTimeRun(String scenario, int frames, double machineGflops, Map<String, StageFigures> stages,
                           StageClock clock) {

    public FrameTimeRun {
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /**
     * Summarises the intervals of {@code clock} that started at or after {@code fromNanos}, per stage
     * (and motion-to-photon where recorded), with nearest-rank percentiles. The waits between stages
     * are left out: they follow the scheduling of the threads more than the work of any stage.
     */
    static Map<String, StageFigures> summarise(StageClock clock, long fromNanos) {
        Map<String, List<Long>> durations = new LinkedHashMap<>();
        for (StageSample sample : clock.snapshot()) {
            if (sample.kind() != StageSample.Kind.WAIT && sample.startNanos() >= fromNanos) {
                durations.computeIfAbsent(sample.label(), k -> new ArrayList<>()).add(sample.durationNanos());
            }
        }
        Map<String, StageFigures> figures = new LinkedHashMap<>();
        durations.keySet().stream().sorted(Comparator.comparingInt(FrameTimeRun::pipelineOrder)).forEach(label -> {
            List<Long> values = durations.get(label);
            Collections.sort(values);
            figures.put(label, new StageFigures(values.size(), rankMillis(values, 0.50), rankMillis(values, 0.95),
                    rankMillis(values, 0.99)));
        });
        return figures;
    }

    /** Stages in the order a frame passes through them, motion-to-photon last. */
    private static int pipelineOrder(String label) {
        for (Stage stage : Stage.values()) {
            if (stage.label().equals(label)) {
                return stage.ordinal();
            }
        }
        return Stage.count();
    }

    private static double rankMillis(List<Long> sorted, double p) {
        int index = Math.max(0, (int) Math.ceil(p * sorted.size()) - 1);
        return sorted.get(index) / 1e6;
    }

    /**
     * Writes the run as {@code <scenario>-trace.json} (Chrome trace; open it in Perfetto or
     * chrome://tracing) and {@code <scenario>-stages.csv} into {@code dir}, and returns the trace path.
     */
    public Path writeTrace(Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = scenario.replaceAll("[^A-Za-z0-9._-]", "_");
        Path trace = dir.resolve(base + "-trace.json");
        TraceExport.writeChromeTrace(clock, trace);
        TraceExport.writeCsv(clock, dir.resolve(base + "-stages.csv"));
        return trace;
    }
}
