package io.neuroframe.games;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.input.InputManager;
import com.jme3.input.dummy.DummyKeyInput;
import com.jme3.input.dummy.DummyMouseInput;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import io.neuroframe.api.OasisAction;
import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.capture.FrameGrabber;
import io.neuroframe.capture.FrameWriter;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders planned trajectories offscreen at 640x360, one frame per update: each trajectory gets a freshly built
 * level, its scripted player steps once per frame, and the frame is read back and handed to the writer. Finished
 * trajectories are skipped; an interrupted one is replayed from its start, rendering its frames already written
 * (listed in {@code done}) without reading them back, so that everything the scene carries from frame to frame
 * (animation poses among them) is the same as in an uninterrupted run.
 */
final class GamesRenderer extends SimpleApplication {
    private static final Logger LOG = Logger.getLogger(GamesRenderer.class.getName());

    private final List<GameTrajectory> plan;
    private final Set<String> done;
    private final long seed;
    private final FrameWriter writer;
    private final FrameGrabber grabber = new FrameGrabber();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Throwable failure;
    private int trajectory = -1;
    private int frame;
    private GameScene scene;
    private ScriptedWalker walker;

    GamesRenderer(List<GameTrajectory> plan, Set<String> done, long seed, FrameWriter writer) {
        super(new AppState[0]);
        this.plan = plan;
        this.done = done;
        this.seed = seed;
        this.writer = writer;
        AppSettings settings = new AppSettings(true);
        settings.setRenderer(AppSettings.LWJGL_OPENGL33);
        settings.setAudioRenderer(null);
        settings.setResolution(CaptureSettings.WIDTH, CaptureSettings.HEIGHT);
        settings.setGammaCorrection(true);
        settings.setSamples(0);
        settings.setVSync(false);
        settings.setFrameRate(-1);
        settings.setUseInput(false);
        setSettings(settings);
        setShowSettings(false);
        setPauseOnLostFocus(false);
    }

    /**
     * Renders every frame not yet written, then stops.
     *
     * @throws IllegalStateException when rendering or writing failed (the failure is the cause)
     */
    void renderAll() throws InterruptedException {
        start(JmeContext.Type.OffscreenSurface);
        terminated.await();
        if (failure != null) {
            throw new IllegalStateException("rendering the games failed: " + failure, failure);
        }
    }

    @Override
    public void simpleInitApp() {
        if (inputManager == null) {
            inputManager = new InputManager(new DummyMouseInput(), new DummyKeyInput(), null, null);
        }
        setDisplayFps(false);
        setDisplayStatView(false);
        guiViewPort.addProcessor(grabber);
        FirstPersonCamera.applyLens(cam);
    }

    @Override
    public void simpleUpdate(float tpf) {
        if (writer.failure() != null) {
            throw new IllegalStateException("writing the dataset failed: " + writer.failure().getMessage(),
                    writer.failure());
        }
        if ((walker == null || frame >= plan.get(trajectory).frames()) && !startNextTrajectory()) {
            stop();
            return;
        }
        GameTrajectory t = plan.get(trajectory);
        OasisAction.Builder action = OasisAction.builder();
        PlayerState state = walker.step(action);
        int index = frame++;
        CameraPose pose = scene.show(state, (index + 1) * CaptureSettings.STEP_SECONDS, cam);
        if (!done.contains(t.framePath(index))) {
            DatasetFrame row = t.row(index, seed, action.build(), pose);
            grabber.request((bgra, w, h) -> writer.accept(bgra, w, h, row));
        }
    }

    /** Builds the level of the next trajectory that still misses frames; false when there is none. */
    private boolean startNextTrajectory() {
        do {
            trajectory++;
        } while (trajectory < plan.size() && plan.get(trajectory).isComplete(done));
        if (trajectory >= plan.size()) {
            return false;
        }
        GameTrajectory t = plan.get(trajectory);
        rootNode.detachAllChildren();
        rootNode.getLocalLightList().clear();
        scene = t.game().newScene();
        scene.build(assetManager, rootNode, viewPort, t.split(), t.levelSeed());
        walker = new ScriptedWalker(t.walkerSeed(), scene.area(t.split()), scene);
        frame = 0;
        return true;
    }

    @Override
    public void handleError(String errMsg, Throwable t) {
        LOG.log(Level.SEVERE, errMsg, t);
        failure = t != null ? t : new IllegalStateException(errMsg);
        stop();
        // a context that failed to start never calls destroy()
        terminated.countDown();
    }

    @Override
    public void destroy() {
        try {
            super.destroy();
        } finally {
            terminated.countDown();
        }
    }
}
