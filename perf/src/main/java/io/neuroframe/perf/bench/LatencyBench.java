package io.neuroframe.perf.bench;

import com.google.gson.GsonBuilder;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageSample;
import io.neuroframe.render.timing.StageStats;
import io.neuroframe.render.upscale.Upscaler;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.lwjgl.opengl.GL11;

/**
 * Motion-to-photon latency of the encoder loopback in a real jME game: the {@link LatencyBenchGame} renders
 * at 1280 x 720 (capped at 60 fps), the plugin reads each frame back, the committed {@code nf-small} codec
 * encodes and decodes it on ONNX Runtime, and the plugin uploads and upscales (bilinear) the result. The budget
 * is one no frame reaches, so the ladder never changes what is measured.
 *
 * <p>Scenarios ({@code --scenarios}, default {@code fresh,waiting}), each against the first for a same-run
 * comparison: {@code fresh}, the plugin as it ships (the frame read back through pixel buffers, each frame encoded
 * from an image rendered after the decoder became ready, float32 decoder); {@code waiting}, the loopback encoding the
 * newest image even when it waited for the decoder ({@code freshEngineFramesOnly(false)}); {@code sync}, the
 * synchronous read-back ({@code -Dneuroframe.readback=sync}); {@code int8}, the int8 decoder, the ladder's first step
 * down.
 * Each round attaches a fresh plugin state, warms up, then keeps every interval its stage clock records for
 * the measured seconds (taking the clock's history every few seconds, before it wraps): motion-to-photon and
 * its breakdown (each stage's p50/p95/mean, and the wait before each stage of the frames that reached the screen),
 * and the render thread's frame times. The breakdown's means over the frames shown add up to the mean
 * motion-to-photon; {@code readback-to-photon} leaves out the engine's own frame before the read-back.
 * Rounds repeat the scenarios in turn, so a change in the machine's load hits each alike. Prints a table and
 * writes the figures as JSON to {@code <out>/<date>-latency-<label>.json}.
 *
 * <pre>
 * LatencyBench [--seconds S] [--warmup S] [--rounds N] [--scenarios LIST] [--label NAME] [--out DIR] [--weights FILE]
 * </pre>
 * Started by {@code ./neuroframe bench --latency}, which runs it under a virtual display where there is none.
 */
public final class LatencyBench {
    private static final String USAGE = "usage: neuroframe bench --latency [--seconds S] [--warmup S] [--rounds N] "
            + "[--scenarios fresh,waiting,sync,int8] [--label NAME] [--out DIR] [--weights FILE]";
    private static final Duration NO_BUDGET_LIMIT = Duration.ofSeconds(10);
    private static final String READBACK_PROPERTY = "neuroframe.readback";
    private static final String MOTION_TO_PHOTON = "motion-to-photon";
    private static final String READBACK_TO_PHOTON = "readback-to-photon";
    private static final String WAIT = "wait: ";
    /** How often a round takes the clock's history: well before 600 intervals of one stage pile up. */
    private static final double SNAPSHOT_SECONDS = 4;

    /** A way to run the loopback: its read-back, whether frames are fresh only, and its decoder. */
    enum Scenario {
        FRESH("fresh", "loopback, fresh frames", false, true, false),
        WAITING("waiting", "loopback, frames that waited", false, false, false),
        SYNC("sync", "loopback, fresh frames, synchronous read-back", true, true, false),
        INT8("int8", "loopback, fresh frames, int8 decoder", false, true, true);

        final String id;
        final String title;
        final boolean synchronousReadback;
        final boolean freshFramesOnly;
        final boolean int8;

        Scenario(String id, String title, boolean synchronousReadback, boolean freshFramesOnly, boolean int8) {
            this.id = id;
            this.title = title;
            this.synchronousReadback = synchronousReadback;
            this.freshFramesOnly = freshFramesOnly;
            this.int8 = int8;
        }

        /** The scenarios named in {@code list}, comma-separated, in order. */
        static List<Scenario> parse(String list) {
            List<Scenario> scenarios = new ArrayList<>();
            for (String id : list.split(",")) {
                scenarios.add(Arrays.stream(values()).filter(s -> s.id.equals(id.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "'; " + USAGE)));
            }
            if (scenarios.isEmpty() || scenarios.stream().distinct().count() != scenarios.size()) {
                throw new IllegalArgumentException("--scenarios needs distinct scenarios; " + USAGE);
            }
            return scenarios;
        }
    }

