package io.neuroframe.examples;

import com.jme3.app.SimpleApplication;
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
import io.neuroframe.jme.ProfilerOverlayState;
import io.neuroframe.render.upscale.Upscaler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A jME game with NeuroFrame added: the engine renders a box, the codec encodes that render to
 * latents and decodes them again, and the decoded frame is upscaled over the window. Press F3 for
 * the profiler overlay.
 *
 * <p>Run with the path of an {@code nf-small} safetensors file; without one it uses untrained
 * random weights (the neural view is then noise, which still shows every stage's cost).
 */
public class HelloNeuroFrame extends SimpleApplication {
    private final VitVaeWeights weights;

    public HelloNeuroFrame(VitVaeWeights weights) {
        this.weights = weights;
    }

    @Override
    public void simpleInitApp() {
        Geometry box = new Geometry("box", new Box(1, 1, 1));
        Material material = new Material(assetManager, "Common/MatDefs/Misc/Unshaded.j3md");
        material.setColor("Color", ColorRGBA.Orange);
        box.setMaterial(material);
        rootNode.attachChild(box);

        // Everything NeuroFrame needs: a latent source, a decoder, an upscaler and a budget.
        // The backend is ONNX Runtime unless another is on the class path and chosen with -Dneuroframe.backend.
        CodecBackend backend = CodecBackends.get();
        NeuroFrameAppState neuroFrame = NeuroFrameAppState.builder()
                .encoderLoopback(() -> backend.encoder(weights.encoderOnly()), 1)
                .decoder(() -> backend.decoder(weights.decoderOnly()))
                .upscaler(Upscaler.EDGE_ADAPTIVE)
                .budget(Duration.ofMillis(33))
                .build();
        stateManager.attach(neuroFrame);
        stateManager.attach(new ProfilerOverlayState(neuroFrame, Path.of("neuroframe-traces")));
    }

    /** Loads {@code nf-small} weights from the first argument, or makes random ones. */
    static VitVaeWeights weights(String[] args) {
        if (args.length == 0) {
            return VitVaeWeights.random(VitVaeConfig.NF_SMALL, 1);
        }
        try {
            return VitVaeWeights.load(Path.of(args[0]), VitVaeConfig.NF_SMALL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights " + args[0], e);
        }
    }

    /** Settings that run on any desktop: no settings dialog, and no audio (the example plays no sound). */
    static AppSettings settings() {
        AppSettings settings = new AppSettings(true);
        settings.setTitle("Hello NeuroFrame");
        settings.setResolution(1280, 720);
        settings.setAudioRenderer(null);
        return settings;
    }

    public static void main(String[] args) {
        HelloNeuroFrame app = new HelloNeuroFrame(weights(args));
        app.setSettings(settings());
        app.setShowSettings(false);
        app.start();
    }
}
