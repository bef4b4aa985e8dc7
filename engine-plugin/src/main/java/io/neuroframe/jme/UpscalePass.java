package io.neuroframe.jme;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector2f;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.Renderer;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Node;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.ui.Picture;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.upscale.Upscaler;
import io.neuroframe.shaders.ShaderProbe;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Draws the streamed neural frame over the viewport (or its right half) with one of the
 * {@link Upscaler} passes.
 *
 * <p>A single-pass upscaler draws straight into the window in a main view added after the game's
 * own, so the game's post views (its GUI and HUD, the profiler overlay) are drawn over the neural
 * frame. The edge-adaptive upscaler draws into an offscreen target of the output size in a main
 * view placed just before that one, and its sharpening pass draws that into the window. Right
 * before the first of these views draws, the pass asks its {@link FrameRefresh} to put the newest
 * decoded frame into the texture: after the game's own view and its read-back, so a frame that
 * finished meanwhile is shown in this engine frame, not the next. Every material is
 * made and probed once: a pass whose shaders the driver rejects is replaced by bilinear with one
 * warning. The CPU time of the window's view is recorded as {@link Stage#UPSCALE} the first time
 * each frame is drawn, and both passes are timed on the GPU with timer queries.
 */
final class UpscalePass {
    private static final Logger LOG = Logger.getLogger(UpscalePass.class.getName());

    /** Puts the newest decoded frame into the streamed texture; called on the render thread before the draw. */
    @FunctionalInterface
    interface FrameRefresh {
        void refresh(Renderer renderer);
    }

    private final AssetManager assets;
    private final RenderManager renderManager;
    private final Camera appCamera;
    private final StreamedFrameTexture frame;
    private final StageClock clock;
    private final FrameRefresh refresh;
    private final Map<Upscaler, Material> materials = new EnumMap<>(Upscaler.class);
    private final Material sharpen;
    private final Picture screenQuad = new Picture("NeuroFrame frame");
    private final Picture offscreenQuad = new Picture("NeuroFrame edge-adaptive pass");
    private final Node screenScene = new Node("NeuroFrame upscale");
    private final Node offscreenScene = new Node("NeuroFrame edge-adaptive");
    private final Timing timing = new Timing();
    private final Timing offscreenTiming = new Timing();
    private final Vector2f targetSize = new Vector2f();

    private ViewPort screenView;
    private ViewPort offscreenView;
    private FrameBuffer intermediate;
    private Texture2D intermediateTexture;
    private Upscaler upscaler = Upscaler.BILINEAR;
    private NeuralView layout = NeuralView.NEURAL;
    private long pendingFrameId;
    private int cameraWidth;
    private int cameraHeight;

    UpscalePass(AssetManager assets, RenderManager renderManager, Camera appCamera, StreamedFrameTexture frame,
                StageClock clock, FrameRefresh refresh) {
        this.assets = assets;
        this.refresh = refresh;
        this.renderManager = renderManager;
        this.appCamera = appCamera;
        this.frame = frame;
        this.clock = clock;
        for (Upscaler u : Upscaler.values()) {
            materials.put(u, material(u.materialDefinition()));
        }
        sharpen = material(Upscaler.SHARPEN_MATERIAL);
        if (sharpen == null) {
            materials.put(Upscaler.EDGE_ADAPTIVE, null);
        }
        if (materials.get(Upscaler.BILINEAR) == null) {
            throw new IllegalStateException("NeuroFrame: the bilinear upscaling shader does not compile on this "
                    + "driver, so no neural frame can be shown");
        }
        screenScene.attachChild(screenQuad);
        offscreenScene.attachChild(offscreenQuad);
        // The scenes hold screen-space pictures: never frustum-cull them against the 3D camera,
        // whose view would otherwise decide, frame by frame, whether the neural frame is drawn.
        screenScene.setCullHint(Picture.CullHint.Never);
        offscreenScene.setCullHint(Picture.CullHint.Never);
    }

    /** Loads and probes a material definition; {@code null} with a warning if the driver rejects it. */
    private Material material(String definition) {
        ShaderProbe.Result probe = ShaderProbe.probe(assets, renderManager, definition);
        if (!probe.compiled()) {
            LOG.warning("NeuroFrame: " + definition + " does not compile on this driver (" + probe.problem()
                    + "); that upscaler falls back to bilinear");
            return null;
        }
        Material m = new Material(assets, definition);
        m.setVector2(Upscaler.PARAM_SOURCE_SIZE, new Vector2f(frame.width(), frame.height()));
        return m;
    }

    /** The upscaler actually drawn, after any fallback. */
    Upscaler upscaler() {
        return upscaler;
    }

    /** Chooses the upscaler; one whose shaders failed to compile is drawn as bilinear. */
    void setUpscaler(Upscaler wanted) {
        upscaler = materials.get(wanted) == null ? Upscaler.BILINEAR : wanted;
        if (screenView != null) {
            configure();
        }
    }

    /** Shows the pass in {@code layout} (nothing is drawn for {@link NeuralView#ENGINE}). */
    void attach(NeuralView layout) {
        this.layout = layout;
        if (screenView == null) {
            createScreenView();
        }
        configure();
    }

    /** Adds the window's view at the end of the main views. */
    private void createScreenView() {
        screenView = renderManager.createMainView("NeuroFrame upscale", appCamera);
        screenView.setClearFlags(false, false, false);
        screenView.attachScene(screenScene);
        screenView.addProcessor(timing);
    }

