package io.neuroframe.jme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.app.SimpleApplication;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import io.neuroframe.api.TimeSource;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.source.ReplaySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A headless jME context has no GL at all: the state attaches, decodes and draws nothing. */
class HeadlessContextTest {
    @TempDir
    Path folder;

    @Test
    void aHeadlessContextDecodesFramesWithoutTheGpuUpscale() throws Exception {
        var weights = TestModels.tinyWeights();
        Path recording = TestModels.recording(folder, 20);
        NeuroFrameAppState state = NeuroFrameAppState.builder()
                .source(ReplaySource.open(recording, ReplaySource.Pacing.RECORDED, true, TimeSource.SYSTEM))
                .decoder(() -> OrtDecoder.create(weights))
                .budget(Duration.ofMillis(100))
                .build();
        SimpleApplication app = new SimpleApplication() {
            @Override
            public void simpleInitApp() {
                stateManager.attach(state);
            }
        };
        AppSettings settings = new AppSettings(true);
        settings.setAudioRenderer(null);
        app.setSettings(settings);
        app.setShowSettings(false);
        app.start(JmeContext.Type.Headless);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            FramePipeline pipeline = state.pipeline();
            while ((pipeline == null || pipeline.latestFrame() == null) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                pipeline = state.pipeline();
            }
            assertTrue(pipeline != null && pipeline.latestFrame() != null,
                    "frames are decoded in a headless context; start-up failure: " + state.startupFailure());
            assertFalse(state.gpuTimingSupported(), "no upscale pass without GL");
            assertEquals(0, pipeline.faults().total(), "no faults");
        } finally {
            app.enqueue(() -> app.getStateManager().detach(state)).get(10, TimeUnit.SECONDS);
            app.stop(true);
        }
    }
}
