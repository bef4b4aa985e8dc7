package io.neuroframe.render.timing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * Writes what a {@link StageClock} holds as a Chrome trace or as CSV.
 *
 * <p>The trace follows the Trace Event Format (JSON object with {@code traceEvents}), which
 * Perfetto and {@code chrome://tracing} open: one complete event ({@code "ph":"X"}) per stage
 * interval on one row per {@link Stage.Lane}, and one async span per frame for motion-to-photon
 * latency, with the frame's breakdown nested in it: each stage it passed and each wait before one
 * ({@link Stage#waitLabel()}, e.g. {@code "latent queue"}), so the span reads as the frame's way
 * from input to screen. Times are microseconds from the earliest interval held. The CSV has one row
 * per interval: {@code frame,stage,lane,start_ms,end_ms,duration_ms}, times in milliseconds from the
 * earliest interval; waits are on the {@code hand-off} lane, motion-to-photon on {@code latency}.
 */
public final class TraceExport {
    private static final int PID = 1;
    private static final int LATENCY_TID = Stage.Lane.values().length + 1;

    private TraceExport() {
    }

    /** Writes the clock's intervals as a Chrome trace to {@code file}. */
    public static void writeChromeTrace(StageClock clock, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeChromeTrace(clock, out);
        }
    }

    /** Writes the clock's intervals as CSV to {@code file}. */
    public static void writeCsv(StageClock clock, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(clock, out);
        }
    }

    /** Writes the clock's intervals as a Chrome trace (JSON) to {@code out}. */
    public static void writeChromeTrace(StageClock clock, Appendable out) throws IOException {
        List<StageSample> samples = clock.snapshot();
        long origin = samples.isEmpty() ? 0 : samples.get(0).startNanos();
        Set<Long> shown = new HashSet<>();
        for (StageSample s : samples) {
            if (s.kind() == StageSample.Kind.MOTION_TO_PHOTON) {
                shown.add(s.frameId());
            }
        }
        out.append("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
        out.append(metadata("process_name", 0, "NeuroFrame pipeline"));
        for (Stage.Lane lane : Stage.Lane.values()) {
            out.append(",\n").append(metadata("thread_name", tid(lane), lane.label()));
        }
        out.append(",\n").append(metadata("thread_name", LATENCY_TID, "motion-to-photon"));
        for (StageSample s : samples) {
            if (s.kind() == StageSample.Kind.STAGE) {
                out.append(",\n");
                out.append(String.format(Locale.ROOT,
                        "{\"name\":\"%s\",\"cat\":\"stage\",\"ph\":\"X\",\"pid\":%d,\"tid\":%d,\"ts\":%.3f,\"dur\":%.3f,"
                                + "\"args\":{\"frame\":%d}}",
                        s.label(), PID, tid(s.stage().lane()), micros(s.startNanos() - origin),
                        micros(s.durationNanos()), s.frameId()));
            }
            // The frame's span and, nested in it, every part of its breakdown that takes time.
            if (shown.contains(s.frameId()) && s.durationNanos() > 0) {
                out.append(",\n").append(asyncEvent("b", s, micros(s.startNanos() - origin)));
                out.append(",\n").append(asyncEvent("e", s, micros(s.endNanos() - origin)));
            }
        }
        out.append("\n]}\n");
    }

    /** Writes the clock's intervals as CSV to {@code out}. */
    public static void writeCsv(StageClock clock, Appendable out) throws IOException {
        List<StageSample> samples = clock.snapshot();
        long origin = samples.isEmpty() ? 0 : samples.get(0).startNanos();
        out.append("frame,stage,lane,start_ms,end_ms,duration_ms\n");
        for (StageSample s : samples) {
            String lane = switch (s.kind()) {
                case STAGE -> s.stage().lane().label();
                case WAIT -> "hand-off";
                case MOTION_TO_PHOTON -> "latency";
            };
            out.append(String.format(Locale.ROOT, "%d,%s,%s,%.4f,%.4f,%.4f%n", s.frameId(), s.label(), lane,
                    millis(s.startNanos() - origin), millis(s.endNanos() - origin), millis(s.durationNanos())));
        }
    }

    private static String metadata(String kind, int tid, String name) {
        return String.format(Locale.ROOT, "{\"name\":\"%s\",\"ph\":\"M\",\"pid\":%d,\"tid\":%d,\"args\":{\"name\":\"%s\"}}",
                kind, PID, tid, name);
    }

    /** A nestable async event on the frame's track: one category and the frame id, so its parts nest in its span. */
    private static String asyncEvent(String phase, StageSample s, double ts) {
        return String.format(Locale.ROOT,
                "{\"name\":\"%s\",\"cat\":\"latency\",\"ph\":\"%s\",\"id\":%d,\"pid\":%d,\"tid\":%d,"
                        + "\"ts\":%.3f,\"args\":{\"frame\":%d,\"kind\":\"%s\"}}",
                s.label(), phase, s.frameId(), PID, LATENCY_TID, ts, s.frameId(),
                s.kind().name().toLowerCase(Locale.ROOT));
    }

    private static int tid(Stage.Lane lane) {
        return lane.ordinal() + 1;
    }

    private static double micros(long nanos) {
        return nanos / 1e3;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
