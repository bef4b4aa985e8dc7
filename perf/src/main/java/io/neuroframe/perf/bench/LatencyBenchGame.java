package io.neuroframe.perf.bench;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.app.state.AbstractAppState;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Box;
import com.jme3.system.AppSettings;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The game the latency benchmark runs: a real jME application (LWJGL 3, OpenGL 3.3 core, a window on the
 * display, no audio) that renders a lit field of coloured boxes under a camera that circles it, so every frame
 * differs, at a capped frame rate like a v-synced game. It keeps the render thread's frame times while asked to.
 */
final class LatencyBenchGame extends SimpleApplication {
    private static final int GRID = 16;
    private static final float ORBIT_SECONDS = 12f;

    private final CountDownLatch started = new CountDownLatch(1);
    private final FrameTimes frameTimes = new FrameTimes();
    private float clock;

    private LatencyBenchGame() {
        super(new AppState[0]);
    }

    /**
     * Starts the game in a {@code width x height} window capped at {@code fps} frames per second and waits until
     * it renders.
     */
    static LatencyBenchGame start(int width, int height, int fps) throws InterruptedException, TimeoutException {
        LatencyBenchGame game = new LatencyBenchGame();
        AppSettings settings = new AppSettings(true);
        settings.setRenderer(AppSettings.LWJGL_OPENGL33);
        settings.setAudioRenderer(null);
        settings.setResolution(width, height);
        settings.setVSync(false);
        settings.setFrameRate(fps);
        settings.setGammaCorrection(false);
        settings.setTitle("NeuroFrame latency benchmark");
        game.setSettings(settings);
        game.setShowSettings(false);
        game.setPauseOnLostFocus(false);
        game.start();
        if (!game.started.await(120, TimeUnit.SECONDS)) {
            game.stop(true);
            throw new TimeoutException("jME did not start within 120 s; is there a display (run under xvfb-run)?");
        }
        return game;
    }

    @Override
    public void simpleInitApp() {
        Box box = new Box(0.4f, 0.4f, 0.4f);
        for (int x = 0; x < GRID; x++) {
            for (int z = 0; z < GRID; z++) {
                Geometry cube = new Geometry("cube", box);
                Material m = new Material(assetManager, "Common/MatDefs/Light/Lighting.j3md");
                m.setBoolean("UseMaterialColors", true);
                ColorRGBA colour = ColorRGBA.randomColor();
                m.setColor("Diffuse", colour);
                m.setColor("Ambient", colour.mult(0.3f));
                cube.setMaterial(m);
                float height = 0.5f + 1.5f * FastMath.abs(FastMath.sin(x * 0.7f) * FastMath.cos(z * 0.5f));
                cube.setLocalScale(1f, height, 1f);
                cube.setLocalTranslation(x - GRID / 2f, height * 0.4f, z - GRID / 2f);
                rootNode.attachChild(cube);
            }
        }
        DirectionalLight sun = new DirectionalLight(new Vector3f(-0.4f, -1f, -0.3f).normalizeLocal(), ColorRGBA.White);
        rootNode.addLight(sun);
        rootNode.addLight(new AmbientLight(ColorRGBA.White.mult(0.4f)));
        viewPort.setBackgroundColor(new ColorRGBA(0.45f, 0.65f, 0.9f, 1f));
        stateManager.attach(frameTimes);
        started.countDown();
    }

    @Override
    public void simpleUpdate(float tpf) {
        clock += tpf;
        float angle = FastMath.TWO_PI * clock / ORBIT_SECONDS;
        cam.setLocation(new Vector3f(14f * FastMath.cos(angle), 7f, 14f * FastMath.sin(angle)));
        cam.lookAt(Vector3f.ZERO, Vector3f.UNIT_Y);
    }

    /** Runs {@code task} on the render thread and returns its result. */
    <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        enqueue(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }

    /** The render thread's frame times. */
    FrameTimes frameTimes() {
        return frameTimes;
    }

    /** Wall time from one frame's update to the next, kept between {@link #reset()} and {@link #stop()}. */
    static final class FrameTimes extends AbstractAppState {
        private final long[] nanos = new long[100_000];
        private volatile boolean recording;
        private int count;
        private long last;

        /** Starts keeping frame times from the next frame. */
        synchronized void reset() {
            count = 0;
            last = 0;
            recording = true;
        }

        /** Stops keeping frame times; returns them in milliseconds, sorted. */
        synchronized double[] stop() {
            recording = false;
            double[] millis = new double[count];
            for (int i = 0; i < count; i++) {
                millis[i] = nanos[i] / 1e6;
            }
            Arrays.sort(millis);
            return millis;
        }

        @Override
        public synchronized void update(float tpf) {
            if (!recording) {
                return;
            }
            long now = System.nanoTime();
            if (last != 0 && count < nanos.length) {
                nanos[count++] = now - last;
            }
            last = now;
        }
    }
}
