package io.neuroframe.demo.frametime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.neuroframe.api.Decoder;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.player.ScriptedPilot;
import io.neuroframe.demo.player.ScriptedPilot.Behaviour;
import io.neuroframe.demo.style.Styles;
import io.neuroframe.perf.FrameTimeCheck;
import io.neuroframe.perf.FrameTimeConfig;
import io.neuroframe.perf.FrameTimeHarness;
import io.neuroframe.perf.FrameTimeRegression;
import io.neuroframe.perf.MachineSpeed;
import io.neuroframe.perf.RepeatedDecoder;
import io.neuroframe.perf.Tolerance;
import io.neuroframe.render.upscale.Upscaler;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/**
 * Frame-time regression checks of the real demo: the voxel game at 1280x720 rendered offscreen by jME (run under
 * xvfb-run), the neural view running the committed {@code nf-small} weights on ONNX Runtime, a scripted player.
 * Every scenario's stages (encode as {@code source}, {@code decode}, {@code pack}, {@code upload},
 * {@code upscale}, and {@code motion-to-photon}) are compared with a committed baseline under
 * {@code src/test/resources/frame-time/}. One game serves the whole class. The checks compare wall-clock times, so
 * they run only in the timing profile ({@code ./neuroframe test --timing}).
 */
@Tag("gl")
@Tag("realtime")
class DemoFrameTimeTest {
    static final String BASELINES = "src/test/resources/frame-time/";
    static final int WARMUP_FRAMES = 10;
    static final int FRAMES = 40;
    /*
     * Settings for the demo on a shared 2-core machine, chosen from clean runs (figures in docs/perf-harness.md):
     * - times are compared as measured, not scaled by the single-threaded yardstick: the encode and decode medians
     *   follow the contention among the demo's own threads (render thread, encoder, decoder and ONNX Runtime's pool)
     *   more than the yardstick does, and scaling widened the clean-run spread and hid a tripled decode; so the
     *   baselines are for this machine class;
     * - baselines are the median of three runs, as one run may have caught a quiet or a busy minute;
     * - medians of clean runs came within about 1.7x of the baseline, so the limit is 2.0; a doubled decode lands inside
     *   that spread, a tripled one (2.5x and more) outside, so the injected slowdown is threefold;
     * - with 40 frames a p95 is the second-slowest frame, which other processes move by 3 to 4x and preemption
     *   puts at several milliseconds even for stages whose median is 0.1 ms: p95 limit 5.0, slack 10 ms.
     */
    static final double P50_RATIO = 2.0;
    static final double P95_RATIO = 5.0;
    static final double SLACK_MILLIS = 10;
    static final int BASELINE_RUNS = 3;
    static final int DECODE_SLOWDOWN = 3;
    private static final long PILOT_SEED = 7;

    @RegisterExtension
    static final SharedDemoGame GAME = new SharedDemoGame(
            new GameConfig(Styles.byName("meadow"), 1, 6, 1280, 720, false));

    private static DemoWeights weights;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadWeights() {
        weights = DemoWeights.resolve(Path.of("..").resolve(DemoWeights.DEFAULT_FILE).toAbsolutePath().normalize());
        assertTrue(weights.trained(), "the committed nf-small weights are used");
    }

    @FrameTimeRegression(baseline = BASELINES + "walk.json", frames = FRAMES, warmupFrames = WARMUP_FRAMES,
            p50Ratio = P50_RATIO, p95Ratio = P95_RATIO, slackMillis = SLACK_MILLIS,
            baselineRuns = BASELINE_RUNS, normaliseSpeed = false)
    void walking(FrameTimeCheck check) {
        check.assertNoRegression(scenario("walk", Upscaler.EDGE_ADAPTIVE, () -> ScriptedPilot.only(Behaviour.WALK,
                PILOT_SEED), this::decoder));
    }

    @FrameTimeRegression(baseline = BASELINES + "turn-fast.json", frames = FRAMES, warmupFrames = WARMUP_FRAMES,
            p50Ratio = P50_RATIO, p95Ratio = P95_RATIO, slackMillis = SLACK_MILLIS,
            baselineRuns = BASELINE_RUNS, normaliseSpeed = false)
    void turningFast(FrameTimeCheck check) {
        check.assertNoRegression(scenario("turn-fast", Upscaler.EDGE_ADAPTIVE,
                () -> ScriptedPilot.only(Behaviour.TURN, PILOT_SEED), this::decoder));
    }

