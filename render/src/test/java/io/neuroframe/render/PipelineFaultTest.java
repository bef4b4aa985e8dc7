package io.neuroframe.render;

import io.neuroframe.api.FaultKind;
import static io.neuroframe.render.testing.Pipelines.awaitFrame;
import static io.neuroframe.render.testing.Pipelines.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.render.testing.Await;
import io.neuroframe.render.testing.ControlledSource;
import io.neuroframe.render.testing.CountingAdapter;
import io.neuroframe.render.testing.GateDecoder;
import io.neuroframe.render.testing.LinearTokenDecoder;
import io.neuroframe.render.testing.LogCapture;
import io.neuroframe.render.testing.Pipelines;
import io.neuroframe.render.timing.VirtualTimeSource;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Every run-time fault: the game keeps the last good frame, the fault is counted and logged once. */
class PipelineFaultTest {
    private static final String LOGGER = FramePipeline.class.getName();

    /** Real time passes so that a worker that would wrongly retry gets the chance to. */
    private static void letWorkersRun() throws InterruptedException {
        Thread.sleep(60);
    }

    @Test
    void nonFiniteLatentsAreRejectedCountedAndLoggedOnce() {
        ControlledSource source = new ControlledSource();
        try (LogCapture log = new LogCapture(LOGGER);
             FramePipeline pipeline = Pipelines.builder("nf-nan").source(source).decoder(LinearTokenDecoder::new)
                     .build()) {
            source.emit(0.25f);
            DecodedFrame good = awaitFrame(pipeline, 1);
            source.mode = ControlledSource.Mode.NAN;
            source.emit(0.9f);
            source.emit(0.9f);
            Await.until("two rejected latents", () -> pipeline.faults().count(FaultKind.LATENT_NOT_FINITE) == 2);
            assertSame(good, pipeline.latestFrame());
            assertEquals(0.25f, red(good), 1e-6f);
            assertTrue(pipeline.faults().active(FaultKind.LATENT_NOT_FINITE));
            assertEquals(1, log.count(Level.WARNING, "a latent held a non-finite value: controlled delivered NaN at index "
                    + "1234 (token 77, channel 2)"));
            source.mode = ControlledSource.Mode.NORMAL;
            source.emit(0.5f);
            assertEquals(0.5f, red(awaitFrame(pipeline, 2)), 1e-6f);
            assertFalse(pipeline.faults().active(FaultKind.LATENT_NOT_FINITE));
        }
    }

    @Test
    void wronglyShapedLatentsAreRejected() {
        ControlledSource source = new ControlledSource();
        try (LogCapture log = new LogCapture(LOGGER);
             FramePipeline pipeline = Pipelines.builder("nf-shape").source(source).decoder(LinearTokenDecoder::new)
                     .build()) {
            source.emit(0.25f);
            awaitFrame(pipeline, 1);
            source.mode = ControlledSource.Mode.SHORT;
            source.emit(0.9f);
            Await.until("short latent rejected", () -> pipeline.faults().count(FaultKind.LATENT_WRONG_SHAPE) == 1);
            source.mode = ControlledSource.Mode.OVERFLOW;
            source.emit(0.9f);
            Await.until("long latent rejected", () -> pipeline.faults().count(FaultKind.LATENT_WRONG_SHAPE) == 2);
            assertEquals(0.25f, red(pipeline.latestFrame()), 1e-6f);
            assertEquals(1, log.count(Level.WARNING, "controlled wrote 100 floats, expected 9216"));
            assertEquals(1, pipeline.clock().framesStarted(), "rejected latents never enter the pipeline");
        }
    }

