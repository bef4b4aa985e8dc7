package io.neuroframe.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.render.source.EncoderLoopbackSource;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.render.testing.CountingAdapter;
import io.neuroframe.render.testing.LinearTokenDecoder;
import io.neuroframe.render.testing.PatchMeanEncoder;
import io.neuroframe.render.testing.Pipelines;
import io.neuroframe.render.timing.LatencyBreakdown;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.timing.StageStats;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Steady state allocates nothing per frame: the test thread plays the engine (publishes its
 * render with its read-back times, takes the newest frame, records upload and upscale, reads the
 * overlay's statistics and latency breakdown) and
 * the pipeline's threads run loopback encode, adapter, decode and pack. Any object made per frame
 * would add at least 16 bytes x frames.
 */
class PipelineAllocationTest {
    private static final int FRAMES = 200;
    private static final long TOLERANCE_BYTES = 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void steadyStateAllocatesNothingPerFrameOnAnyThread() {
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        RenderHandoff handoff = new RenderHandoff();
        try (FramePipeline pipeline = Pipelines.builder("nf-alloc")
                .source(new EncoderLoopbackSource(new PatchMeanEncoder(), handoff))
                .adapter(new CountingAdapter(0.1f))
                .decoder(LinearTokenDecoder::new)
                .frameBudget(Duration.ofSeconds(10))
                .build()) {
            StageStats stats = new StageStats();
            LatencyBreakdown breakdown = new LatencyBreakdown();
            long last = run(pipeline, handoff, stats, breakdown, 0, FRAMES);

            List<Thread> workers = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("nf-alloc-")) {
                    workers.add(t);
                }
            }
            assertEquals(3, workers.size(), "latent, decode and watchdog threads");
            long[] before = new long[workers.size()];
            for (int i = 0; i < before.length; i++) {
                before[i] = threads.getThreadAllocatedBytes(workers.get(i).getId());
            }
            threads.getCurrentThreadAllocatedBytes();
            long selfBefore = threads.getCurrentThreadAllocatedBytes();
            run(pipeline, handoff, stats, breakdown, last, FRAMES);
            long self = threads.getCurrentThreadAllocatedBytes() - selfBefore;

            assertTrue(self < TOLERANCE_BYTES, "render thread allocated " + self + " bytes over " + FRAMES + " frames");
            for (int i = 0; i < before.length; i++) {
                long bytes = threads.getThreadAllocatedBytes(workers.get(i).getId()) - before[i];
                assertTrue(bytes < TOLERANCE_BYTES,
                        workers.get(i).getName() + " allocated " + bytes + " bytes over " + FRAMES + " frames");
            }
            assertEquals(0, pipeline.faults().total());
            assertTrue(breakdown.frames() > 0 && breakdown.framesThrough(Stage.READBACK) == breakdown.frames(),
                    "the read-back times reached the breakdown");
        }
    }

    /** Plays {@code frames} engine frames in lockstep with the pipeline; returns the last frame id shown. */
    private static long run(FramePipeline pipeline, RenderHandoff handoff, StageStats stats,
                            LatencyBreakdown breakdown, long lastShown, int frames) {
        StageClock clock = pipeline.clock();
        long last = lastShown;
        for (int n = 0; n < frames; n++) {
            FloatBuffer image = handoff.image();
            float shade = (n % 50) / 50f;
            for (int i = 0; i < LatentContract.IMAGE_FLOATS; i += 7) {
                image.put(i, shade);
            }
            long input = clock.now();
            handoff.publish(input, input, clock.now(), clock.now(), clock.now());
            DecodedFrame frame = pipeline.latestFrame();
            while (frame == null || frame.frameId() == last) {
                LockSupport.parkNanos(100_000);
                frame = pipeline.latestFrame();
            }
            last = frame.frameId();
            long t0 = clock.now();
            frame.rgba().rewind();
            long t1 = clock.now();
            clock.record(last, Stage.UPLOAD, t0, t1);
            clock.record(last, Stage.UPSCALE, t1, clock.now());
            if (n % 20 == 0) {
                clock.stats(Stage.DECODE, stats);
                clock.motionToPhoton(stats);
                clock.breakdown(breakdown);
            }
        }
        return last;
    }
}
