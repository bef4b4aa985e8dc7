package io.neuroframe.demo.dataset;

import com.jme3.renderer.RenderManager;
import io.neuroframe.api.OasisAction;
import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.capture.GrabbingAppState;
import io.neuroframe.capture.FrameWriter;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerBody;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.player.ScriptedPilot;
import java.util.List;
import java.util.Set;

/**
 * Plays the planned trajectories one after another and grabs a frame after every simulation step. Each trajectory
 * gets a fresh world (so earlier trajectories' broken blocks never matter), a frozen time of day, and its own
 * scripted player. Before each step and each grab it waits until all terrain in view is meshed, so the frames
 * do not depend on how fast the machine is. Frames already in the manifest are simulated but not grabbed again,
 * which makes a resumed run continue exactly where the interrupted one stopped.
 */
final class DatasetRecorderState extends GrabbingAppState {
    private enum Phase { NEXT_TRAJECTORY, LOADING, STEP, GRAB, DONE }

    private final List<TrajectoryPlan> plan;
    private final Set<String> done;
    private final long seed;
    private final FrameWriter writer;
    private final PlayerInput input = new PlayerInput();
    private Phase phase = Phase.NEXT_TRAJECTORY;
    private int trajectory = -1;
    private int frame;
    private ScriptedPilot pilot;
    private DatasetFrame pendingRow;

    DatasetRecorderState(List<TrajectoryPlan> plan, Set<String> done, long seed, FrameWriter writer) {
        this.plan = plan;
        this.done = done;
        this.seed = seed;
        this.writer = writer;
    }

    @Override
    public void update(float tpf) {
        if (writer.failure() != null) {
            throw new IllegalStateException("writing the dataset failed: " + writer.failure().getMessage(),
                    writer.failure());
        }
        VoxelGame game = (VoxelGame) getApplication();
        switch (phase) {
            case NEXT_TRAJECTORY -> startNextTrajectory(game);
            case LOADING -> {
                input.clear();
                game.player().step(input, CaptureSettings.STEP_SECONDS);
                if (game.player().isPlaced() && game.streamer().isSettled()) {
                    phase = Phase.STEP;
                }
            }
            case STEP -> {
                if (writer.hasFreeBuffer()) {
                    step(game);
                }
            }
            case GRAB, DONE -> {
                // GRAB is decided in render, after every state has updated
            }
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
    }

    private void startNextTrajectory(VoxelGame game) {
        do {
            trajectory++;
        } while (trajectory < plan.size() && plan.get(trajectory).isComplete(done));
        if (trajectory >= plan.size()) {
            phase = Phase.DONE;
            game.stop();
            return;
        }
        TrajectoryPlan t = plan.get(trajectory);
        game.loadWorld(t.style(), t.worldSeed());
        game.sky().setFrozen(true);
        game.player().requestSpawn(t.spawnX(), t.spawnZ(), t.startYaw(), 0f);
        pilot = new ScriptedPilot(t.pilotSeed());
        frame = 0;
        phase = Phase.LOADING;
    }

    private void step(VoxelGame game) {
        TrajectoryPlan t = plan.get(trajectory);
        PlayerBody body = game.player().body();
        pilot.next(body, input);
        OasisAction action = input.toAction();
        game.player().step(input, CaptureSettings.STEP_SECONDS);
        CameraPose pose = new CameraPose(body.position().x, body.position().y + PlayerBody.EYE_HEIGHT,
                body.position().z, body.yaw(), body.pitch());
        pendingRow = t.row(frame, seed, action, pose);
        phase = Phase.GRAB;
    }

    @Override
    public void render(RenderManager rm) {
        if (phase != Phase.GRAB || !((VoxelGame) getApplication()).streamer().isSettled()) {
            return;
        }
        DatasetFrame row = pendingRow;
        if (!done.contains(row.file())) {
            grabber().request((bgra, w, h) -> writer.accept(bgra, w, h, row));
        }
        frame++;
        phase = frame < plan.get(trajectory).frames() ? Phase.STEP : Phase.NEXT_TRAJECTORY;
    }
}