    @Test
    void aThrowingDecoderIsRetriedWithExponentialBackoff() throws InterruptedException {
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        ThrowingDecoder decoder = new ThrowingDecoder();
        try (LogCapture log = new LogCapture(LOGGER);
             FramePipeline pipeline = Pipelines.builder("nf-throw").timeSource(time).source(source)
                     .decoder(() -> decoder).backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                     .sourceStallTimeout(Duration.ofHours(1)).build()) {
            source.emit(0.25f);
            DecodedFrame good = awaitFrame(pipeline, 1);
            decoder.failing = true;
            source.emit(0.5f);
            Await.until("first failure", () -> pipeline.faults().count(FaultKind.DECODER_ERROR) == 1);
            source.emit(0.5f);
            letWorkersRun();
            assertEquals(1, pipeline.faults().count(FaultKind.DECODER_ERROR), "no retry before 50 ms have passed");
            time.advanceMillis(50);
            Await.until("second failure", () -> pipeline.faults().count(FaultKind.DECODER_ERROR) == 2);
            source.emit(0.5f);
            time.advanceMillis(50);
            letWorkersRun();
            assertEquals(2, pipeline.faults().count(FaultKind.DECODER_ERROR), "the next delay is 100 ms");
            time.advanceMillis(50);
            Await.until("third failure", () -> pipeline.faults().count(FaultKind.DECODER_ERROR) == 3);
            assertSame(good, pipeline.latestFrame(), "the last good frame stays on screen");
            assertEquals(1, log.count(Level.WARNING, "the decoder failed: throwing threw on frame 2"));

            decoder.failing = false;
            source.emit(0.75f);
            time.advanceMillis(200);
            assertEquals(0.75f, red(awaitFrame(pipeline, 2)), 1e-6f);
            assertFalse(pipeline.faults().active(FaultKind.DECODER_ERROR));
        }
    }

    private static final class ThrowingDecoder extends LinearTokenDecoder {
        volatile boolean failing;

        ThrowingDecoder() {
            super("throwing");
        }

        @Override
        public void decode(FloatBuffer latent, FloatBuffer image) {
            if (failing) {
                throw new IllegalStateException("injected decoder failure");
            }
            super.decode(latent, image);
        }
    }

    @Test
    void aHungDecoderIsAbandonedAndAFreshOneTakesOver() throws InterruptedException {
        ControlledSource source = new ControlledSource();
        List<GateDecoder> made = new CopyOnWriteArrayList<>();
        try (LogCapture log = new LogCapture(LOGGER);
             FramePipeline pipeline = Pipelines.builder("nf-hang").source(source)
                     .decoder(() -> {
                         GateDecoder d = new GateDecoder("gate-" + (made.size() + 1));
                         made.add(d);
                         return d;
                     })
                     .decodeTimeout(Duration.ofMillis(500)).backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                     .build()) {
            source.emit(0.25f);
            DecodedFrame good = awaitFrame(pipeline, 1);
            GateDecoder hung = made.get(0);
            hung.closeGate();
            source.emit(0.5f);
            hung.entered.acquire(2);
            assertSame(good, pipeline.latestFrame(), "while the decoder hangs the last good frame stays");
            Await.until("the watchdog gives up on the hung decode",
                    () -> pipeline.faults().count(FaultKind.DECODER_TIMEOUT) == 1);
            Await.until("a fresh decoder", () -> made.size() == 2);
            source.emit(0.75f);
            DecodedFrame fresh = awaitFrame(pipeline, 3);
            assertEquals(0.75f, red(fresh), 1e-6f);
            assertFalse(pipeline.faults().active(FaultKind.DECODER_TIMEOUT), "the fresh decoder works");
            assertEquals(1, made.get(1).decodes.get());
            assertEquals("nf-hang-decode-2", made.get(1).decodedOnThread);
            assertEquals(1, log.count(Level.WARNING, "gate-1 on nf-hang-decode-1 spent more than 500 ms on frame 2"));
            assertFalse(hung.closed, "a decoder is never closed from another thread while it is busy");

            hung.open();
            Await.until("the abandoned thread leaves", () -> Await.threadsNamed("nf-hang-decode-1").isEmpty());
            assertTrue(hung.closed);
            assertEquals("nf-hang-decode-1", hung.closedOnThread, "closed on its own thread once the call returned");
            assertEquals(2, hung.decodes.get(), "the hung call did return in the end");
            DecodedFrame shown = pipeline.latestFrame();
            assertEquals(3, shown.frameId(), "but its late frame 2 was thrown away");
            assertEquals(0.75f, red(shown), 1e-6f);
        }
    }

