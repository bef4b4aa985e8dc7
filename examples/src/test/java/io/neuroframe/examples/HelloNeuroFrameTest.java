package io.neuroframe.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.app.state.BaseAppState;
import com.jme3.system.AppSettings;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The example game starts, and its neural view runs every stage of the loopback. */
@Tag("gl")
class HelloNeuroFrameTest {

    @Test
    void exampleGameRunsTheLoopbackThroughEveryStage() throws Exception {
        VitVaeConfig small = new VitVaeConfig("example-test", 16, 20, 32, 1, 1, 32, 1, 1, 2);
        HelloNeuroFrame game = new HelloNeuroFrame(VitVaeWeights.random(small, 3));
        CompletableFuture<Long> upscaled = new CompletableFuture<>();
        game.getStateManager().attach(new BaseAppState() {
            private final StageStats stats = new StageStats();

            @Override
            public void update(float tpf) {
                NeuroFrameAppState neuroFrame = getState(NeuroFrameAppState.class);
                if (neuroFrame != null && neuroFrame.pipeline() != null
                        && neuroFrame.pipeline().clock().stats(Stage.UPSCALE, stats).count() >= 5) {
                    upscaled.complete((long) neuroFrame.pipeline().clock().stats(Stage.SOURCE, stats).count());
                }
            }

            @Override
            protected void initialize(com.jme3.app.Application app) {
            }

            @Override
            protected void cleanup(com.jme3.app.Application app) {
            }

            @Override
            protected void onEnable() {
            }

            @Override
            protected void onDisable() {
            }
        });
        // The example's own settings (no audio device here: they must not ask for one), at a smaller size.
        AppSettings settings = HelloNeuroFrame.settings();
        settings.setRenderer(AppSettings.LWJGL_OPENGL33);
        settings.setResolution(640, 360);
        game.setSettings(settings);
        game.setShowSettings(false);
        game.setPauseOnLostFocus(false);
        game.start();
        try {
            long encoded = upscaled.get(120, TimeUnit.SECONDS);
            assertTrue(encoded >= 5, "the engine's render was encoded " + encoded + " times");
        } finally {
            game.stop(true);
        }
    }
}
