package io.neuroframe.world.train;

import io.neuroframe.world.dream.ScriptedPlay;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Whether a world model's dream holds together: per style, the {@link CoherenceCurve}s of its
 * rollouts and of the held-out real frames against the style's {@link StyleReference}.
 *
 * <p>The check the dream has to pass is one call: {@link #holdsTogether(int)} is true when, at that
 * step, every statistic of every model rollout curve of every style is within
 * {@value #SPREAD_FACTOR} times the style's real-to-real spread; {@link #breaches} lists the figures
 * that are not.
 *
 * @param horizon the steps the rollouts were asked to run
 * @param window steps each figure is averaged over
 * @param styles one result per measured style
 */
public record CoherenceReport(int horizon, int window, List<StyleResult> styles) {
    /** How many real-to-real spreads from the real frames a figure may be and still hold together. */
    public static final double SPREAD_FACTOR = 2;

    /** One style: its reference and its curves (a driver without rollouts has no curve). */
    public record StyleResult(StyleReference reference, Map<CoherenceCurve.Driver, CoherenceCurve> curves) {
    }

    /** A figure beyond the allowed distance: {@code ratio} spreads in {@code statistic}. */
    public record Breach(String style, CoherenceCurve.Driver driver, CoherenceStatistic statistic, double ratio) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %s, %s: %.2f", style, driver.label(), statistic.label(), ratio);
        }
    }

    /**
     * Whether, at {@code step}, every statistic of every model curve that reaches it is within
     * {@value #SPREAD_FACTOR} real-to-real spreads of the real frames, in every style.
     *
     * @throws IllegalArgumentException if some style has no model rollout that reaches {@code step}
     */
    public boolean holdsTogether(int step) {
        return breaches(step, SPREAD_FACTOR).isEmpty();
    }

    /**
     * The figures of model curves at {@code step} more than {@code factor} real-to-real spreads from the
     * real frames, largest first.
     *
     * @throws IllegalArgumentException if some style has no model rollout that reaches {@code step}
     */
    public List<Breach> breaches(int step, double factor) {
        List<Breach> out = new ArrayList<>();
        for (StyleResult r : styles) {
            List<CoherenceCurve> reaching = modelCurves(r).stream().filter(c -> c.reaches(step)).toList();
            if (reaching.isEmpty()) {
                throw new IllegalArgumentException("no rollout of style " + r.reference().style() + " reaches step " + step
                        + ": the longest runs " + (modelCurves(r).stream().mapToInt(CoherenceCurve::steps).max().orElse(1) - 1)
                        + " steps");
            }
            for (CoherenceCurve c : reaching) {
                addBreaches(out, r.reference().style(), c, step, factor);
            }
        }
        return largestFirst(out);
    }

    /**
     * The check's calibration: the figures of the held-out trajectories' own real frames, at the last step each
     * reaches, more than {@code factor} real-to-real spreads from the style, largest first. A real trajectory of the
     * style ought to be within; each one beyond says the reference is too small to tell a real trajectory from
     * drift in that figure, and the model's breaches there mean less.
     */
    public List<Breach> realBreaches(double factor) {
        List<Breach> out = new ArrayList<>();
        for (StyleResult r : styles) {
            CoherenceCurve real = r.curves().get(CoherenceCurve.Driver.REAL);
            if (real == null || real.steps() < 2) {
                continue;
            }
            addBreaches(out, r.reference().style(), real, real.steps() - 1, factor);
        }
        return largestFirst(out);
    }

    /** Adds each figure of {@code curve} at {@code step} more than {@code factor} spreads from the style. */
    private static void addBreaches(List<Breach> out, String style, CoherenceCurve curve, int step, double factor) {
        for (CoherenceStatistic s : CoherenceStatistic.values()) {
            double ratio = curve.ratio(s, step);
            if (ratio > factor) {
                out.add(new Breach(style, curve.driver(), s, ratio));
            }
        }
    }

    private static List<Breach> largestFirst(List<Breach> breaches) {
        breaches.sort(Comparator.comparingDouble(Breach::ratio).reversed());
        return breaches;
    }

    private static List<CoherenceCurve> modelCurves(StyleResult r) {
        return r.curves().values().stream().filter(c -> c.driver().model()).toList();
    }

    /**
     * A text table: per style and curve, the ratio of each statistic at step 1, 10, 30, 100 and the horizon
     * (those the curve reaches), then whether the dream holds together at the horizon.
     */
    public String table() {
        int[] shown = IntStream.of(1, 10, 30, 100, horizon).filter(s -> s >= 1 && s <= horizon).sorted().distinct().toArray();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "holds together: each figure over the %d steps up to the one shown, as a "
                + "multiple of the real-to-real spread (at most %.0f to hold)%n", window, SPREAD_FACTOR));
        sb.append(String.format(Locale.ROOT, "%-10s %-24s %6s %8s", "style", "frames", "step", "samples"));
        for (CoherenceStatistic s : CoherenceStatistic.values()) {
            sb.append(String.format(Locale.ROOT, " %16s", s.key()));
        }
        sb.append(System.lineSeparator());
        for (StyleResult r : styles) {
            for (CoherenceCurve c : r.curves().values()) {
                for (int step : shown) {
                    if (!c.reaches(step)) {
                        continue;
                    }
                    sb.append(String.format(Locale.ROOT, "%-10s %-24s %6d %8d", r.reference().style(), c.driver().label(),
                            step, c.samples()[step]));
                    for (CoherenceStatistic s : CoherenceStatistic.values()) {
                        sb.append(String.format(Locale.ROOT, " %16.2f", c.ratio(s, step)));
                    }
                    sb.append(System.lineSeparator());
                }
            }
        }
        List<Breach> breaches = breaches(horizon, SPREAD_FACTOR);
        int figures = styles.stream().mapToInt(r -> (int) modelCurves(r).stream().filter(c -> c.reaches(horizon)).count())
                .sum() * CoherenceStatistic.values().length;
        sb.append(String.format(Locale.ROOT, "at step %d every figure within %.0fx the real-to-real spread: %s%n", horizon,
                SPREAD_FACTOR, breaches.isEmpty() ? "yes" : "no, " + breaches.size() + " of " + figures
                        + " beyond (largest: " + breaches.get(0) + ")"));
        List<Breach> real = realBreaches(SPREAD_FACTOR);
        long realFigures = styles.stream().filter(r -> r.curves().containsKey(CoherenceCurve.Driver.REAL)).count()
                * CoherenceStatistic.values().length;
        if (realFigures > 0) {
            sb.append(String.format(Locale.ROOT, "calibration: the held-out real frames at their last step, %d of %d "
                    + "figures beyond %.0fx%s%n", real.size(), realFigures, SPREAD_FACTOR, real.isEmpty() ? ""
                    : " (largest: " + real.get(0) + "; a larger --reference-trajectories measures the spread better)"));
        }
        return sb.toString();
    }

    private static JsonObject breachJson(Breach b) {
        JsonObject o = new JsonObject();
        o.addProperty("style", b.style());
        o.addProperty("frames", b.driver().key());
        o.addProperty("statistic", b.statistic().key());
        o.addProperty("ratio", b.ratio());
        return o;
    }

    /** The report as JSON: per style its reference, spreads and every curve step by step. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("horizon", horizon);
        json.addProperty("windowSteps", window);
        json.addProperty("spreadFactor", SPREAD_FACTOR);
        json.addProperty("scriptedPlay", ScriptedPlay.describe());
        json.addProperty("holdsTogetherAtHorizon", holdsTogether(horizon));
        JsonArray breaches = new JsonArray();
        for (Breach b : breaches(horizon, SPREAD_FACTOR)) {
            breaches.add(breachJson(b));
        }
        json.add("breachesAtHorizon", breaches);
        JsonArray realBreaches = new JsonArray();
        for (Breach b : realBreaches(SPREAD_FACTOR)) {
            realBreaches.add(breachJson(b));
        }
        json.add("realBreachesAtLastStep", realBreaches);
        JsonArray array = new JsonArray();
        for (StyleResult r : styles) {
            StyleReference reference = r.reference();
            JsonObject style = new JsonObject();
            style.addProperty("style", reference.style());
            JsonArray names = new JsonArray();
            reference.trajectories().forEach(names::add);
            style.add("referenceTrajectories", names);
            JsonObject mean = new JsonObject();
            JsonObject spread = new JsonObject();
            for (CoherenceStatistic s : CoherenceStatistic.values()) {
                mean.addProperty(s.key(), s.value(reference.mean(), reference.mean()));
                spread.addProperty(s.key(), reference.spread(s));
            }
            style.add("referenceMean", mean);
            style.add("realToRealSpread", spread);
            JsonObject curves = new JsonObject();
            for (CoherenceCurve c : r.curves().values()) {
                JsonObject curve = new JsonObject();
                curve.addProperty("runs", c.runs());
                curve.add("samples", ints(c.samples()));
                JsonObject values = new JsonObject();
                JsonObject ratios = new JsonObject();
                for (CoherenceStatistic s : CoherenceStatistic.values()) {
                    values.add(s.key(), figures(c.values()[s.ordinal()]));
                    ratios.add(s.key(), figures(c.ratios()[s.ordinal()]));
                }
                curve.add("values", values);
                curve.add("ratios", ratios);
                curves.add(c.driver().key(), curve);
            }
            style.add("curves", curves);
            array.add(style);
        }
        json.add("styles", array);
        return json;
    }

    private static JsonArray ints(int[] values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    /** Figures to 6 significant digits, which is more than a per-step figure of a few rollouts holds. */
    private static JsonArray figures(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
        }
        return a;
    }
}