    @Test
    void aFailingReplacementDecoderIsRetriedWithBackoff() throws InterruptedException {
        ControlledSource source = new ControlledSource();
        List<GateDecoder> made = new CopyOnWriteArrayList<>();
        int[] calls = new int[1];
        try (FramePipeline pipeline = Pipelines.builder("nf-remake").source(source)
                .decoder(() -> {
                    if (++calls[0] == 2) {
                        throw new IllegalStateException("model file is being rewritten");
                    }
                    GateDecoder d = new GateDecoder("gate-" + calls[0]);
                    made.add(d);
                    return d;
                })
                .decodeTimeout(Duration.ofMillis(500)).backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .build()) {
            source.emit(0.25f);
            awaitFrame(pipeline, 1);
            made.get(0).closeGate();
            source.emit(0.5f);
            Await.until("timeout", () -> pipeline.faults().count(FaultKind.DECODER_TIMEOUT) == 1);
            Await.until("the third supplier call", () -> made.size() == 2);
            assertEquals(1, pipeline.faults().count(FaultKind.DECODER_CREATION));
            source.emit(0.75f);
            assertEquals(0.75f, red(awaitFrame(pipeline, 3)), 1e-6f);
            assertEquals("gate-3", made.get(1).describe());
            assertFalse(pipeline.faults().active(FaultKind.DECODER_CREATION));
            made.get(0).open();
        }
    }

    @Test
    void aThrowingSourceIsRetriedWithBackoff() throws InterruptedException {
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        try (FramePipeline pipeline = Pipelines.builder("nf-srcthrow").timeSource(time).source(source)
                .decoder(LinearTokenDecoder::new).backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                .sourceStallTimeout(Duration.ofHours(1)).build()) {
            source.emit(0.25f);
            awaitFrame(pipeline, 1);
            source.mode = ControlledSource.Mode.THROW;
            Await.until("source failure", () -> pipeline.faults().count(FaultKind.SOURCE_ERROR) == 1);
            letWorkersRun();
            assertEquals(1, pipeline.faults().count(FaultKind.SOURCE_ERROR), "no retry before the back-off");
            time.advanceMillis(50);
            Await.until("retry", () -> pipeline.faults().count(FaultKind.SOURCE_ERROR) == 2);
            source.mode = ControlledSource.Mode.NORMAL;
            source.emit(0.5f);
            time.advanceMillis(100);
            assertEquals(0.5f, red(awaitFrame(pipeline, 2)), 1e-6f);
            assertFalse(pipeline.faults().active(FaultKind.SOURCE_ERROR));
        }
    }

    @Test
    void aSourceThatStopsIsReportedAsStalledAndTheFrameStays() {
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        try (LogCapture log = new LogCapture(LOGGER);
             FramePipeline pipeline = Pipelines.builder("nf-stall").timeSource(time).source(source)
                     .decoder(LinearTokenDecoder::new).sourceStallTimeout(Duration.ofSeconds(1)).build()) {
            source.emit(0.25f);
            DecodedFrame good = awaitFrame(pipeline, 1);
            time.advanceMillis(1500);
            Await.until("stall reported", () -> pipeline.faults().count(FaultKind.SOURCE_STALLED) == 1);
            assertSame(good, pipeline.latestFrame());
            assertEquals(1, log.count(Level.WARNING, "the latent source stopped delivering frames: controlled delivered "
                    + "no frame for 1500 ms"));
            source.emit(0.5f);
            time.advanceMillis(1000);
            assertEquals(0.5f, red(awaitFrame(pipeline, 2)), 1e-6f);
            assertFalse(pipeline.faults().active(FaultKind.SOURCE_STALLED));
            assertEquals(1, pipeline.faults().count(FaultKind.SOURCE_STALLED));
        }
    }

