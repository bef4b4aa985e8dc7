package io.neuroframe.world.train;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.ScriptedPlay;
import io.neuroframe.world.dream.WorldStepper;

import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Measures whether a world model's dream holds together over long free-running rollouts
 * ({@link CoherenceReport}).
 *
 * <p>Per style that has held-out trajectories: the reference is made from the style's first
 * {@link Settings#referenceTrajectories} training trajectories, decoded frame by frame (real frames
 * through the same codec, so the codec's own blur counts for both sides). From the first frame of
 * each held-out trajectory the model then runs free, on its own latents: once with the trajectory's
 * recorded actions (as far as the trajectory goes, at most the horizon) and once with
 * {@link ScriptedPlay} for the whole horizon. Every step's latent is decoded and measured; the
 * held-out trajectory's own frames are measured too, as the real curve the model's are seen next to.
 *
 * <p>A rollout whose latent turns non-finite ends there, with a note. If no scripted rollout of a
 * style reaches the horizon, nothing is reported.
 */
public final class CoherenceEvaluator {
    private static final int FRAME = LatentContract.LATENT_FLOATS;

    /**
     * What to measure.
     *
     * @param horizon steps of free-running rollout (at least 1)
     * @param window steps each figure is averaged over (at least 1)
     * @param referenceTrajectories most training trajectories per style in its reference (at least 2)
     */
    public record Settings(int horizon, int window, int referenceTrajectories) {
        public Settings {
            if (horizon < 1) {
                throw new IllegalArgumentException("the rollout horizon must be at least 1 step, got " + horizon);
            }
            if (window < 1) {
                throw new IllegalArgumentException("the averaging window must be at least 1 step, got " + window);
            }
            if (referenceTrajectories < 2) {
                throw new IllegalArgumentException("the real-to-real spread needs at least 2 reference trajectories per "
                        + "style, got " + referenceTrajectories);
            }
        }
    }

    private final WorldStepper stepper;
    private final Decoder decoder;
    private final Settings settings;
    private final PrintWriter log;
    private final float[] latent = new float[FRAME];
    private final float[] image = new float[LatentContract.IMAGE_FLOATS];

    private CoherenceEvaluator(WorldStepper stepper, Decoder decoder, Settings settings, PrintWriter log) {
        this.stepper = stepper;
        this.decoder = decoder;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Runs the rollouts and measures them.
     *
     * @param training trajectories the references are made from, grouped by {@link LatentTrajectory#style()}
     * @param heldOut trajectories the rollouts start from and whose actions they replay
     * @param log notes: styles left out, rollouts ended early, progress
     * @throws IllegalArgumentException if no style has both a held-out trajectory and two training trajectories,
     *     or no scripted rollout of a style reaches the horizon
     */
    public static CoherenceReport evaluate(WorldStepper stepper, Decoder decoder, List<LatentTrajectory> training,
                                           List<LatentTrajectory> heldOut, Settings settings, PrintWriter log) {
        return new CoherenceEvaluator(stepper, decoder, settings, log).evaluate(training, heldOut);
    }

    private CoherenceReport evaluate(List<LatentTrajectory> training, List<LatentTrajectory> heldOut) {
        Map<String, List<LatentTrajectory>> heldOutByStyle = byStyle(heldOut);
        Map<String, List<LatentTrajectory>> trainingByStyle = byStyle(training);
        List<CoherenceReport.StyleResult> results = new ArrayList<>();
        for (Map.Entry<String, List<LatentTrajectory>> e : heldOutByStyle.entrySet()) {
            String style = e.getKey();
            List<LatentTrajectory> references = trainingByStyle.getOrDefault(style, List.of());
            if (references.size() < 2) {
                log.printf(Locale.ROOT, "holds together: style %s left out: it has %d training trajectories and the "
                        + "real-to-real spread needs two%n", style, references.size());
                continue;
            }
            results.add(measureStyle(style, references.subList(0, Math.min(references.size(),
                    settings.referenceTrajectories())), e.getValue()));
        }
        if (results.isEmpty()) {
            Map<String, Integer> counts = new TreeMap<>();
            trainingByStyle.forEach((style, list) -> counts.put(style, list.size()));
            throw new IllegalArgumentException("no style has both held-out trajectories and two training trajectories to "
                    + "measure the real-to-real spread with: held-out styles " + heldOutByStyle.keySet()
                    + ", training trajectories per style " + counts);
        }
        return new CoherenceReport(settings.horizon(), settings.window(), results);
    }

    private CoherenceReport.StyleResult measureStyle(String style, List<LatentTrajectory> references,
                                                     List<LatentTrajectory> heldOut) {
        long started = System.nanoTime();
        Map<String, StepSeries> real = new LinkedHashMap<>();
        for (LatentTrajectory t : references) {
            real.put(t.name(), decodeTrajectory(t, t.frames() - 1));
        }
        StyleReference reference = StyleReference.of(style, real, settings.window());
        Map<CoherenceCurve.Driver, StepSeries> series = new EnumMap<>(CoherenceCurve.Driver.class);
        Map<CoherenceCurve.Driver, Integer> runs = new EnumMap<>(CoherenceCurve.Driver.class);
        for (CoherenceCurve.Driver d : CoherenceCurve.Driver.values()) {
            series.put(d, new StepSeries());
            runs.put(d, 0);
        }
        int horizon = settings.horizon();
        for (LatentTrajectory t : heldOut) {
            int recordedSteps = Math.min(horizon, t.frames() - 1);
            StepSeries truth = decodeTrajectory(t, recordedSteps);
            FrameStatistics start = truth.frames(0).get(0);
            addAll(series.get(CoherenceCurve.Driver.REAL), truth);
            runs.merge(CoherenceCurve.Driver.REAL, 1, Integer::sum);
            if (recordedSteps > 0) {
                rollout(t, start, recordedSteps, t::action, "recorded actions", series.get(CoherenceCurve.Driver.RECORDED));
                runs.merge(CoherenceCurve.Driver.RECORDED, 1, Integer::sum);
            }
            rollout(t, start, horizon, step -> ScriptedPlay.actionAt(step - 1), "scripted play",
                    series.get(CoherenceCurve.Driver.SCRIPTED));
            runs.merge(CoherenceCurve.Driver.SCRIPTED, 1, Integer::sum);
        }
        int scriptedReach = series.get(CoherenceCurve.Driver.SCRIPTED).steps() - 1;
        if (scriptedReach < horizon) {
            throw new IllegalArgumentException("no scripted rollout of style " + style + " reaches step " + horizon
                    + ": the model's latent became non-finite by step " + (scriptedReach + 1) + " in all "
                    + heldOut.size() + " of them");
        }
        Map<CoherenceCurve.Driver, CoherenceCurve> curves = new EnumMap<>(CoherenceCurve.Driver.class);
        for (CoherenceCurve.Driver d : CoherenceCurve.Driver.values()) {
            if (runs.get(d) > 0) {
                curves.put(d, CoherenceCurve.of(d, runs.get(d), series.get(d), reference, settings.window()));
            }
        }
        log.printf(Locale.ROOT, "holds together: style %s, reference %s, %d held-out trajectories, recorded actions up to "
                + "%d steps, scripted play %d steps (%.0f s)%n", style, String.join(", ", reference.trajectories()),
                heldOut.size(), curves.containsKey(CoherenceCurve.Driver.RECORDED)
                        ? curves.get(CoherenceCurve.Driver.RECORDED).steps() - 1 : 0, horizon,
                (System.nanoTime() - started) / 1e9);
        log.flush();
        return new CoherenceReport.StyleResult(reference, curves);
    }

    /** Frames 0 to {@code lastStep} of {@code t}, decoded and measured. */
    private StepSeries decodeTrajectory(LatentTrajectory t, int lastStep) {
        StepSeries out = new StepSeries();
        for (int f = 0; f <= lastStep; f++) {
            System.arraycopy(t.latents(), t.latentOffset(f), latent, 0, FRAME);
            out.add(f, measure(latent));
        }
        return out;
    }

    /**
     * Runs the model from frame 0 of {@code t} for up to {@code steps} steps with {@code actions.apply(k)} leading
     * into step {@code k}, adding every decoded step to {@code into}; stops early at a non-finite latent.
     */
    private void rollout(LatentTrajectory t, FrameStatistics start, int steps, IntFunction<OasisAction> actions,
                         String driver, StepSeries into) {
        into.add(0, start);
        stepper.reset(FloatBuffer.wrap(t.latents(), t.latentOffset(0), FRAME));
        FloatBuffer next = FloatBuffer.wrap(latent);
        for (int k = 1; k <= steps; k++) {
            stepper.step(actions.apply(k), next);
            if (!WorldEvaluator.allFinite(latent)) {
                log.printf(Locale.ROOT, "holds together: the rollout from %s with %s ended at step %d: the model's latent "
                        + "is not finite%n", t.name(), driver, k);
                return;
            }
            into.add(k, measure(latent));
        }
    }

    private FrameStatistics measure(float[] scaledLatent) {
        decoder.decode(FloatBuffer.wrap(scaledLatent), FloatBuffer.wrap(image));
        return FrameStatistics.of(image);
    }

    private static void addAll(StepSeries into, StepSeries from) {
        for (int step = 0; step < from.steps(); step++) {
            for (FrameStatistics f : from.frames(step)) {
                into.add(step, f);
            }
        }
    }

    private static Map<String, List<LatentTrajectory>> byStyle(List<LatentTrajectory> trajectories) {
        Map<String, List<LatentTrajectory>> out = new TreeMap<>();
        for (LatentTrajectory t : trajectories) {
            out.computeIfAbsent(t.style(), s -> new ArrayList<>()).add(t);
        }
        return out;
    }
}
