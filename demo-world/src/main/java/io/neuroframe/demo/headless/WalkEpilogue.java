package io.neuroframe.demo.headless;

import com.jme3.app.Application;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Extra frames after the headless demo's scripted walk, with the player standing still. */
@FunctionalInterface
public interface WalkEpilogue {
    /** No extra frames. */
    WalkEpilogue NONE = (app, outDir) -> true;

    /**
     * Frames with the player standing until {@code condition} holds, checked once per frame on the render thread:
     * for a run that must wait for something outside the game (a server's answers, a stage's fallback) whatever the
     * machine's speed. The player is stepped with no input each frame, so a world model still gets an action per
     * game tick. Waits for as long as it takes; bound the run from outside where the condition may never hold.
     */
    static WalkEpilogue until(BooleanSupplier condition) {
        PlayerInput standing = new PlayerInput();
        return (app, outDir) -> {
            ((VoxelGame) app).player().step(standing, HeadlessDemoState.STEP_SECONDS);
            return condition.getAsBoolean();
        };
    }

    /**
     * Called once per frame on the render thread after the walk; returns {@code true} when done.
     *
     * @param outDir the run's output folder
     */
    boolean update(Application app, Path outDir);

    /** This epilogue, then {@code next}. */
    default WalkEpilogue then(WalkEpilogue next) {
        boolean[] done = {false};
        return (app, outDir) -> {
            if (!done[0]) {
                done[0] = update(app, outDir);
                return false;
            }
            return next.update(app, outDir);
        };
    }
}
