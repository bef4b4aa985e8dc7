package io.neuroframe.demo.games;

import com.jme3.app.state.AppState;
import io.neuroframe.demo.app.DemoApplication;
import io.neuroframe.games.ScriptedWalkState;

/**
 * One of the unseen games in the demo: its held-out level with the seeded scripted player walking through it
 * ({@link ScriptedWalkState}), plus the app states that show it (the neural view, the headless run). Esc closes
 * the window.
 */
public final class UnseenGameDemo extends DemoApplication {
    private final UnseenGameConfig config;
    private final ScriptedWalkState walk;

    /** A game for {@code config}, shown by {@code drivers} (app states attached after the walk). */
    public UnseenGameDemo(UnseenGameConfig config, AppState... drivers) {
        super(config.settings(), drivers);
        this.config = config;
        this.walk = new ScriptedWalkState(config.game(), config.seed(), config.interactive());
    }

    /**
     * Starts a game on an offscreen surface and returns it once it runs, making the display a second time when
     * the first fails ({@link io.neuroframe.capture.OffscreenApplication#startOffscreen(java.util.function.Supplier)}).
     *
     * @throws IllegalStateException naming the failure when the display could not be made twice
     */
    public static UnseenGameDemo startOffscreen(UnseenGameConfig config, AppState... drivers)
            throws InterruptedException {
        return startOffscreen(() -> new UnseenGameDemo(config, drivers));
    }

    public UnseenGameConfig config() {
        return config;
    }

    /** The scripted walk through the level. */
    public ScriptedWalkState walk() {
        return walk;
    }

    /** The level is built once the walk's state has been initialised. */
    @Override
    public boolean sceneReady() {
        return walk.isInitialized();
    }

    @Override
    protected void initScene() {
        stateManager.attach(walk);
    }
}
