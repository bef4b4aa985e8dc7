package io.neuroframe.demo.app;

import com.jme3.app.state.AppState;
import com.jme3.system.AppSettings;
import io.neuroframe.capture.OffscreenApplication;
import java.util.List;

/**
 * A game the demo shows (the voxel world, an unseen game): its scene plus the app states that drive it, attached
 * after the scene is set up. Started and awaited as every {@link OffscreenApplication}.
 */
public abstract class DemoApplication extends OffscreenApplication {
    private final List<AppState> drivers;

    /** A game with {@code settings} ({@link OffscreenApplication#settings}), driven by {@code drivers}. */
    protected DemoApplication(AppSettings settings, AppState... drivers) {
        super(settings);
        this.drivers = List.of(drivers);
    }

    /** Whether the scene is there to be seen: a neural view starts from the engine's frame once it is. */
    public abstract boolean sceneReady();

    /** Sets up the scene; the drivers are attached afterwards. Render thread. */
    protected abstract void initScene();

    @Override
    protected final void initApplication() {
        initScene();
        for (AppState driver : drivers) {
            stateManager.attach(driver);
        }
    }
}
