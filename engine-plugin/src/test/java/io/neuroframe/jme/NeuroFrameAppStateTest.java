package io.neuroframe.jme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.render.source.ReplaySource;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageStats;
import io.neuroframe.api.TimeSource;
import com.jme3.app.state.AppState;
import com.jme3.math.Vector3f;
import com.jme3.renderer.ViewPort;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The plugin in a real jME application under a (virtual) display. */
@Tag("gl")
@ExtendWith(SharedJme.class)
class NeuroFrameAppStateTest {
    private static HeadlessJme jme;
    @TempDir
    static Path folder;

    @BeforeAll
    static void useEngine(HeadlessJme shared) {
        jme = shared;
    }

    private static NeuroFrameAppState tinyState(Duration budget) throws Exception {
        var weights = TestModels.tinyWeights();
        Path recording = TestModels.recording(folder, 40);
        return NeuroFrameAppState.builder()
                .source(ReplaySource.open(recording, ReplaySource.Pacing.RECORDED, true, TimeSource.SYSTEM))
                .decoder(() -> OrtDecoder.create(weights))
                .budget(budget)
                .build();
    }

    @Test
    void showsDecodedFramesAndLeavesNoThreadsOrTexturesWhenDetached() throws Exception {
        NeuroFrameAppState state = tinyState(Duration.ofMillis(100));
        int texturesBefore = jme.call(() -> textureCount());
        jme.run(() -> {
            // Look away from the world origin: the neural frame is screen-space and must not depend on the 3D view.
            jme.app().getCamera().setLocation(new Vector3f(0, 0, 10));
            jme.app().getCamera().lookAtDirection(Vector3f.UNIT_Z, Vector3f.UNIT_Y);
            jme.app().getStateManager().attach(state);
        });
        try {
            awaitStage(state, Stage.UPSCALE);
            ByteBuffer pixels = jme.screenshot();
            assertTrue(distinctColours(pixels) > 50, "the decoded frame should be on screen, not a flat colour");
            assertTrue(state.pipeline().clock().stats(Stage.UPLOAD, new StageStats()).count() > 0,
                    "uploads are timed");
            List<String> views = jme.call(() -> jme.app().getRenderManager().getMainViews().stream()
                    .map(ViewPort::getName).toList());
            int game = views.indexOf(jme.app().getViewPort().getName());
            int offscreen = views.indexOf("NeuroFrame edge-adaptive pass");
            int window = views.indexOf("NeuroFrame upscale");
            assertTrue(game >= 0 && game < offscreen && offscreen < window, "the default edge-adaptive upscaler "
                    + "draws after the game's view (so the newest frame is picked up after its read-back), its "
                    + "offscreen pass before the window's: " + views);
        } finally {
            jme.run(() -> jme.app().getStateManager().detach(state));
        }
        jme.awaitFrames(3);
        assertEquals(0, pipelineThreads(), "no pipeline thread may survive detach");
        assertEquals(texturesBefore, (int) jme.call(() -> textureCount()), "the frame texture must be deleted");
    }

    @Test
    void aStateBuiltFromSuppliersCanBeDetachedAndAttachedAgain() throws Exception {
        var weights = TestModels.tinyWeights();
        Path recording = TestModels.recording(folder, 40);
        NeuroFrameAppState state = NeuroFrameAppState.builder()
                .source(() -> openReplay(recording))
                .decoder(() -> OrtDecoder.create(weights))
                .budget(Duration.ofMillis(100))
                .build();
        for (int attach = 1; attach <= 2; attach++) {
            jme.run(() -> jme.app().getStateManager().attach(state));
            try {
                awaitStage(state, Stage.UPSCALE);
                assertEquals(0, state.pipeline().faults().total(), "attach " + attach + " runs without faults");
            } finally {
                jme.run(() -> jme.app().getStateManager().detach(state));
            }
            jme.awaitFrames(3);
            assertEquals(0, pipelineThreads(), "no pipeline thread may survive detach " + attach);
        }
    }