    /** Removes the views and frees the offscreen target; {@link #attach} brings them back. */
    void detach() {
        if (screenView != null) {
            renderManager.removeMainView(screenView);
            screenView = null;
        }
        removeOffscreen();
    }

    /** Tells the pass which frame the texture now holds, so its first draw is timed. */
    void showFrame(long frameId) {
        pendingFrameId = frameId;
    }

    /** Keeps the layout in step with the window size; call once per frame before rendering. */
    void update() {
        if (screenView != null && (appCamera.getWidth() != cameraWidth || appCamera.getHeight() != cameraHeight)) {
            configure();
        }
        screenScene.updateLogicalState(0);
        screenScene.updateGeometricState();
        offscreenScene.updateLogicalState(0);
        offscreenScene.updateGeometricState();
    }

    boolean gpuTimingSupported() {
        return timing.gpu != null && timing.gpu.isSupported();
    }

    /** GPU nanoseconds of the newest finished draw of all passes, or -1. */
    long gpuNanos() {
        long screen = timing.gpu == null ? -1 : timing.gpu.latestNanos();
        if (screen < 0 || !upscaler.sharpens()) {
            return screen;
        }
        long offscreen = offscreenTiming.gpu == null ? -1 : offscreenTiming.gpu.latestNanos();
        return offscreen < 0 ? -1 : screen + offscreen;
    }

    private void configure() {
        cameraWidth = appCamera.getWidth();
        cameraHeight = appCamera.getHeight();
        boolean visible = layout != NeuralView.ENGINE;
        int x = layout == NeuralView.SIDE_BY_SIDE ? cameraWidth / 2 : 0;
        int width = cameraWidth - x;
        targetSize.set(width, cameraHeight);
        screenQuad.setCullHint(visible ? Picture.CullHint.Never : Picture.CullHint.Always);
        screenQuad.setPosition(x, 0);
        screenQuad.setWidth(width);
        screenQuad.setHeight(cameraHeight);

        Material first = materials.get(upscaler);
        first.setTexture(Upscaler.PARAM_SOURCE, frame.texture());
        first.setVector2(Upscaler.PARAM_TARGET_SIZE, targetSize);
        if (upscaler.sharpens() && visible) {
            ensureOffscreen(width, cameraHeight);
            offscreenQuad.setMaterial(first);
            offscreenQuad.setPosition(0, 0);
            offscreenQuad.setWidth(width);
            offscreenQuad.setHeight(cameraHeight);
            sharpen.setTexture(Upscaler.PARAM_SOURCE, intermediateTexture);
            sharpen.setVector2(Upscaler.PARAM_SOURCE_SIZE, targetSize);
            screenQuad.setMaterial(sharpen);
        } else {
            removeOffscreen();
            screenQuad.setMaterial(first);
        }
    }

    private void ensureOffscreen(int width, int height) {
        if (intermediate != null && intermediate.getWidth() == width && intermediate.getHeight() == height) {
            return;
        }
        removeOffscreen();
        intermediateTexture = new Texture2D(width, height, Image.Format.RGBA8);
        intermediateTexture.setMinFilter(Texture.MinFilter.NearestNoMipMaps);
        intermediateTexture.setMagFilter(Texture.MagFilter.Nearest);
        intermediate = new FrameBuffer(width, height, 1);
        intermediate.addColorTarget(FrameBuffer.FrameBufferTarget.newTarget(intermediateTexture));
        Camera offscreenCamera = new Camera(width, height);
        offscreenView = renderManager.createMainView("NeuroFrame edge-adaptive pass", offscreenCamera);
        offscreenView.setClearFlags(true, false, false);
        offscreenView.setBackgroundColor(ColorRGBA.Black);
        offscreenView.setOutputFrameBuffer(intermediate);
        offscreenView.attachScene(offscreenScene);
        offscreenView.addProcessor(offscreenTiming);
        // Main views draw in the order they were added: the window's view must come after this one.
        renderManager.removeMainView(screenView);
        createScreenView();
    }

    private void removeOffscreen() {
        if (offscreenView != null) {
            renderManager.removeMainView(offscreenView);
            offscreenView = null;
        }
        if (intermediate != null) {
            intermediate.dispose();
            intermediateTexture.getImage().dispose();
            intermediate = null;
            intermediateTexture = null;
        }
    }

    /** Times a view's draw: GPU time always, CPU time as {@link Stage#UPSCALE} for a frame's first draw. */
    private final class Timing implements SceneProcessor {
        GpuPassTimer gpu;
        private Renderer renderer;
        private long start;
        private boolean initialized;

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            if (gpu == null) {
                gpu = new GpuPassTimer(rm.getRenderer());
            }
            renderer = rm.getRenderer();
            initialized = true;
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
        }

        @Override
        public boolean isInitialized() {
            return initialized;
        }

        @Override
        public void preFrame(float tpf) {
        }

        @Override
        public void postQueue(RenderQueue rq) {
            if (this == (offscreenView != null ? offscreenTiming : timing)) {
                refresh.refresh(renderer);
            }
            start = clock.now();
            gpu.begin();
        }

        @Override
        public void postFrame(FrameBuffer out) {
            gpu.end();
            if (this == timing && pendingFrameId != 0 && layout != NeuralView.ENGINE) {
                clock.record(pendingFrameId, Stage.UPSCALE, start, clock.now());
                pendingFrameId = 0;
            }
        }

        @Override
        public void cleanup() {
            initialized = false;
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
        }
    }
}
