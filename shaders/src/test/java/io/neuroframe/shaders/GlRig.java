package io.neuroframe.shaders;

import com.jme3.app.SimpleApplication;
import com.jme3.renderer.RenderManager;
import com.jme3.system.AppSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real jME application for GL tests: a small window on the (virtual) display, OpenGL 3.3 core,
 * gamma correction off, no audio. Work runs on the render thread through {@link #call};
 * {@link #awaitFrames} waits until what a task set up has been rendered.
 */
final class GlRig implements AutoCloseable {
    private final App app = new App();

    private GlRig() {
    }

    static GlRig start() throws Exception {
        GlRig rig = new GlRig();
        AppSettings settings = new AppSettings(true);
        settings.setRenderer(AppSettings.LWJGL_OPENGL33);
        settings.setAudioRenderer(null);
        settings.setResolution(320, 180);
        settings.setVSync(false);
        settings.setGammaCorrection(false);
        settings.setTitle("NeuroFrame shader test");
        rig.app.setSettings(settings);
        rig.app.setShowSettings(false);
        rig.app.setPauseOnLostFocus(false);
        rig.app.start();
        if (!rig.app.started.await(60, TimeUnit.SECONDS)) {
            rig.close();
            throw new TimeoutException("jME did not start within 60 s; is there a display (run under xvfb-run)?");
        }
        return rig;
    }

    SimpleApplication app() {
        return app;
    }

    /** Waits until {@code n} more frames have been rendered. */
    void awaitFrames(int n) throws Exception {
        long target = app.frames.get() + n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (app.frames.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("rendered " + app.frames.get() + " of " + target + " frames in 60 s");
            }
            Thread.sleep(2);
        }
    }

    /** Runs {@code task} on the render thread and returns its result. */
    <T> T call(Callable<T> task) throws Exception {
        return app.enqueue(task).get(60, TimeUnit.SECONDS);
    }

    /**
     * Stops the application and waits for its render thread to end, at most 30 s each, so a render thread that died
     * cannot hang the tests. jME terminates GLFW on that thread after {@code destroy()}: a next rig started before
     * would have its GLFW terminated under it.
     */
    @Override
    public void close() {
        app.stop(false);
        try {
            if (!app.stopped.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("jME did not stop within 30 s");
            }
            Thread thread = app.renderThread;
            if (thread != null) {
                thread.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class App extends SimpleApplication {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicLong frames = new AtomicLong();
        volatile Thread renderThread;

        App() {
            super();
        }

        @Override
        public void simpleInitApp() {
            renderThread = Thread.currentThread();
            started.countDown();
        }

        @Override
        public void simpleRender(RenderManager renderManager) {
            frames.incrementAndGet();
        }

        @Override
        public void destroy() {
            try {
                super.destroy();
            } finally {
                stopped.countDown();
            }
        }
    }
}