    @Test
    void aSourceGivenAsAnInstanceServesOneAttachAndASecondIsRefusedWithoutBreakingTheGame() throws Exception {
        NeuroFrameAppState state = tinyState(Duration.ofMillis(100));
        jme.run(() -> jme.app().getStateManager().attach(state));
        awaitStage(state, Stage.UPSCALE);
        jme.run(() -> jme.app().getStateManager().detach(state));
        jme.awaitFrames(3);
        jme.run(() -> jme.app().getStateManager().attach(state));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (state.startupFailure() == null && System.nanoTime() < deadline) {
                jme.awaitFrames(1);
            }
            RuntimeException failure = state.startupFailure();
            assertTrue(failure != null && failure.getMessage().contains("supplier"),
                    "the second attach says to use a supplier: " + failure);
            jme.awaitFrames(5);
            assertEquals(null, state.pipeline(), "no pipeline runs on a closed source");
        } finally {
            jme.run(() -> jme.app().getStateManager().detach(state));
        }
    }

    private static ReplaySource openReplay(Path recording) {
        try {
            return ReplaySource.open(recording, ReplaySource.Pacing.RECORDED, true, TimeSource.SYSTEM);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void buildRefusesAMissingOnnxFileNamingIt() {
        Path missing = folder.resolve("nowhere/decoder.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuroFrameAppState.builder().decoderOnnx(missing));
        assertTrue(e.getMessage().contains("decoder.onnx"), e.getMessage());
    }

    @Test
    void buildNamesWhatIsMissing() {
        IllegalStateException noSource = assertThrows(IllegalStateException.class,
                () -> NeuroFrameAppState.builder().decoder(() -> OrtDecoder.create(TestModels.tinyWeights())).build());
        assertTrue(noSource.getMessage().contains("source"), noSource.getMessage());
        IllegalStateException freshWithoutLoopback = assertThrows(IllegalStateException.class,
                () -> NeuroFrameAppState.builder().source(() -> {
                    throw new AssertionError("build makes no source");
                }).freshEngineFramesOnly(true)
                        .decoder(() -> OrtDecoder.create(TestModels.tinyWeights())).build());
        assertTrue(freshWithoutLoopback.getMessage().contains("encoderLoopback"), freshWithoutLoopback.getMessage());
    }

    @Test
    void streamingAFrameAllocatesNothingOnTheRenderThread() throws Exception {
        // A budget no stage can exceed keeps the ladder (and so the upscaler) fixed: steady state.
        NeuroFrameAppState state = tinyState(Duration.ofSeconds(10));
        AllocationMeter meter = new AllocationMeter();
        AppState before = meter.before();
        AppState after = meter.after();
        jme.run(() -> {
            jme.app().getStateManager().attach(before);
            jme.app().getStateManager().attach(state);
            jme.app().getStateManager().attach(after);
        });
        try {
            awaitStage(state, Stage.UPSCALE);
            jme.awaitFrames(30);
            meter.reset();
            long uploadNanosBefore = state.pipeline().clock().busyNanos(Stage.UPLOAD);
            jme.awaitFrames(200);
            assertTrue(state.pipeline().clock().busyNanos(Stage.UPLOAD) > uploadNanosBefore,
                    "new frames must have been uploaded while measuring");
            // update(): pick the newest frame, point the texture at it; render(): upload and time it.
            // Per-frame allocation would show in every frame; allow one rare event (a lazily made JDK object).
            assertTrue(meter.allocatingFrames() <= 1, meter.allocatingFrames() + " of " + meter.frames()
                    + " frames allocated (" + meter.bytesPerFrame() + " bytes per frame on average)");
            assertEquals(0, state.pipeline().budget().stepDowns(), "the budget ladder must not have moved");
        } finally {
            jme.run(() -> jme.app().getStateManager().detach(state));
            jme.run(() -> jme.app().getStateManager().detach(before));
            jme.run(() -> jme.app().getStateManager().detach(after));
        }
    }

    private static void awaitStage(NeuroFrameAppState state, Stage stage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        StageStats stats = new StageStats();
        while (state.pipeline() == null || state.pipeline().clock().stats(stage, stats).count() < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(stage.label() + " never ran; faults: " + (state.pipeline() == null
                        ? "not started" : state.pipeline().faults().total()));
            }
            jme.awaitFrames(1);
        }
    }

    private static int distinctColours(ByteBuffer rgba) {
        int[] colours = new int[rgba.capacity() / 4];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = rgba.getInt(i * 4) & 0xFFFFFF;
        }
        return (int) Arrays.stream(colours).distinct().count();
    }

    private static int textureCount() {
        int[] data = new int[jme.app().getRenderer().getStatistics().getLabels().length];
        jme.app().getRenderer().getStatistics().getData(data);
        String[] labels = jme.app().getRenderer().getStatistics().getLabels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals("Textures (M)")) {
                return data[i];
            }
        }
        throw new AssertionError("jME statistics have no texture count: " + Arrays.toString(labels));
    }

    private static long pipelineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("neuroframe"))
                .count();
    }
}
