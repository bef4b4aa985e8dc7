package io.neuroframe.render;

import static io.neuroframe.render.testing.Pipelines.awaitFrame;
import static io.neuroframe.render.testing.Pipelines.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.render.budget.BudgetSettings;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.render.source.EncoderLoopbackSource;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.render.testing.Await;
import io.neuroframe.render.testing.ControlledSource;
import io.neuroframe.render.testing.CountingAdapter;
import io.neuroframe.render.testing.GateDecoder;
import io.neuroframe.render.testing.LinearTokenDecoder;
import io.neuroframe.render.testing.PatchMeanEncoder;
import io.neuroframe.render.testing.Pipelines;
import io.neuroframe.render.timing.LatencyBreakdown;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.timing.StageSample;
import io.neuroframe.render.timing.StageStats;
import io.neuroframe.render.timing.VirtualTimeSource;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramePipelineTest {
    private static final long MS = 1_000_000L;

    /** A patch-constant test picture: every 20x20 patch has its own colour. */
    private static void paint(FloatBuffer image) {
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < LatentContract.IMAGE_HEIGHT; y++) {
                for (int x = 0; x < LatentContract.IMAGE_WIDTH; x++) {
                    int row = y / LatentContract.PATCH_SIZE;
                    int col = x / LatentContract.PATCH_SIZE;
                    image.put(LatentContract.imageIndex(c, y, x), ((row * 7 + col * 3 + c * 5) % 17) / 16f);
                }
            }
        }
    }

    @Test
    void loopbackShowsTheEngineRenderThroughEncoderAndDecoder() {
        RenderHandoff handoff = new RenderHandoff();
        try (FramePipeline pipeline = Pipelines.builder("nf-loopback")
                .source(new EncoderLoopbackSource(new PatchMeanEncoder(), handoff))
                .decoder(LinearTokenDecoder::new)
                .build()) {
            paint(handoff.image());
            long inputTime = pipeline.clock().now();
            handoff.publish(inputTime, inputTime + 1_000, inputTime + 3_000, inputTime + 7_000, inputTime + 15_000);
            DecodedFrame frame = awaitFrame(pipeline, 1);
            FloatBuffer expected = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            paint(expected);
            for (int i = 0; i < LatentContract.IMAGE_FLOATS; i++) {
                assertEquals(expected.get(i), frame.image().get(i), 1e-5f, "float " + i);
            }
            int pixel = (37 * LatentContract.IMAGE_WIDTH + 101) * 4;
            assertEquals(Math.round(expected.get(LatentContract.imageIndex(1, 37, 101)) * 255),
                    frame.rgba().get(pixel + 1) & 0xFF);
            assertEquals(inputTime, frame.inputSampleNanos());

            long t = pipeline.clock().now();
            pipeline.clock().record(frame.frameId(), Stage.UPLOAD, t, pipeline.clock().now());
            pipeline.clock().record(frame.frameId(), Stage.UPSCALE, t, pipeline.clock().now());
            assertEquals(1, pipeline.clock().motionToPhoton(new StageStats()).count());
            for (Stage stage : List.of(Stage.READBACK, Stage.RESAMPLE, Stage.SOURCE, Stage.DECODE, Stage.PACK,
                    Stage.UPLOAD, Stage.UPSCALE)) {
                assertEquals(1, pipeline.clock().stats(stage, new StageStats()).count(), stage.label());
            }
            LatencyBreakdown breakdown = pipeline.clock().breakdown(new LatencyBreakdown());
            assertEquals(1_000, breakdown.waitNanos(Stage.READBACK), "the engine's frame, as published");
            assertEquals(2_000, breakdown.stageNanos(Stage.READBACK));
            assertEquals(4_000, breakdown.waitNanos(Stage.RESAMPLE), "the read-back in flight, as published");
            assertEquals(8_000, breakdown.stageNanos(Stage.RESAMPLE));
            assertEquals("encoder loopback (patch-mean) -> linear-token", pipeline.describe());
        }
    }

    @Test
    void theLatencyBreakdownOfTheLoopbackAddsUpToMotionToPhotonOnVirtualTime() {
        VirtualTimeSource time = new VirtualTimeSource();
        RenderHandoff handoff = new RenderHandoff();
        try (FramePipeline pipeline = Pipelines.builder("nf-breakdown")
                .source(new EncoderLoopbackSource(new PatchMeanEncoder(), handoff))
                .adapter(new CountingAdapter(0.1f))
                .decoder(LinearTokenDecoder::new)
                .timeSource(time)
                .frameBudget(Duration.ofSeconds(10))
                .build()) {
            StageClock clock = pipeline.clock();
            long shown = 0;
            for (int n = 1; n <= 12; n++) {
                // The engine: input sampled, frame rendered for 10 ms, read back for 1, in flight for 17,
                // resampled for 2 ms, published.
                long input = clock.now();
                time.advanceMillis(30);
                long now = clock.now();
                handoff.publish(input, input + 10 * MS, input + 11 * MS, now - 2 * MS, now);
                DecodedFrame frame = awaitFrame(pipeline, shown + 1);
                shown = frame.frameId();
                time.advanceMillis(5);
                long upload = clock.now();
                time.advanceMillis(1);
                clock.record(shown, Stage.UPLOAD, upload, clock.now());
                time.advanceMillis(2);
                long upscale = clock.now();
                time.advanceMillis(1);
                clock.record(shown, Stage.UPSCALE, upscale, clock.now());
            }
            LatencyBreakdown breakdown = clock.breakdown(new LatencyBreakdown());
            int frames = breakdown.frames();
            assertTrue(frames >= 1, "frames shown: " + frames);
            long parts = 0;
            for (Stage stage : Stage.values()) {
                parts += breakdown.waitNanos(stage) + breakdown.stageNanos(stage);
            }
            assertEquals(breakdown.totalNanos(), parts, "waits and stages add up to motion-to-photon");
            StageStats latency = clock.motionToPhoton(new StageStats());
            assertEquals(frames, latency.count());
            long sum = clock.snapshot().stream().filter(s -> s.kind() == StageSample.Kind.MOTION_TO_PHOTON)
                    .mapToLong(StageSample::durationNanos).sum();
            assertEquals(sum, breakdown.totalNanos(), "the breakdown covers exactly the frames shown");
            assertEquals(frames * 10 * MS, breakdown.waitNanos(Stage.READBACK));
            assertEquals(frames * MS, breakdown.stageNanos(Stage.READBACK));
            assertEquals(frames * 17 * MS, breakdown.waitNanos(Stage.RESAMPLE));
            assertEquals(frames * 2 * MS, breakdown.stageNanos(Stage.RESAMPLE));
            assertEquals(frames * MS, breakdown.stageNanos(Stage.UPLOAD));
            assertEquals(frames * 2 * MS, breakdown.waitNanos(Stage.UPSCALE));
            assertEquals(frames, breakdown.framesThrough(Stage.ADAPTER));
        }
    }

    @Test
    void aWorldStepTheSourceReportsIsRecordedAsItsOwnStage() {
        long[] step = new long[2];
        LatentSource dreaming = new LatentSource() {
            private boolean done;

            @Override
            public Pull pull(LatentFrame frame) {
                if (done) {
                    return Pull.NONE_READY;
                }
                done = true;
                for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
                    frame.latent().put(0f);
                }
                step[0] = System.nanoTime() - 7_000_000L;
                step[1] = step[0] + 5_000_000L;
                frame.setWorldStep(step[0], step[1]);
                return Pull.FRAME;
            }

            @Override
            public String describe() {
                return "dreaming";
            }

            @Override
            public void close() {
            }
        };
        try (FramePipeline pipeline = Pipelines.builder("nf-world-step").source(dreaming)
                .decoder(LinearTokenDecoder::new).build()) {
            awaitFrame(pipeline, 1);
            StageStats stats = pipeline.clock().stats(Stage.WORLD_STEP, new StageStats());
            assertEquals(1, stats.count());
            assertEquals(5_000_000L, stats.p50Nanos());
            assertTrue(pipeline.clock().snapshot().stream().anyMatch(s -> s.stage() == Stage.WORLD_STEP
                    && s.startNanos() == step[0]), "the interval keeps the source's own times");
        }
    }

    @Test
    void theRenderThreadNeverWaitsOnABusyDecoder() throws InterruptedException {
        ControlledSource source = new ControlledSource();
        GateDecoder decoder = new GateDecoder("gate");
        try (FramePipeline pipeline = Pipelines.builder("nf-nowait").source(source).decoder(() -> decoder).build()) {
            assertEquals(null, pipeline.latestFrame(), "nothing before the first frame");
            source.emit(0.25f);
            DecodedFrame first = awaitFrame(pipeline, 1);
            decoder.closeGate();
            source.emit(0.75f);
            decoder.entered.acquire(2);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 1000; i++) {
                    assertSame(first, pipeline.latestFrame(), "the last good frame stays while decoding");
                }
            });
            assertEquals(0.25f, red(first), 1e-6f);
            decoder.open();
            assertEquals(0.75f, red(awaitFrame(pipeline, 2)), 1e-6f);
        }
    }

    @Test
    void theNewestLatentWinsWhenTheDecoderFallsBehind() throws InterruptedException {
        ControlledSource source = new ControlledSource();
        GateDecoder decoder = new GateDecoder("gate");
        try (FramePipeline pipeline = Pipelines.builder("nf-newest").source(source).decoder(() -> decoder)
                .build()) {
            source.emit(0.1f);
            awaitFrame(pipeline, 1);
            decoder.closeGate();
            source.emit(0.2f);
            decoder.entered.acquire(2);
            for (int i = 3; i <= 6; i++) {
                source.emit(i / 10f);
                int pulled = i;
                Await.until("frame " + i + " pulled", () -> source.frames.get() == pulled);
            }
            int pulls = source.pulls.get();
            Await.until("frame 6 handed over (the worker pulled again)", () -> source.pulls.get() > pulls);
            decoder.open();
            DecodedFrame newest = awaitFrame(pipeline, 6);
            assertEquals(6, newest.frameId());
            assertEquals(0.6f, red(newest), 1e-6f);
            assertEquals(3, decoder.decodes.get(), "frames 3 to 5 were replaced by newer latents, never decoded");
            assertTrue(pipeline.clock().droppedFrames() >= 3, "drops: " + pipeline.clock().droppedFrames());
        }
    }

    @Test
    void aBackToBackSourceIsNotPulledWhileTheDecoderIsBusy() throws InterruptedException {
        ControlledSource source = new ControlledSource();
        GateDecoder decoder = new GateDecoder("gate");
        try (FramePipeline pipeline = Pipelines.builder("nf-back-to-back").source(source).decoder(() -> decoder)
                .backToBack(true).build()) {
            source.emit(0.1f);
            awaitFrame(pipeline, 1);
            decoder.closeGate();
            source.emit(0.2f);
            decoder.entered.acquire(2);
            int pulls = source.pulls.get();
            source.emit(0.3f);
            Thread.sleep(200);
            assertEquals(pulls, source.pulls.get(), "no pull while frame 2 is being decoded");
            decoder.open();
            DecodedFrame next = awaitFrame(pipeline, 3);
            assertEquals(0.3f, red(next), 1e-6f, "the next pull after the decode delivers the next frame");
        }
    }

    @Test
    void withFreshFramesOnlyWhatWaitedThroughTheDecodeIsDroppedUnpulled() throws InterruptedException {
        ControlledSource source = new ControlledSource();
        GateDecoder decoder = new GateDecoder("gate");
        try (FramePipeline pipeline = Pipelines.builder("nf-fresh").source(source).decoder(() -> decoder)
                .backToBack(true).freshFramesOnly(true).build()) {
            source.emit(0.1f);
            awaitFrame(pipeline, 1);
            Await.until("the worker dropped what waited for frame 1", () -> source.dropCalls.get() >= 1);
            decoder.closeGate();
            source.emit(0.2f);
            decoder.entered.acquire(2);
            source.emit(0.3f);
            decoder.open();
            Await.until("the frame that waited through frame 2's decode dropped", () -> source.droppedFrames.get() == 1);
            source.emit(0.4f);
            DecodedFrame next = awaitFrame(pipeline, 3);
            assertEquals(0.4f, red(next), 1e-6f, "the frame after the decode is the one emitted after it");
            assertEquals(3, source.frames.get(), "0.3 waited through frame 2's decode and was never pulled");
        }
    }

    @Test
    void freshFramesOnlyNeedsBackToBack() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pipelines.builder("nf-fresh-alone")
                .source(new ControlledSource()).decoder(LinearTokenDecoder::new).freshFramesOnly(true).build());
        assertTrue(e.getMessage().contains("backToBack"), e.getMessage());
    }

    @Test
    void theAdapterChangesWhatIsDecodedAndCanBeSwitchedOff() {
        ControlledSource source = new ControlledSource();
        CountingAdapter adapter = new CountingAdapter(0.25f);
        try (FramePipeline pipeline = Pipelines.builder("nf-adapter").source(source).adapter(adapter)
                .decoder(LinearTokenDecoder::new).build()) {
            source.emit(0.5f);
            assertEquals(0.75f, red(awaitFrame(pipeline, 1)), 1e-6f);
            assertEquals(0.5f, awaitFrame(pipeline, 1).image().get(LatentContract.IMAGE_FLOATS - 1), 1e-6f,
                    "blue is untouched");
            pipeline.setAdapterEnabled(false);
            source.emit(0.5f);
            assertEquals(0.5f, red(awaitFrame(pipeline, 2)), 1e-6f);
            assertEquals(1, adapter.calls.get());
        }
    }

    /** One frame of the lockstep run below: the rung it ran under and what each stage did. */
    private record Step(Rung rung, int adapterCalls, int mainDecodes, int quantizedDecodes, int fallbackDecodes,
            long skipped) {
    }

    /**
     * Runs frames one at a time on a virtual clock; the main decoder costs 80 ms, the quantized one
     * 70 ms and the fallback 1 ms of virtual time, nothing else costs anything. Between frames it waits until the latent
     * worker has looked at the source twice more, so no stage straddles another's clock advance.
     */
    private static List<Step> runLadder(String prefix, int frames) {
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        CountingAdapter adapter = new CountingAdapter(0f);
        List<LinearTokenDecoder> mains = new ArrayList<>();
        List<LinearTokenDecoder> quantized = new ArrayList<>();
        List<LinearTokenDecoder> fallbacks = new ArrayList<>();
        BudgetSettings budget = new BudgetSettings(Duration.ofMillis(33), 4, 1.0, 0.7, 3, 48, EnumSet.allOf(Rung.class));
        List<Step> steps = new ArrayList<>();
        try (FramePipeline pipeline = Pipelines.builder(prefix).timeSource(time).budget(budget)
                .decodeTimeout(Duration.ofHours(1)).sourceStallTimeout(Duration.ofHours(1))
                .source(source).adapter(adapter)
                .decoder(() -> add(mains, new CostlyDecoder("main", time, 80)))
                .quantizedDecoder(() -> add(quantized, new CostlyDecoder("quantized", time, 70)))
                .fallbackDecoder(() -> add(fallbacks, new CostlyDecoder("fallback", time, 1)))
                .build()) {
            for (int i = 1; i <= frames; i++) {
                source.emit(0.5f);
                long done = i;
                Await.until("frame " + i + " handled", () -> mains.get(0).decodes.get()
                        + quantized.get(0).decodes.get() + fallbacks.get(0).decodes.get()
                        + pipeline.clock().skippedFrames() == done);
                int pulls = source.pulls.get();
                Await.until("two more pulls", () -> source.pulls.get() >= pulls + 2);
                steps.add(new Step(pipeline.rung(), adapter.calls.get(), mains.get(0).decodes.get(),
                        quantized.get(0).decodes.get(), fallbacks.get(0).decodes.get(),
                        pipeline.clock().skippedFrames()));
            }
        }
        return steps;
    }

    private static <T> T add(List<T> list, T item) {
        list.add(item);
        return item;
    }

    /** A real decoder that also costs {@code millis} of virtual time. */
    private static final class CostlyDecoder extends LinearTokenDecoder {
        private final VirtualTimeSource time;
        private final double millis;

        CostlyDecoder(String name, VirtualTimeSource time, double millis) {
            super(name);
            this.time = time;
            this.millis = millis;
        }

        @Override
        public void decode(FloatBuffer latent, FloatBuffer image) {
            super.decode(latent, image);
            time.advanceMillis(millis);
        }
    }

    @Test
    void thePipelineAppliesEachRungOfTheLadderDeterministically() {
        List<Step> steps = runLadder("nf-ladder-a", 64);
        assertEquals(steps, runLadder("nf-ladder-b", 64), "same injected costs, same run");

        Step previous = new Step(Rung.FULL_QUALITY, 0, 0, 0, 0, 0);
        boolean skipExpected = false;
        for (Step step : steps) {
            Rung rung = step.rung();
            assertEquals(rung.skipsAdapter() ? 0 : 1, step.adapterCalls() - previous.adapterCalls(), "adapter at " + rung);
            boolean decoded = !(rung.decodesEveryOtherFrame() && skipExpected);
            skipExpected = rung.decodesEveryOtherFrame() && decoded;
            assertEquals(decoded ? 0 : 1, step.skipped() - previous.skipped(), "skip at " + rung);
            assertEquals(decoded && !rung.usesQuantizedDecoder() ? 1 : 0, step.mainDecodes() - previous.mainDecodes(),
                    "main decoder at " + rung);
            assertEquals(decoded && rung.usesQuantizedDecoder() && !rung.usesFallbackDecoder() ? 1 : 0,
                    step.quantizedDecodes() - previous.quantizedDecodes(), "quantized decoder at " + rung);
            assertEquals(decoded && rung.usesFallbackDecoder() ? 1 : 0,
                    step.fallbackDecodes() - previous.fallbackDecodes(), "fallback decoder at " + rung);
            previous = step;
        }
        List<Rung> visited = steps.stream().map(Step::rung).distinct().toList();
        assertEquals(List.of(Rung.FULL_QUALITY, Rung.QUANTIZED_DECODER, Rung.CHEAPER_UPSCALER, Rung.SKIP_ADAPTER,
                Rung.DECODE_EVERY_OTHER_FRAME, Rung.FALLBACK_DECODER), visited);
        assertTrue(steps.get(steps.size() - 1).rung().compareTo(Rung.DECODE_EVERY_OTHER_FRAME) >= 0);
    }

    @Test
    void builderNamesWhatIsMissingOrWrong() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> FramePipeline.builder().decoder(LinearTokenDecoder::new).build());
        assertEquals("source is required: call source(...)", missing.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> FramePipeline.builder().decodeTimeout(Duration.ZERO));
        assertEquals("decodeTimeout must be positive, got PT0S", timeout.getMessage());

        ControlledSource source = new ControlledSource();
        LinearTokenDecoder main = new LinearTokenDecoder();
        LinearTokenDecoder quantized = new LinearTokenDecoder();
        IllegalStateException failing = assertThrows(IllegalStateException.class, () -> FramePipeline.builder()
                .source(source).decoder(() -> main).quantizedDecoder(() -> quantized)
                .fallbackDecoder(() -> {
                    throw new IllegalArgumentException("no such file: tiny.onnx");
                }).build());
        assertEquals("fallbackDecoder: making the decoder failed: no such file: tiny.onnx", failing.getMessage());
        assertTrue(main.closed, "the main decoder made before the failure is closed");
        assertTrue(quantized.closed, "and so is the quantized one");
        assertTrue(!source.closed, "the source still belongs to the caller when build() throws");
        assertNotNull(failing.getCause());
    }
}
