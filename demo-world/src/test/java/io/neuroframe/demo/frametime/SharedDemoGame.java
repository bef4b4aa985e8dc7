package io.neuroframe.demo.frametime;

import com.jme3.app.Application;
import com.jme3.app.state.AbstractAppState;
import com.jme3.app.state.AppStateManager;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.Chunk;
import io.neuroframe.demo.world.World;
import java.util.ArrayList;
import java.util.List;
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
 * Blocks changed near the spawn point (broken by a scripted player) are put back by {@link #restoreWorld}, so every
 * scenario starts in the same world.
 */
final class SharedDemoGame implements BeforeAllCallback, AfterAllCallback {
    /** Fixed simulation step, as in the headless demo: 60 steps per second whatever the frame rate. */
    static final float STEP_SECONDS = 1f / 60f;
    private static final long FRAME_TIMEOUT_SECONDS = 120;
    private static final int SETTLE_FRAMES = 3000;
    /** Blocks within this many blocks of the spawn column (x and z) are restored between scenarios. */
    private static final int RESTORED_RADIUS = 32;
    private static final int RESTORED_SIDE = 2 * RESTORED_RADIUS + 1;

    /** Work done on the render thread during one frame. */
    @FunctionalInterface
    interface FrameStep {
        /** Runs during the frame's update; the result is returned by {@link #frame}. */
        boolean run(VoxelGame game);
    }

    private final GameConfig config;
    private final Lockstep lockstep = new Lockstep();
    private final PlayerInput idle = new PlayerInput();
    private final List<int[]> changedBlocks = new ArrayList<>();
    private final World.BlockChangeListener recordChange = (x, y, z) -> changedBlocks.add(new int[] {x, y, z});
    private BlockType[] original;
    private VoxelGame game;

    SharedDemoGame(GameConfig config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        game = VoxelGame.startOffscreen(config, lockstep);
        runUntil("the terrain around the spawn point loaded", g -> {
            g.player().step(idle, STEP_SECONDS);
            return g.player().isPlaced() && g.streamer().isSettled();
        }, SETTLE_FRAMES);
        frame(g -> {
            original = new BlockType[RESTORED_SIDE * RESTORED_SIDE * Chunk.HEIGHT];
            for (int x = -RESTORED_RADIUS; x <= RESTORED_RADIUS; x++) {
                for (int z = -RESTORED_RADIUS; z <= RESTORED_RADIUS; z++) {
                    for (int y = 0; y < Chunk.HEIGHT; y++) {
                        original[restoredIndex(x, y, z)] = g.world().blockAt(x, y, z);
                    }
                }
            }
            g.world().addBlockChangeListener(recordChange);
            return true;
        });
    }

    private static int restoredIndex(int x, int y, int z) {
        return ((x + RESTORED_RADIUS) * RESTORED_SIDE + (z + RESTORED_RADIUS)) * Chunk.HEIGHT + y;
    }

    /**
     * Puts back every block changed since the game started (or since the last call).
     *
     * @throws IllegalStateException if a changed block lies outside the restored region around the spawn point
     */
    void restoreWorld() throws InterruptedException {
        frame(g -> {
            List<int[]> changed = new ArrayList<>(changedBlocks);
            changedBlocks.clear();
            for (int[] block : changed) {
                int x = block[0];
                int y = block[1];
                int z = block[2];
                if (Math.abs(x) > RESTORED_RADIUS || Math.abs(z) > RESTORED_RADIUS) {
                    throw new IllegalStateException("block (" + x + ", " + y + ", " + z + ") changed outside the "
                            + RESTORED_RADIUS + "-block region that is restored between scenarios");
                }
                g.world().setBlock(x, y, z, original[restoredIndex(x, y, z)]);
            }
            changedBlocks.clear();
            return true;
        });
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
    private static final class Lockstep extends AbstractAppState {
        final Semaphore go = new Semaphore(0);
        final Semaphore rendered = new Semaphore(0);
        volatile FrameStep step;
        volatile boolean result;
        volatile Throwable failure;
        volatile boolean released;
        private boolean inFrame;
        private VoxelGame game;

        @Override
        public void initialize(AppStateManager stateManager, Application app) {
            super.initialize(stateManager, app);
            game = (VoxelGame) app;
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
                result = step.run(game);
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
