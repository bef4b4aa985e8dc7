package io.neuroframe.perf;

import io.neuroframe.perf.StageFigures.Percentile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A run compared with its baseline, stage by stage and percentile by percentile, after scaling
 * the run's times to the baseline machine: {@code normalised = measured * runGflops / baselineGflops}
 * (a machine twice as fast takes half the time, so its times are doubled before comparing).
 */
public final class FrameTimeComparison {

    /** The outcome of one comparison. */
    public enum Verdict {
        /** Within the tolerance. */
        OK,
        /** Slower than the tolerance allows. */
        REGRESSED,
        /** Too few samples for this percentile; not compared. */
        FEW_SAMPLES,
        /** The baseline has this stage but the run did not record it. */
        MISSING,
        /** The run recorded a stage the baseline does not have. */
        NEW
    }

    /**
     * One line of the comparison.
     *
     * @param stage stage label
     * @param percentile the percentile compared ({@code null} for {@link Verdict#MISSING} and {@link Verdict#NEW})
     * @param baselineMs the baseline's figure (NaN when there is none)
     * @param measuredMs the run's figure as measured (NaN when there is none)
     * @param normalisedMs the run's figure scaled to the baseline machine (NaN when there is none)
     * @param limit the allowed ratio
     * @param verdict the outcome
     */
    public record Row(String stage, Percentile percentile, double baselineMs, double measuredMs, double normalisedMs,
                      double limit, Verdict verdict) {

        /** Normalised over baseline. */
        public double ratio() {
            return normalisedMs / baselineMs;
        }
    }

    private final Baseline baseline;
    private final FrameTimeRun run;
    private final double speedScale;
    private final List<Row> rows;

    private FrameTimeComparison(Baseline baseline, FrameTimeRun run, double speedScale, List<Row> rows) {
        this.baseline = baseline;
        this.run = run;
        this.speedScale = speedScale;
        this.rows = Collections.unmodifiableList(rows);
    }

    /** Compares {@code run} with {@code baseline} under {@code tolerance}. */
    public static FrameTimeComparison compare(Baseline baseline, FrameTimeRun run, Tolerance tolerance) {
        double scale = run.machineGflops() / baseline.machineGflops();
        List<Row> rows = new ArrayList<>();
        Set<String> stages = new LinkedHashSet<>(baseline.stages().keySet());
        stages.addAll(run.stages().keySet());
        for (String stage : stages) {
            StageFigures before = baseline.stages().get(stage);
            StageFigures now = run.stages().get(stage);
            if (now == null) {
                rows.add(new Row(stage, null, before.p50Ms(), Double.NaN, Double.NaN, Double.NaN, Verdict.MISSING));
                continue;
            }
            if (before == null) {
                rows.add(new Row(stage, null, Double.NaN, now.p50Ms(), now.p50Ms() * scale, Double.NaN, Verdict.NEW));
                continue;
            }
            for (Percentile p : Percentile.values()) {
                double measured = now.at(p);
                double normalised = measured * scale;
                double limit = tolerance.ratio(p);
                Verdict verdict;
                if (Math.min(now.count(), before.count()) < tolerance.minSamples(p)) {
                    verdict = Verdict.FEW_SAMPLES;
                } else if (normalised > before.at(p) * limit && normalised - before.at(p) > tolerance.slackMillis()) {
                    verdict = Verdict.REGRESSED;
                } else {
                    verdict = Verdict.OK;
                }
                rows.add(new Row(stage, p, before.at(p), measured, normalised, limit, verdict));
            }
        }
        return new FrameTimeComparison(baseline, run, scale, rows);
    }

    /** Whether any stage regressed, went missing or is new (a changed scenario needs a new baseline). */
    public boolean failed() {
        return rows.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSED || r.verdict() == Verdict.MISSING
                || r.verdict() == Verdict.NEW);
    }

    /** Every comparison made. */
    public List<Row> rows() {
        return rows;
    }

    /** The run that was compared. */
    public FrameTimeRun run() {
        return run;
    }

    /** The baseline it was compared with. */
    public Baseline baseline() {
        return baseline;
    }

    /** Run machine speed over baseline machine speed; the factor applied to the run's times. */
    public double speedScale() {
        return speedScale;
    }

    /** A readable per-stage table with a header naming both machines. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "scenario '%s', %d frames; machine %.2f GFLOP/s now, %.2f GFLOP/s "
                        + "when the baseline was recorded (%s, %s): times x %.3f%n", run.scenario(), run.frames(),
                run.machineGflops(), baseline.machineGflops(), baseline.machine(), baseline.recordedAt(), speedScale));
        out.append(String.format(Locale.ROOT, "%-18s %-4s %12s %12s %14s %7s %6s  %s%n", "stage", "pct", "baseline ms",
                "measured ms", "normalised ms", "ratio", "limit", "verdict"));
        for (Row r : rows) {
            String pct = r.percentile() == null ? "-" : r.percentile().label();
            out.append(String.format(Locale.ROOT, "%-18s %-4s %12s %12s %14s %7s %6s  %s%n", r.stage(), pct,
                    fmt(r.baselineMs()), fmt(r.measuredMs()), fmt(r.normalisedMs()),
                    Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.ratio()),
                    Double.isNaN(r.limit()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.limit()), describe(r)));
        }
        return out.toString();
    }

    private static String describe(Row r) {
        return switch (r.verdict()) {
            case OK -> "ok";
            case REGRESSED -> "REGRESSED";
            case FEW_SAMPLES -> "not compared (too few samples)";
            case MISSING -> "MISSING: stage not recorded in this run";
            case NEW -> "NEW: stage not in the baseline";
        };
    }

    private static String fmt(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.3f", ms);
    }
}