    @FrameTimeRegression(baseline = BASELINES + "break-blocks.json", frames = FRAMES, warmupFrames = WARMUP_FRAMES,
            p50Ratio = P50_RATIO, p95Ratio = P95_RATIO, slackMillis = SLACK_MILLIS,
            baselineRuns = BASELINE_RUNS, normaliseSpeed = false)
    void breakingBlocks(FrameTimeCheck check) {
        DemoScenario[] last = new DemoScenario[1];
        Supplier<DemoScenario> breaking = scenario("break-blocks", Upscaler.EDGE_ADAPTIVE,
                () -> ScriptedPilot.only(Behaviour.BREAK, PILOT_SEED), this::decoder);
        check.assertNoRegression(() -> last[0] = breaking.get());
        assertTrue(last[0].blocksBroken() > 0, "the scripted player broke blocks during the scenario");
    }

    /**
     * The neural view with each upscaler. {@link FrameTimeRegression} is a test of its own, so this parameterised
     * test uses the harness's fluent call with the same settings.
     */
    @ParameterizedTest
    @EnumSource(Upscaler.class)
    void neuralViewWithEachUpscaler(Upscaler upscaler) {
        String name = "neural-" + upscaler.name().toLowerCase(Locale.ROOT).replace('_', '-');
        DemoScenario[] last = new DemoScenario[1];
        Supplier<DemoScenario> neural = scenario(name, upscaler, () -> new ScriptedPilot(PILOT_SEED), this::decoder);
        harness(Path.of("target", "frame-time", getClass().getSimpleName(), name),
                Boolean.getBoolean(FrameTimeConfig.UPDATE_BASELINES_PROPERTY))
                .assertNoRegression(() -> last[0] = neural.get(), Path.of(BASELINES + name + ".json"));
        assertEquals(upscaler, last[0].neuroFrame().upscaler(), "the upscaler drawn");
    }

    /**
     * The checks' tolerances against an injected slowdown in the real demo, with the committed baseline of the
     * neural view (edge-adaptive upscaler): a clean run passes, a decoder doing {@value #DECODE_SLOWDOWN} times the
     * work fails on the decode median in every attempt. Skipped while baselines are recorded.
     */
    @Test
    void aCleanRunPassesAndASlowerDecodeIsCaught() {
        assumeFalse(Boolean.getBoolean(FrameTimeConfig.UPDATE_BASELINES_PROPERTY),
                "compares with the committed baseline, which is being recorded");
        String name = "neural-edge-adaptive";
        Path baseline = Path.of(BASELINES + name + ".json");
        Path out = Path.of("target", "frame-time", getClass().getSimpleName(), "slower-decode");
        Supplier<DemoScenario> clean = scenario(name, Upscaler.EDGE_ADAPTIVE, () -> new ScriptedPilot(PILOT_SEED),
                this::decoder);
        Supplier<DemoScenario> slowed = scenario(name, Upscaler.EDGE_ADAPTIVE, () -> new ScriptedPilot(PILOT_SEED),
                () -> new RepeatedDecoder(decoder(), DECODE_SLOWDOWN));
        assertFalse(harness(out, false).assertNoRegression(clean, baseline).failed());
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> harness(out, false).assertNoRegression(slowed, baseline));
        assertTrue(failure.getMessage().matches("(?s).*\\ndecode +p50 [^\\n]*REGRESSED.*"), failure.getMessage());
    }

    private Decoder decoder() {
        return OrtDecoder.create(weights.weights());
    }

    private static FrameTimeHarness harness(Path outputDir, boolean updateBaselines) {
        return FrameTimeHarness.with(FrameTimeConfig.builder().frames(FRAMES).warmupFrames(WARMUP_FRAMES)
                .tolerance(new Tolerance(P50_RATIO, P95_RATIO, Tolerance.DEFAULT.p99Ratio(), SLACK_MILLIS,
                        Tolerance.DEFAULT.minSamplesP95(), Tolerance.DEFAULT.minSamplesP99())).outputDir(outputDir)
                .updateBaselines(updateBaselines).baselineRuns(BASELINE_RUNS).speed(MachineSpeed.unmeasured()).build());
    }

    private Supplier<DemoScenario> scenario(String name, Upscaler upscaler, Supplier<ScriptedPilot> pilot,
                                            Supplier<? extends Decoder> decoder) {
        return () -> {
            try {
                return new DemoScenario(name, GAME, weights, decoder, upscaler, pilot.get(), WARMUP_FRAMES, FRAMES,
                        dir);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting scenario '" + name + "'", e);
            }
        };
    }
}