    @Test
    void aSourceThatHasNotStartedYetIsNotReportedAsStalled() throws InterruptedException {
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        try (FramePipeline pipeline = Pipelines.builder("nf-starting").timeSource(time).source(source)
                     .decoder(LinearTokenDecoder::new).sourceStallTimeout(Duration.ofSeconds(1)).build()) {
            time.advanceMillis(1500);
            letWorkersRun();
            assertEquals(0, pipeline.faults().count(FaultKind.SOURCE_STALLED), "no first frame yet: starting");
            source.emit(0.25f);
            awaitFrame(pipeline, 1);
            time.advanceMillis(1500);
            Await.until("stall reported", () -> pipeline.faults().count(FaultKind.SOURCE_STALLED) == 1);
        }
    }

    @Test
    void aSourceWaitingForInputIsNeverStalledAndItsStallClockStartsAgainAfterTheWait() throws InterruptedException {
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        try (FramePipeline pipeline = Pipelines.builder("nf-waiting").timeSource(time).source(source)
                     .decoder(LinearTokenDecoder::new).sourceStallTimeout(Duration.ofSeconds(1)).build()) {
            source.emit(0.25f);
            awaitFrame(pipeline, 1);
            source.waitingForInput = true;
            int pulls = source.pulls.get();
            time.advanceMillis(5000);
            Await.until("the waiting source polled after the clock moved", () -> source.pulls.get() > pulls + 2);
            assertEquals(0, pipeline.faults().count(FaultKind.SOURCE_STALLED), "waiting for input is not a stall");
            source.waitingForInput = false;
            time.advanceMillis(500);
            letWorkersRun();
            assertEquals(0, pipeline.faults().count(FaultKind.SOURCE_STALLED), "the stall clock began when the wait ended");
            time.advanceMillis(1000);
            Await.until("a real stall after the wait is reported", () -> pipeline.faults().count(FaultKind.SOURCE_STALLED) == 1);
        }
    }

    @Test
    void aSourceThatEndsLeavesTheLastFrameAndIsClosed() {
        ControlledSource source = new ControlledSource();
        try (FramePipeline pipeline = Pipelines.builder("nf-end").source(source).decoder(LinearTokenDecoder::new)
                .build()) {
            source.emit(0.25f);
            awaitFrame(pipeline, 1);
            source.mode = ControlledSource.Mode.ENDED;
            Await.until("end noticed", pipeline::sourceEnded);
            Await.until("source closed by its worker", () -> source.closed);
            assertEquals("nf-end-latent", source.closedOnThread);
            assertEquals(0.25f, red(pipeline.latestFrame()), 1e-6f);
            assertEquals(0, pipeline.faults().total());
        }
    }

    @Test
    void aFailingAdapterIsBypassedUntilItWorksAgain() {
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        CountingAdapter adapter = new CountingAdapter(0.25f);
        try (FramePipeline pipeline = Pipelines.builder("nf-adapterfail").timeSource(time).source(source)
                .adapter(adapter).decoder(LinearTokenDecoder::new).sourceStallTimeout(Duration.ofHours(1)).build()) {
            adapter.failing = true;
            source.emit(0.5f);
            assertEquals(0.5f, red(awaitFrame(pipeline, 1)), 1e-6f, "shown without the adapter");
            source.emit(0.5f);
            assertEquals(0.5f, red(awaitFrame(pipeline, 2)), 1e-6f);
            assertEquals(1, adapter.calls.get(), "not retried before the back-off");
            assertEquals(1, pipeline.faults().count(FaultKind.ADAPTER_ERROR));
            adapter.failing = false;
            time.advanceMillis(60);
            source.emit(0.5f);
            assertEquals(0.75f, red(awaitFrame(pipeline, 3)), 1e-6f, "the adapter is back");
            assertFalse(pipeline.faults().active(FaultKind.ADAPTER_ERROR));
        }
    }
}