    /**
     * One measured round of one scenario.
     *
     * @param figures per series: stages, waits (named {@code "wait: <wait label>"}), motion-to-photon and
     *     readback-to-photon
     * @param shownFrames frames that reached the screen with a known input time
     * @param meanWaitsMs the mean over those frames of all their waits
     * @param meanStagesMs the mean over those frames of all their stages; with the waits, their motion-to-photon
     * @param meanScreenAgeMs how old, on average over time, the input behind the neural image on screen was: a
     *     frame's motion-to-photon when it appears, growing until the next one replaces it
     */
    record Round(String scenario, int round, double seconds, double loadBefore, double loadAfter,
                 Map<String, Figures> figures, int shownFrames, double meanWaitsMs, double meanStagesMs,
                 double meanScreenAgeMs, Figures engineFrameMs, double engineFps, long dropped) {
    }

    /**
     * The time-weighted mean age of the shown image: between two frames reaching the screen at {@code t_i} and
     * {@code t_i+1}, the image's input is {@code L_i + (t - t_i)} old, {@code L_i} its motion-to-photon.
     */
    static double meanScreenAgeMs(List<StageSample> motionToPhoton) {
        List<StageSample> shown = motionToPhoton.stream().sorted(Comparator.comparingLong(StageSample::endNanos))
                .toList();
        double weighted = 0;
        double time = 0;
        for (int i = 0; i + 1 < shown.size(); i++) {
            double interval = (shown.get(i + 1).endNanos() - shown.get(i).endNanos()) / 1e6;
            weighted += shown.get(i).durationNanos() / 1e6 * interval + interval * interval / 2;
            time += interval;
        }
        return time == 0 ? Double.NaN : weighted / time;
    }

