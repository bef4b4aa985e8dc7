package io.neuroframe.capture;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.input.InputManager;
import com.jme3.input.dummy.DummyKeyInput;
import com.jme3.input.dummy.DummyMouseInput;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A jME application that can run without a window and be waited for: start it with {@link #startOffscreen} (or
 * {@link #launch} for a window) and wait with {@link #awaitTermination}. On Linux jME renders on its own thread and
 * {@code start()} returns at once; an error on the render thread stops the application and is rethrown by
 * {@link #awaitTermination}. An offscreen surface has no input devices, so the application gets an input manager
 * without devices, on which app states can still map their keys.
 */
public abstract class OffscreenApplication extends SimpleApplication {
    private static final Logger LOG = Logger.getLogger(OffscreenApplication.class.getName());
    /** How long a stopped application's render thread may take to release the display. */
    private static final long RENDER_THREAD_EXIT_MILLIS = 10_000;

    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile Thread renderThread;

    /** An application with {@code settings}, no default app states, no settings dialog, never paused. */
    protected OffscreenApplication(AppSettings settings) {
        super(new AppState[0]);
        setSettings(settings);
        setShowSettings(false);
        setPauseOnLostFocus(false);
    }

    /**
     * jME settings: OpenGL 3.3 core, no audio, gamma correction on (the screen shows sRGB; colours are computed in
     * linear light); an interactive application has vsync, multisampling and input, a scripted one runs as fast as
     * it can.
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

    /**
     * Starts an application from {@code factory} on an offscreen surface and returns it once it runs. GLFW on a
     * virtual display now and then finds no monitor right after another GL context of the process was destroyed,
     * and jME then fails with "Failed to create display": a second application is made and started before giving
     * up.
     *
     * @throws IllegalStateException naming the failure when the display could not be made twice
     */
    public static <T extends OffscreenApplication> T startOffscreen(Supplier<T> factory) throws InterruptedException {
        T first = factory.get();
        OffscreenApplication application = first;
        if (application.startedOffscreen()) {
            return first;
        }
        LOG.warning("the display could not be created (" + application.failure + "); trying once more");
        application.awaitRenderThreadExit();
        T second = factory.get();
        application = second;
        if (!application.startedOffscreen()) {
            throw new IllegalStateException("the application did not start: " + application.failure,
                    application.failure);
        }
        return second;
    }

    /** Starts rendering on jME's thread in a window ({@code Display}) or an invisible surface; returns at once. */
    public void launch(JmeContext.Type type) {
        start(type);
    }

    /**
     * Waits until the application has stopped.
     *
     * @throws IllegalStateException when the render thread failed (the failure is the cause)
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
        awaitRenderThreadExit();
        if (failure != null) {
            throw new IllegalStateException("the application stopped with an error: " + failure, failure);
        }
    }

    /** Waits at most {@code seconds}; returns whether the application stopped. */
    public boolean awaitTermination(long seconds) throws InterruptedException {
        if (!terminated.await(seconds, TimeUnit.SECONDS)) {
            return false;
        }
        awaitRenderThreadExit();
        return true;
    }

    /** Sets up what the application shows and runs. Render thread, once. */
    protected abstract void initApplication();

    @Override
    public final void simpleInitApp() {
        renderThread = Thread.currentThread();
        if (inputManager == null) {
            inputManager = new InputManager(new DummyMouseInput(), new DummyKeyInput(), null, null);
        }
        initApplication();
        started.countDown();
    }

    @Override
    public void handleError(String errMsg, Throwable t) {
        LOG.log(Level.SEVERE, errMsg, t);
        if (renderThread == null) {
            renderThread = Thread.currentThread();
        }
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

    /**
     * Waits for the render thread to end. jME tells the application it is destroyed before it releases the window
     * and terminates GLFW on that thread; a next application started in between has its GLFW terminated under it
     * ("Failed to create display": no monitor), so termination is only over once the thread has ended.
     */
    private void awaitRenderThreadExit() throws InterruptedException {
        Thread thread = renderThread;
        if (thread != null && thread != Thread.currentThread()) {
            thread.join(RENDER_THREAD_EXIT_MILLIS);
        }
    }

    /** Launches on an offscreen surface and waits until the application has initialised (true) or stopped (false). */
    private boolean startedOffscreen() throws InterruptedException {
        launch(JmeContext.Type.OffscreenSurface);
        while (!started.await(100, TimeUnit.MILLISECONDS)) {
            if (terminated.getCount() == 0) {
                return false;
            }
        }
        return true;
    }
}
