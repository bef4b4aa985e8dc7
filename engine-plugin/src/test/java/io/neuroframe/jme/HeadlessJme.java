package io.neuroframe.jme;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.system.AppSettings;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real jME application for tests: a window on the (virtual) display, OpenGL 3.3 core, no audio.
 * Work runs on jME's render thread through {@link #call}; {@link #awaitFrames} waits for frames
 * to be rendered. Close it to stop the application.
 */
final class HeadlessJme implements AutoCloseable {
    private final App app = new App();

    private HeadlessJme() {
    }

    /** Starts an application with a {@code width x height} window and waits until it renders. */
    static HeadlessJme start(int width, int height) throws Exception {
        HeadlessJme jme = new HeadlessJme();
        AppSettings settings = new AppSettings(true);
        settings.setRenderer(AppSettings.LWJGL_OPENGL33);
        settings.setAudioRenderer(null);
        settings.setResolution(width, height);
        settings.setVSync(false);
        settings.setFrameRate(-1);
        settings.setGammaCorrection(false);
        settings.setTitle("NeuroFrame test");
        jme.app.setSettings(settings);
        jme.app.setShowSettings(false);
        jme.app.setPauseOnLostFocus(false);
        jme.app.start();
        if (!jme.app.started.await(60, TimeUnit.SECONDS)) {
            jme.close();
            throw new TimeoutException("jME did not start within 60 s; is there a display (run under xvfb-run)?");
        }
        jme.awaitFrames(2);
        return jme;
    }

    SimpleApplication app() {
        return app;
    }

    /** Runs {@code task} on the render thread and returns its result. */
    <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        app.enqueue(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /** Runs {@code task} on the render thread. */
    void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Reads the whole window as RGBA8 (rows bottom-up) at the end of the next rendered frame, after
     * every view port has drawn.
     */
    ByteBuffer screenshot() throws Exception {
        CompletableFuture<ByteBuffer> shot = new CompletableFuture<>();
        run(() -> app.counter.pendingShot = shot);
        return shot.get(60, TimeUnit.SECONDS);
    }

    /** Waits until {@code n} more frames have been rendered. */
    void awaitFrames(int n) throws Exception {
        long target = app.frames.get() + n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (app.frames.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("rendered " + app.frames.get() + " of " + target + " frames in 120 s");
            }
            Thread.sleep(2);
        }
    }

    /**
     * Stops the application and waits for its render thread to end (at most 30 s): jME terminates GLFW on that
     * thread after the context reports it is destroyed, and a next application started before would have its GLFW
     * terminated under it.
     */
    @Override
    public void close() throws InterruptedException {
        app.stop(true);
        Thread thread = app.renderThread;
        if (thread != null) {
            thread.join(30_000);
        }
    }

    private static final class App extends SimpleApplication {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicLong frames = new AtomicLong();
        volatile Thread renderThread;

        final FrameCounter counter = new FrameCounter();

        App() {
            super(new com.jme3.app.state.AppState[0]);
        }

        @Override
        public void simpleInitApp() {
            renderThread = Thread.currentThread();
            counter.frames = frames;
            getStateManager().attach(counter);
            started.countDown();
        }
    }

    /** Counts rendered frames and takes requested screenshots once everything is drawn. */
    static final class FrameCounter extends BaseAppState {
        AtomicLong frames;
        CompletableFuture<ByteBuffer> pendingShot;

        @Override
        protected void initialize(com.jme3.app.Application app) {
        }

        @Override
        protected void cleanup(com.jme3.app.Application app) {
        }

        @Override
        protected void onEnable() {
        }

        @Override
        protected void onDisable() {
        }

        @Override
        public void postRender() {
            if (pendingShot != null) {
                var cam = getApplication().getCamera();
                ByteBuffer out = BufferUtils.createByteBuffer(cam.getWidth() * cam.getHeight() * 4);
                getApplication().getRenderer().readFrameBufferWithFormat(null, out, Image.Format.RGBA8);
                pendingShot.complete(out);
                pendingShot = null;
            }
            if (frames != null) {
                frames.incrementAndGet();
            }
        }
    }
}
