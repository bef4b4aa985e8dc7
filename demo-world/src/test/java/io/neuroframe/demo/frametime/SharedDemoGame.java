package io.neuroframe.demo.frametime;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.system.JmeContext;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real demo game for a whole test class (register it as a static {@code @RegisterExtension} field): started
 * offscreen before the first test (run under xvfb-run), with the terrain around the spawn point loaded, and
 * stopped after the last. The game renders a frame only when the test thread asks for one ({@link #frame}), so it
 * stands still, using no CPU, between scenarios and while the frame-time harness measures the machine's speed.
 */
final class SharedDemoGame implements BeforeAllCallback, AfterAllCallback {
    /** Fixed simulation step, as in the headless demo: 60 steps per second whatever the frame rate. */
    static final float STEP_SECONDS = 1f / 60f;
    private static final long FRAME_TIMEOUT_SECONDS = 120;
    private static final int SETTLE_FRAMES = 3000;

    /** Work done on the render thread during one frame. */
    @FunctionalInterface
    interface FrameStep {
        /** Runs during the frame's update; the result is returned by {@link #frame}. */
        boolean run(VoxelGame game);
    }

    private final GameConfig config;
    private final Lockstep lockstep = new Lockstep();
    private final PlayerInput idle = new PlayerInput();
    private VoxelGame game;

    SharedDemoGame(GameConfig config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        game = new VoxelGame(config, lockstep);
        game.launch(JmeContext.Type.OffscreenSurface);
        runUntil("the terrain around the spawn point loaded", g -> {
            g.player().step(idle, STEP_SECONDS);
            return g.player().isPlaced() && g.streamer().isSettled();
        }, SETTLE_FRAMES);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        lockstep.released = true;
        game.stop();
        if (!game.awaitTermination(FRAME_TIMEOUT_SECONDS)) {
            throw new IllegalStateException("the demo game did not stop within " + FRAME_TIMEOUT_SECONDS + " s");
        }
    }

    /** Blocks the player has broken since the game started (read on the render thread). */
    int blocksBroken() throws InterruptedException {
        int[] broken = new int[1];
        frame(g -> {
            broken[0] = g.player().blocksBroken();
            return true;
        });
        return broken[0];
    }

    /** The game's configuration. */
    GameConfig config() {
        return config;
    }

    /**
     * Runs {@code step} on the render thread during the next frame and returns its result once that frame has been
     * rendered.
     *
     * @throws IllegalStateException if the game stopped (with its error as the cause) or the frame took longer than
     *     {@value #FRAME_TIMEOUT_SECONDS} s
     */
    boolean frame(FrameStep step) throws InterruptedException {
        lockstep.step = step;
        lockstep.go.release();
        long waited = 0;
        while (!lockstep.rendered.tryAcquire(1, TimeUnit.SECONDS)) {
            if (game.awaitTermination(0)) {
                game.awaitTermination();
                throw new IllegalStateException("the demo game stopped while a frame was awaited");
            }
            if (++waited >= FRAME_TIMEOUT_SECONDS) {
                throw new IllegalStateException("the demo game rendered no frame within " + FRAME_TIMEOUT_SECONDS
                        + " s");
            }
        }
        Throwable failure = lockstep.failure;
        if (failure != null) {
            lockstep.failure = null;
            throw new IllegalStateException("a frame step failed on the render thread: " + failure, failure);
        }
        return lockstep.result;
    }

    /**
     * Runs frames with {@code step} until it returns true.
     *
     * @throws IllegalStateException naming {@code what} if that takes more than {@code maxFrames} frames
     */
    void runUntil(String what, FrameStep step, int maxFrames) throws InterruptedException {
        for (int i = 0; i < maxFrames; i++) {
            if (frame(step)) {
                return;
            }
        }
        throw new IllegalStateException("the demo game ran " + maxFrames + " frames without reaching: " + what);
    }

    /** Holds the render thread in each update until the test thread releases a frame. */
    private static final class Lockstep extends BaseAppState {
        final Semaphore go = new Semaphore(0);
        final Semaphore rendered = new Semaphore(0);
        volatile FrameStep step;
        volatile boolean result;
        volatile Throwable failure;
        volatile boolean released;
        private boolean inFrame;

        @Override
        protected void initialize(Application app) {
            // frames are driven from update
        }

        @Override
        protected void cleanup(Application app) {
            // nothing attached
        }

        @Override
        protected void onEnable() {
            // frames are driven from update
        }

        @Override
        protected void onDisable() {
            // nothing attached
        }

        @Override
        public void update(float tpf) {
            try {
                while (!go.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    if (released) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            inFrame = true;
            try {
                result = step.run((VoxelGame) getApplication());
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        @Override
        public void postRender() {
            if (inFrame) {
                inFrame = false;
                rendered.release();
            }
        }
    }
}
