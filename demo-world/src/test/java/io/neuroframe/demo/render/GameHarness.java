package io.neuroframe.demo.render;

import com.jme3.app.Application;
import io.neuroframe.capture.FrameGrabber;
import io.neuroframe.capture.GrabbingAppState;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import java.awt.image.BufferedImage;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a real {@link VoxelGame} offscreen for tests and lets the test thread run code on the render thread,
 * advance frames and grab rendered frames.
 */
final class GameHarness implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 240;

    private final VoxelGame game;
    private final Driver driver = new Driver();

    /** Per-frame work: returns true when done. */
    interface FrameTask {
        boolean runFrame(VoxelGame game);
    }

    private final class Driver extends GrabbingAppState {
        final ConcurrentLinkedQueue<Runnable> once = new ConcurrentLinkedQueue<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile FrameTask perFrame;
        volatile CompletableFuture<Integer> perFrameDone;
        int framesRun;

        @Override
        protected void initialize(Application app) {
            super.initialize(app);
            started.countDown();
        }

        @Override
        public void update(float tpf) {
            for (Runnable r; (r = once.poll()) != null; ) {
                r.run();
            }
            FrameTask task = perFrame;
            if (task != null) {
                framesRun++;
                boolean finished;
                try {
                    finished = task.runFrame(game);
                } catch (RuntimeException | AssertionError e) {
                    perFrame = null;
                    perFrameDone.completeExceptionally(e);
                    return;
                }
                if (finished) {
                    perFrame = null;
                    perFrameDone.complete(framesRun);
                }
            }
        }
    }

    GameHarness(GameConfig config) throws InterruptedException {
        game = VoxelGame.startOffscreen(config, driver);
        if (!driver.started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the game did not start");
        }
    }

    VoxelGame game() {
        return game;
    }

    /** Runs {@code task} on the render thread during the next frame and returns its result. */
    <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        driver.once.add(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code task} once per frame on the render thread until it returns true or {@code maxFrames} pass.
     *
     * @return frames used, or -1 when it never returned true
     */
    int runFrames(FrameTask task, int maxFrames) throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        int[] count = {0};
        call(() -> {
            driver.framesRun = 0;
            driver.perFrameDone = done;
            driver.perFrame = g -> task.runFrame(g) || ++count[0] >= maxFrames;
            return null;
        });
        int frames = done.get(TIMEOUT_SECONDS * 4, TimeUnit.SECONDS);
        return count[0] >= maxFrames ? -1 : frames;
    }

    /** Steps the idle player until it is placed and all terrain in view is drawn. */
    int settle(int maxFrames) throws Exception {
        PlayerInput idle = new PlayerInput();
        return runFrames(g -> {
            g.player().step(idle, 1f / 60f);
            return g.player().isPlaced() && g.streamer().isSettled();
        }, maxFrames);
    }

    /** Renders a frame after {@code setup} ran on the render thread and returns it as an RGB image. */
    BufferedImage grab(Predicate<VoxelGame> setup) throws Exception {
        CompletableFuture<BufferedImage> image = new CompletableFuture<>();
        call(() -> {
            setup.test(game);
            driver.grabber().request((bgra, w, h) -> {
                BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                FrameGrabber.toImage(bgra, w, h, out, new int[w]);
                image.complete(out);
            });
            return null;
        });
        return image.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        game.stop();
        game.awaitTermination(TIMEOUT_SECONDS);
    }
}