    /**
     * Percentiles and mean of one series in milliseconds.
     *
     * @param count samples
     */
    record Figures(int count, double p50, double p95, double mean) {
        static Figures of(double[] sortedMillis) {
            int n = sortedMillis.length;
            if (n == 0) {
                return new Figures(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Figures(n, sortedMillis[rank(0.50, n)], sortedMillis[rank(0.95, n)],
                    Arrays.stream(sortedMillis).sum() / n);
        }

        private static int rank(double p, int n) {
            return Math.max(0, (int) Math.ceil(p * n) - 1);
        }
    }

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 20;
        double warmup = 5;
        int rounds = 2;
        String label = "run";
        List<Scenario> scenarios = List.of(Scenario.FRESH, Scenario.WAITING);
        Path out = Path.of("perf", "results");
        Path weightsFile = Path.of("models", "nf-small.safetensors");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(ToolArguments.value(args, ++i, USAGE));
                case "--warmup" -> warmup = Double.parseDouble(ToolArguments.value(args, ++i, USAGE));
                case "--rounds" -> rounds = Integer.parseInt(ToolArguments.value(args, ++i, USAGE));
                case "--label" -> label = ToolArguments.value(args, ++i, USAGE);
                case "--scenarios" -> scenarios = Scenario.parse(ToolArguments.value(args, ++i, USAGE));
                case "--out" -> out = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "--weights" -> weightsFile = Path.of(ToolArguments.value(args, ++i, USAGE));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        VitVaeWeights weights = VitVaeWeights.load(weightsFile, VitVaeConfig.NF_SMALL);
        Instant started = Instant.now();
        LatencyBenchGame game = LatencyBenchGame.start(1280, 720, 60);
        List<Round> results = new ArrayList<>();
        String gl;
        try {
            gl = game.call(() -> GL11.glGetString(GL11.GL_RENDERER) + ", OpenGL " + GL11.glGetString(GL11.GL_VERSION));
            for (int r = 1; r <= rounds; r++) {
                // Alternate the order, so that a change in the machine's load hits every scenario alike.
                List<Scenario> order = new ArrayList<>(scenarios);
                if (r % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Scenario scenario : order) {
                    results.add(measure(game, weights, scenario, r, warmup, seconds));
                    System.out.println(summary(results.get(results.size() - 1)));
                }
            }
        } finally {
            game.stop(true);
        }
        System.out.println();
        System.out.print(table(results));
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (Scenario other : scenarios.subList(1, scenarios.size())) {
            ratios.put(other.id + " / " + scenarios.get(0).id, ratios(results, other, scenarios.get(0)));
        }
        ratios.forEach((pair, values) -> {
            System.out.println(pair + " (medians over the rounds):");
            values.forEach((name, ratio) -> System.out.printf(Locale.ROOT, "  %-28s %.2f%n", name, ratio));
        });
        Files.createDirectories(out);
        Path file = out.resolve(LocalDate.ofInstant(started, ZoneOffset.UTC) + "-latency-" + label + ".json");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("startedAt", started.toString());
            json.put("machine", BenchCommand.machine());
            json.put("gl", gl);
            json.put("game", "1280x720, capped at 60 fps, 256 lit boxes, orbiting camera; nf-small encoder loopback "
                    + "(ONNX Runtime), bilinear upscale, budget " + NO_BUDGET_LIMIT.toSeconds() + " s");
            json.put("scenarios", scenarios.stream().map(s -> s.title).toList());
            json.put("ratios", ratios);
            json.put("rounds", results);
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json, w);
        }
        System.out.println("results written to " + file);
    }

    /**
     * Attaches a fresh plugin state set up as {@code scenario} says, warms up, measures for {@code seconds}, detaches
     * it.
     */
    private static Round measure(LatencyBenchGame game, VitVaeWeights weights, Scenario how, int round,
                                 double warmup, double seconds) throws Exception {
        String scenario = how.title;
        if (how.synchronousReadback) {
            System.setProperty(READBACK_PROPERTY, "sync");
        } else {
            System.clearProperty(READBACK_PROPERTY);
        }
        NeuroFrameAppState state = NeuroFrameAppState.builder()
                .encoderLoopback(() -> OrtEncoder.create(weights.encoderOnly()), 1)
                .freshEngineFramesOnly(how.freshFramesOnly)
                .decoder(() -> how.int8 ? OrtDecoder.createInt8(weights.decoderOnly(), OrtOptions.defaults())
                        : OrtDecoder.create(weights.decoderOnly()))
                .upscaler(Upscaler.BILINEAR)
                .cheaperUpscaler(Upscaler.BILINEAR)
                .budget(NO_BUDGET_LIMIT)
                .build();
        game.call(() -> game.getStateManager().attach(state));
        try {
            FramePipeline pipeline = awaitShown(state, 3, Duration.ofMinutes(2));
            sleep(warmup);
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long droppedBefore = pipeline.clock().droppedFrames();
            long from = pipeline.clock().now();
            game.frameTimes().reset();
            Set<StageSample> samples = new HashSet<>();
            for (double left = seconds; left > 0; left -= SNAPSHOT_SECONDS) {
                sleep(Math.min(left, SNAPSHOT_SECONDS));
                samples.addAll(pipeline.clock().snapshot());
            }
            double[] frameMs = game.frameTimes().stop();
            long to = pipeline.clock().now();
            if (pipeline.budget().stepDowns() != 0) {
                throw new IllegalStateException(scenario + ": the budget ladder stepped down; the run measured "
                        + "other stages");
            }
            List<StageSample> measured = samples.stream()
                    .filter(s -> s.startNanos() >= from && s.endNanos() <= to).toList();
            Set<Long> shown = measured.stream().filter(s -> s.kind() == StageSample.Kind.MOTION_TO_PHOTON)
                    .map(StageSample::frameId).collect(Collectors.toSet());
            double waits = 0;
            double stages = 0;
            for (StageSample s : measured) {
                if (shown.contains(s.frameId()) && s.kind() == StageSample.Kind.WAIT) {
                    waits += s.durationNanos() / 1e6;
                } else if (shown.contains(s.frameId()) && s.kind() == StageSample.Kind.STAGE) {
                    stages += s.durationNanos() / 1e6;
                }
            }
            double total = Arrays.stream(frameMs).sum() / 1000.0;
            return new Round(scenario, round, (to - from) / 1e9, load,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), figures(measured, shown),
                    shown.size(), waits / shown.size(), stages / shown.size(), meanScreenAgeMs(measured.stream()
                            .filter(s -> s.kind() == StageSample.Kind.MOTION_TO_PHOTON).toList()), Figures.of(frameMs),
                    frameMs.length / total, pipeline.clock().droppedFrames() - droppedBefore);
        } finally {
            game.call(() -> game.getStateManager().detach(state));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (state.isInitialized() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private static FramePipeline awaitShown(NeuroFrameAppState state, int frames, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        StageStats stats = new StageStats();
        while (true) {
            FramePipeline pipeline = state.pipeline();
            if (pipeline != null && pipeline.clock().motionToPhoton(stats).count() >= frames) {
                return pipeline;
            }
            if (state.startupFailure() != null) {
                throw new IllegalStateException("the plugin did not start", state.startupFailure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no frame reached the screen within " + limit.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep(Math.round(seconds * 1000));
    }

    /**
     * Per series, in the order a frame meets them: every stage and the wait before it, then motion-to-photon and
     * readback-to-photon (motion-to-photon less the wait before the read-back) of the {@code shown} frames.
     */
    private static Map<String, Figures> figures(List<StageSample> measured, Set<Long> shown) {
        Map<String, List<Long>> durations = new LinkedHashMap<>();
        Map<Long, Long> engineFrames = new HashMap<>();
        measured.stream().sorted(Comparator.comparingInt(LatencyBench::order)).forEach(s -> {
            String label = s.kind() == StageSample.Kind.WAIT ? WAIT + s.label() : s.label();
            durations.computeIfAbsent(label, k -> new ArrayList<>()).add(s.durationNanos());
            if (s.kind() == StageSample.Kind.WAIT && s.stage() == Stage.READBACK) {
                engineFrames.put(s.frameId(), s.durationNanos());
            }
        });
        for (StageSample s : measured) {
            if (s.kind() == StageSample.Kind.MOTION_TO_PHOTON && engineFrames.containsKey(s.frameId())) {
                durations.computeIfAbsent(READBACK_TO_PHOTON, k -> new ArrayList<>())
                        .add(s.durationNanos() - engineFrames.get(s.frameId()));
            }
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        durations.forEach((label, values) -> figures.put(label,
                Figures.of(values.stream().mapToDouble(v -> v / 1e6).sorted().toArray())));
        return figures;
    }

    /** Pipeline order: each stage after the wait before it, motion-to-photon last. */
    private static int order(StageSample sample) {
        return switch (sample.kind()) {
            case WAIT -> 2 * sample.stage().ordinal();
            case STAGE -> 2 * sample.stage().ordinal() + 1;
            case MOTION_TO_PHOTON -> 2 * Stage.count();
        };
    }

    private static String summary(Round r) {
        Figures m2p = r.figures().get(MOTION_TO_PHOTON);
        return String.format(Locale.ROOT, "%s round %d: motion-to-photon p50 %.1f ms p95 %.1f ms (%d frames, %.1f "
                        + "shown per second, mean age on screen %.1f ms), engine %.1f fps, load %.1f -> %.1f",
                r.scenario(), r.round(), m2p == null ? Double.NaN : m2p.p50(), m2p == null ? Double.NaN : m2p.p95(),
                m2p == null ? 0 : m2p.count(), r.shownFrames() / r.seconds(), r.meanScreenAgeMs(), r.engineFps(),
                r.loadBefore(), r.loadAfter());
    }

    /**
     * {@code scenario} against {@code base}, from the medians over the rounds: motion-to-photon p50 and p95,
     * readback-to-photon p50, the read-back stage p50, the engine's frame time p50, the frames shown per second and
     * the mean age of what is on screen.
     */
    static Map<String, Double> ratios(List<Round> rounds, Scenario scenario, Scenario base) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String series : List.of(MOTION_TO_PHOTON, READBACK_TO_PHOTON, Stage.READBACK.label())) {
            ratios.put(series + " p50", ratio(rounds, scenario, base, r -> r.figures().get(series).p50()));
        }
        ratios.put(MOTION_TO_PHOTON + " p95", ratio(rounds, scenario, base,
                r -> r.figures().get(MOTION_TO_PHOTON).p95()));
        ratios.put("engine frame time p50", ratio(rounds, scenario, base, r -> r.engineFrameMs().p50()));
        ratios.put("frames shown per second", ratio(rounds, scenario, base, r -> r.shownFrames() / r.seconds()));
        ratios.put("mean age on screen", ratio(rounds, scenario, base, Round::meanScreenAgeMs));
        return ratios;
    }

    private static double ratio(List<Round> rounds, Scenario scenario, Scenario base, ToDoubleFunction<Round> figure) {
        return median(rounds, scenario, figure) / median(rounds, base, figure);
    }

    private static double median(List<Round> rounds, Scenario scenario, ToDoubleFunction<Round> figure) {
        double[] values = rounds.stream().filter(r -> r.scenario().equals(scenario.title))
                .mapToDouble(figure).sorted().toArray();
        return values.length == 0 ? Double.NaN : values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** One block per round: every series' p50, p95 and mean, then the engine's frame times. */
    static String table(List<Round> rounds) {
        StringBuilder s = new StringBuilder();
        for (Round r : rounds) {
            s.append(String.format(Locale.ROOT, "%s, round %d (%.0f s, load average %.1f -> %.1f)%n", r.scenario(),
                    r.round(), r.seconds(), r.loadBefore(), r.loadAfter()));
            s.append(String.format(Locale.ROOT, "  %-28s %6s %9s %9s %9s%n", "series", "n", "p50 ms", "p95 ms",
                    "mean ms"));
            r.figures().forEach((label, f) -> s.append(row(label, f)));
            s.append(String.format(Locale.ROOT, "  over the %d frames shown: mean motion-to-photon %.2f ms = waits %.2f"
                    + " + stages %.2f; mean age on screen %.2f ms%n", r.shownFrames(), r.meanWaitsMs()
                    + r.meanStagesMs(), r.meanWaitsMs(), r.meanStagesMs(), r.meanScreenAgeMs()));
            s.append(row("engine frame time", r.engineFrameMs()));
            s.append(String.format(Locale.ROOT, "  engine %.1f fps, %d latents or frames dropped (newest wins)%n%n",
                    r.engineFps(), r.dropped()));
        }
        return s.toString();
    }

    private static String row(String label, Figures f) {
        return String.format(Locale.ROOT, "  %-28s %6d %9.2f %9.2f %9.2f%n", label, f.count(), f.p50(), f.p95(),
                f.mean());
    }
}
