package com.example.game;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Box;
import com.jme3.system.AppSettings;
import io.neuroframe.codec.backend.CodecBackend;
import io.neuroframe.codec.backend.CodecBackends;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageStats;
import io.neuroframe.render.upscale.Upscaler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small jME game with NeuroFrame attached: the engine draws a box, the codec encodes and decodes
 * the render, and the decoded frame is upscaled over the window. It exits 0 once {@code frames}
 * decoded frames have been shown, 1 if that takes longer than two minutes.
 *
 * <p>Arguments: the number of frames to show, then an {@code nf-small} safetensors file (random
 * weights without it).
 */
public final class ConsumerGame extends SimpleApplication {
    private final VitVaeWeights codec;
    private final int frames;
    private final CountDownLatch shown = new CountDownLatch(1);

    private ConsumerGame(VitVaeWeights codec, int frames) {
        this.codec = codec;
        this.frames = frames;
    }

    @Override
    public void simpleInitApp() {
        Geometry box = new Geometry("box", new Box(1, 1, 1));
        Material material = new Material(assetManager, "Common/MatDefs/Misc/Unshaded.j3md");
        material.setColor("Color", ColorRGBA.Orange);
        box.setMaterial(material);
        rootNode.attachChild(box);

        CodecBackend backend = CodecBackends.get();
        NeuroFrameAppState neuroFrame = NeuroFrameAppState.builder()
                .encoderLoopback(() -> backend.encoder(codec.encoderOnly()), 1)
                .decoder(() -> backend.decoder(codec.decoderOnly()))
                .upscaler(Upscaler.EDGE_ADAPTIVE)
                .budget(Duration.ofMillis(33))
                .build();
        stateManager.attach(neuroFrame);
        stateManager.attach(new FrameCounter(neuroFrame));
    }

    /** Counts the frames NeuroFrame has upscaled onto the screen. */
    private final class FrameCounter extends BaseAppState {
        private final NeuroFrameAppState neuroFrame;
        private final StageStats stats = new StageStats();

        FrameCounter(NeuroFrameAppState neuroFrame) {
            this.neuroFrame = neuroFrame;
        }

        @Override
        public void update(float tpf) {
            if (neuroFrame.pipeline() != null
                    && neuroFrame.pipeline().clock().stats(Stage.UPSCALE, stats).count() >= frames) {
                shown.countDown();
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
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        VitVaeWeights codec = args.length > 1
                ? VitVaeWeights.load(Path.of(args[1]), VitVaeConfig.NF_SMALL)
                : VitVaeWeights.random(VitVaeConfig.NF_SMALL, 1);
        ConsumerGame game = new ConsumerGame(codec, frames);
        AppSettings settings = new AppSettings(true);
        settings.setRenderer(AppSettings.LWJGL_OPENGL33);
        settings.setAudioRenderer(null);
        settings.setResolution(640, 360);
        game.setSettings(settings);
        game.setShowSettings(false);
        game.setPauseOnLostFocus(false);
        game.start();
        boolean done = game.shown.await(2, TimeUnit.MINUTES);
        game.stop(true);
        System.out.println(done ? "NeuroFrame consumer: " + frames + " decoded frames shown"
                : "NeuroFrame consumer: fewer than " + frames + " frames shown within two minutes");
        System.exit(done ? 0 : 1);
    }
}
