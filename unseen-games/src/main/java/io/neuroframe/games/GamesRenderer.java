package io.neuroframe.games;

import io.neuroframe.api.OasisAction;
import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.capture.FrameGrabber;
import io.neuroframe.capture.FrameWriter;
import io.neuroframe.capture.OffscreenApplication;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import java.util.List;
import java.util.Set;

/**
 * Renders planned trajectories offscreen at 640x360, one frame per update: each trajectory gets a freshly built
 * level, its scripted player steps once per frame, and the frame is read back and handed to the writer. Finished
 * trajectories are skipped; an interrupted one is replayed from its start, rendering its frames already written
 * (listed in {@code done}) without reading them back, so that everything the scene carries from frame to frame
 * (animation poses among them) is the same as in an uninterrupted run.
 */
final class GamesRenderer extends OffscreenApplication {
    private final List<GameTrajectory> plan;
    private final Set<String> done;
    private final long seed;
    private final FrameWriter writer;
    private final FrameGrabber grabber = new FrameGrabber();
    private int trajectory = -1;
    private int frame;
    private GameScene scene;
    private ScriptedWalker walker;

    GamesRenderer(List<GameTrajectory> plan, Set<String> done, long seed, FrameWriter writer) {
        super(OffscreenApplication.settings(CaptureSettings.WIDTH, CaptureSettings.HEIGHT, false,
                "NeuroFrame games dataset"));
        this.plan = plan;
        this.done = done;
        this.seed = seed;
        this.writer = writer;
    }

    @Override
    protected void initApplication() {
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
}
