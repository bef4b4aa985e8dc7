package io.neuroframe.demo.app;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.input.InputManager;
import com.jme3.input.dummy.DummyKeyInput;
import com.jme3.input.dummy.DummyMouseInput;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A game the demo shows (the voxel world, an unseen game): its scene plus the app states that drive it, attached
 * after the scene is set up. Start it with {@link #launch} and wait with {@link #awaitTermination}: on Linux jME
 * renders on its own thread and {@code start()} returns at once. Errors on the render thread stop the game and are
 * rethrown by {@link #awaitTermination}.
 */
public abstract class DemoApplication extends SimpleApplication {
    private static final Logger LOG = Logger.getLogger(DemoApplication.class.getName());

    private final List<AppState> drivers;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable failure;

    /** A game with {@code settings}, driven by {@code drivers}. */
    protected DemoApplication(AppSettings settings, AppState... drivers) {
        super(new AppState[0]);
        this.drivers = List.of(drivers);
        setSettings(settings);
        setShowSettings(false);
        setPauseOnLostFocus(false);
    }

    /**
     * jME settings for a demo game: OpenGL 3.3 core, no audio, no settings dialog, gamma correction on (the screen
     * shows sRGB; colours are computed in linear light); a person's game has vsync, multisampling and input, a
     * scripted one runs as fast as it can.
     */
    public static AppSettings settings(int width, int height, boolean interactive, String title) {
        AppSettings s = new AppSettings(true);
        s.setRenderer(AppSettings.LWJGL_OPENGL33);
        s.setAudioRenderer(null);
        s.setResolution(width, height);
        s.setWindowSize(width, height);
        s.setTitle(title);
        s.setGammaCorrection(true);
        s.setSamples(interactive ? 4 : 0);
        s.setVSync(interactive);
        s.setFrameRate(interactive ? 0 : -1);
        s.setUseInput(interactive);
        return s;
    }

    /** Starts rendering on jME's thread in a window ({@code Display}) or an invisible surface; returns at once. */
    public void launch(JmeContext.Type type) {
        start(type);
    }

    /**
     * Waits until the game has stopped.
     *
     * @throws IllegalStateException when the render thread failed (the failure is the cause)
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
        if (failure != null) {
            throw new IllegalStateException("the game stopped with an error: " + failure, failure);
        }
    }

    /** Waits at most {@code seconds}; returns whether the game stopped. */
    public boolean awaitTermination(long seconds) throws InterruptedException {
        return terminated.await(seconds, TimeUnit.SECONDS);
    }

    /** Whether the scene is there to be seen: a neural view starts from the engine's frame once it is. */
    public abstract boolean sceneReady();

    /** Sets up the scene; the drivers are attached afterwards. Render thread. */
    protected abstract void initScene();

    @Override
    public final void simpleInitApp() {
        if (inputManager == null) {
            // offscreen surfaces have no input devices; a manager without devices lets app states map their keys
            inputManager = new InputManager(new DummyMouseInput(), new DummyKeyInput(), null, null);
        }
        initScene();
        for (AppState driver : drivers) {
            stateManager.attach(driver);
        }
        started.countDown();
    }

    /**
     * Starts a game from {@code factory} on an offscreen surface and returns it once it runs. GLFW on a virtual
     * display now and then finds no monitor right after another GL context of the process was destroyed, and jME
     * then fails with "Failed to create display": a second game is made and started before giving up.
     *
     * @throws IllegalStateException naming the failure when the display could not be made twice
     */
    public static <T extends DemoApplication> T startOffscreen(Supplier<T> factory) throws InterruptedException {
        T first = factory.get();
        DemoApplication game = first;
        if (game.startedOffscreen()) {
            return first;
        }
        LOG.warning("the display could not be created (" + game.failure + "); trying once more");
        T second = factory.get();
        game = second;
        if (!game.startedOffscreen()) {
            throw new IllegalStateException("the game did not start: " + game.failure, game.failure);
        }
        return second;
    }

    /** Launches on an offscreen surface and waits until the game has initialised (true) or stopped (false). */
    private boolean startedOffscreen() throws InterruptedException {
        launch(JmeContext.Type.OffscreenSurface);
        while (!started.await(100, TimeUnit.MILLISECONDS)) {
            if (terminated.getCount() == 0) {
                return false;
            }
        }
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
