package io.neuroframe.demo.neural;

import io.neuroframe.api.NativeBuffers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.api.FaultKind;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.api.TimeSource;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OnnxContract;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.source.LatentRecorder;
import io.neuroframe.render.source.ReplaySource;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageSample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The neural view's adapter on the frame path: a seeded adapter exported as a trained one is, run by ONNX Runtime
 * in a real pipeline with a real decoder, switched on and off while the pipeline runs
 * ({@link FramePipeline#setAdapterEnabled}, what T does in the demo); and an exported graph that passes the
 * demo's check but fails while running is bypassed.
 */
class AdapterSwitchTest {
    /** A two-block codec of width 32 that speaks the latent contract: quick to decode. */
    private static final VitVaeConfig TINY = new VitVaeConfig("test-tiny", 16, 20, 32, 1, 2, 32, 1, 2, 4);
    private static final long TIMEOUT_NANOS = 120_000_000_000L;
    /**
     * What ONNX Runtime's Java binding allocates per run (names, handles, the result's map), as
     * {@code OrtDecoderAllocationTest} bounds it: a per-call buffer or array would be many times more.
     */
    private static final long BINDING_BYTES_PER_RUN = 4096;
    private static final int MEASURED_FRAMES = 10;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void switchedOnTheTrainedAdapterRunsAndSwitchedOffTheLatentPassesThroughUnchanged() throws Exception {
        DemoAdapter adapter = DemoAdapter.check(TestAdapters.exportChannelAffine(dir.resolve("affine.onnx"), 3));
        VitVaeWeights weights = VitVaeWeights.random(TINY, 5);
        FloatBuffer latent = randomLatent(7);
        float[] expectedOn;
        float[] expectedOff;
        try (LatentAdapter reference = adapter.open(); OrtDecoder decoder = OrtDecoder.create(weights)) {
            FloatBuffer adapted = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
            reference.apply(latent, adapted);
            expectedOn = decode(decoder, adapted);
            expectedOff = decode(decoder, latent);
        }
        assertFalse(Arrays.equals(expectedOn, expectedOff), "the adapter changes what is decoded");

        try (FramePipeline pipeline = FramePipeline.builder()
                .threadNamePrefix("nf-switch")
                .source(ReplaySource.open(record(latent), ReplaySource.Pacing.RECORDED, true, TimeSource.SYSTEM))
                .adapter(adapter.open())
                .decoder(() -> OrtDecoder.create(weights))
                .frameBudget(Duration.ofSeconds(10))
                .build()) {
            Thread latentThread = thread("nf-switch-latent");
            DecodedFrame on = awaitFrame(pipeline, true, 0);
            assertArrayEquals(expectedOn, image(on), "switched on: the trained adapter's output is decoded");
            double onBytes = allocatedPerFrame(pipeline, latentThread);
            assertTrue(onBytes < BINDING_BYTES_PER_RUN, "switched on, the latent thread allocated " + onBytes
                    + " bytes per frame: more than ONNX Runtime's bookkeeping");

            pipeline.setAdapterEnabled(false);
            DecodedFrame off = awaitFrame(pipeline, false, on.frameId());
            assertArrayEquals(expectedOff, image(off), "switched off: the latent reaches the decoder bit for bit");
            double offBytes = allocatedPerFrame(pipeline, latentThread);
            assertTrue(offBytes * MEASURED_FRAMES < 1024,
                    "switched off, the latent thread allocated " + offBytes + " bytes per frame");

            pipeline.setAdapterEnabled(true);
            DecodedFrame again = awaitFrame(pipeline, true, off.frameId());
            assertArrayEquals(expectedOn, image(again), "switched on again, nothing rebuilt");
        }
    }

    @Test
    void anAdapterThatFailsWhileRunningIsBypassedAndReportedAndFramesGoOn() throws Exception {
        // square roots of negative values are NaN: a zero latent passes the check, a real one does not
        OnnxGraphBuilder graph = new OnnxGraphBuilder("failing-adapter");
        String z = graph.input(OnnxContract.LATENT, OnnxContract.BATCH_DIM, LatentContract.TOKENS,
                LatentContract.CHANNELS);
        graph.output(graph.op("Sqrt", "root", z), AdapterOnnx.OUTPUT, OnnxContract.BATCH_DIM, LatentContract.TOKENS,
                LatentContract.CHANNELS);
        Path file = Files.write(dir.resolve("sqrt.onnx"),
                graph.build("test", "fails on negative values").toByteArray());
        DemoAdapter adapter = DemoAdapter.check(file);
        VitVaeWeights weights = VitVaeWeights.random(TINY, 5);
        FloatBuffer latent = randomLatent(7);
        float[] expected;
        try (OrtDecoder decoder = OrtDecoder.create(weights)) {
            expected = decode(decoder, latent);
        }
        try (FramePipeline pipeline = FramePipeline.builder()
                .threadNamePrefix("nf-failing")
                .source(ReplaySource.open(record(latent), ReplaySource.Pacing.RECORDED, true, TimeSource.SYSTEM))
                .adapter(adapter.open())
                .decoder(() -> OrtDecoder.create(weights))
                .frameBudget(Duration.ofSeconds(10))
                .build()) {
            DecodedFrame first = awaitFrame(pipeline, false, 0);
            assertArrayEquals(expected, image(first), "the latent passes the failing adapter by, unchanged");
            assertTrue(pipeline.faults().count(FaultKind.ADAPTER_ERROR) >= 1, "the failure is a fault");
            assertTrue(pipeline.faults().active(FaultKind.ADAPTER_ERROR));
            DecodedFrame later = awaitFrame(pipeline, false, first.frameId());
            assertArrayEquals(expected, image(later), "frames go on");
        }
    }

    /** A looping recording of {@code latent}, two frames 50 ms apart. */
    private Path record(FloatBuffer latent) throws IOException {
        Path file = dir.resolve("walk.nflat");
        FloatBuffer action = FloatBuffer.allocate(OasisAction.SIZE);
        try (LatentRecorder recorder = LatentRecorder.create(file)) {
            recorder.append(0, action, latent);
            recorder.append(50_000_000L, action, latent);
        }
        return file;
    }

    /** Waits for a frame newer than {@code after} that had ({@code adapted}) or had not been through the adapter. */
    private static DecodedFrame awaitFrame(FramePipeline pipeline, boolean adapted, long after) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            DecodedFrame frame = pipeline.latestFrame();
            if (frame != null && frame.frameId() > after && adapted(pipeline, frame.frameId()) == adapted) {
                return frame;
            }
            LockSupport.parkNanos(5_000_000L);
        }
        throw new AssertionError("no frame " + (adapted ? "with" : "without") + " the adapter after frame " + after);
    }

    private static boolean adapted(FramePipeline pipeline, long frameId) {
        for (StageSample sample : pipeline.clock().snapshot()) {
            if (sample.stage() == Stage.ADAPTER && sample.frameId() == frameId) {
                return true;
            }
        }
        return false;
    }

    /** Bytes {@code thread} allocates per latent while the pipeline takes {@link #MEASURED_FRAMES} more. */
    private double allocatedPerFrame(FramePipeline pipeline, Thread thread) {
        long startFrames = pipeline.clock().framesStarted();
        long before = threads.getThreadAllocatedBytes(thread.getId());
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (pipeline.clock().framesStarted() < startFrames + MEASURED_FRAMES && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000L);
        }
        long bytes = threads.getThreadAllocatedBytes(thread.getId()) - before;
        return (double) bytes / (pipeline.clock().framesStarted() - startFrames);
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    private static float[] decode(OrtDecoder decoder, FloatBuffer latent) {
        FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
        decoder.decode(latent, image);
        return image.array();
    }

    private static float[] image(DecodedFrame frame) {
        float[] values = new float[LatentContract.IMAGE_FLOATS];
        frame.image().get(0, values);
        return values;
    }

    private static FloatBuffer randomLatent(long seed) {
        FloatBuffer buffer = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            buffer.put(i, (float) (random.nextGaussian() * 0.15));
        }
        return buffer;
    }

}
