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
}
