package io.neuroframe.demo.headless;

import com.jme3.app.Application;
import java.nio.file.Path;

/** Extra frames after the headless demo's scripted walk, with the player standing still. */
@FunctionalInterface
public interface WalkEpilogue {
    /** No extra frames. */
    WalkEpilogue NONE = (app, outDir) -> true;

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
