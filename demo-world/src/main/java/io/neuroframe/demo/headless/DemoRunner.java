package io.neuroframe.demo.headless;

import com.jme3.app.state.AppState;
import com.jme3.system.JmeContext;
import io.neuroframe.demo.app.DemoApplication;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.dream.DreamScript;
import io.neuroframe.demo.dream.DreamViewState;
import io.neuroframe.demo.games.UnseenGameConfig;
import io.neuroframe.demo.games.UnseenGameDemo;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.demo.player.KeyboardMouseController;
import java.io.PrintStream;
import java.nio.file.Path;

/** Runs the demo: a playable window, or the scripted headless run that writes screenshots and frame times. */
public final class DemoRunner {
    /** System property the launcher sets to {@code true} where there is no display. */
    public static final String HEADLESS_PROPERTY = "neuroframe.headless";

    private DemoRunner() {
    }

    /** Whether this JVM should run the demo headless. */
    public static boolean isHeadless() {
        return Boolean.getBoolean(HEADLESS_PROPERTY);
    }

    /** Opens a window and lets a person play until it is closed. */
    public static void play(GameConfig config) throws InterruptedException {
        play(new VoxelGame(config, new KeyboardMouseController()));
    }

    /** Opens a window with the neural view ({@code neural}) and lets a person play until it is closed. */
    public static void play(GameConfig config, NeuralViewState neural) throws InterruptedException {
        play(new VoxelGame(config, new KeyboardMouseController(), neural));
    }

    /** Opens a window in dream mode ({@code dream}): the player's inputs drive the world model. */
    public static void play(GameConfig config, DreamViewState dream) throws InterruptedException {
        play(new VoxelGame(config, new KeyboardMouseController(), dream));
    }

    /**
     * Opens a window with the unseen game of {@code config} through the neural view ({@code neural}); the scripted
     * player walks until the window is closed.
     */
    public static void play(UnseenGameConfig config, NeuralViewState neural) throws InterruptedException {
        play(new UnseenGameDemo(config, neural));
    }

    private static void play(DemoApplication game) throws InterruptedException {
        game.launch(JmeContext.Type.Display);
        game.awaitTermination();
    }

    /**
     * Runs {@code frames} scripted frames and writes screenshots and {@code summary.json}/{@code summary.txt} into
     * {@code outDir}; prints the text summary to {@code out}. Renders to an offscreen surface, so any frame size
     * works whatever the size of the (virtual) screen.
     */
    public static void runHeadless(GameConfig config, int frames, Path outDir, PrintStream out)
            throws InterruptedException {
        HeadlessDemoState demo = new HeadlessDemoState(frames, outDir, config.seed());
        run(config, demo, out, demo);
    }

    /**
     * Like {@link #runHeadless(GameConfig, int, Path, PrintStream)} with the neural view running; after the walk it
     * also writes the engine, neural and side-by-side views and the profiler's trace (see {@link NeuralViewShots}),
     * after the same moment with and without the view's adapter where it has one ({@link AdapterComparisonShots}).
     */
    public static void runHeadless(GameConfig config, int frames, Path outDir, PrintStream out,
            NeuralViewState neural) throws InterruptedException {
        runHeadless(config, frames, outDir, out, neural, WalkEpilogue.NONE);
    }

    /**
     * Like {@link #runHeadless(GameConfig, int, Path, PrintStream, NeuralViewState)}, with {@code beforeViews} played
     * between the walk and the views (for example {@link WalkEpilogue#until} to wait for a served frame or a
     * fallback before the views are written).
     */
    public static void runHeadless(GameConfig config, int frames, Path outDir, PrintStream out,
            NeuralViewState neural, WalkEpilogue beforeViews) throws InterruptedException {
        WalkEpilogue views = neural.adapter() == null ? new NeuralViewShots(neural)
                : new AdapterComparisonShots(neural).then(new NeuralViewShots(neural));
        HeadlessDemoState demo = new HeadlessDemoState(frames, outDir, config.seed(), beforeViews.then(views));
        run(config, demo, out, demo, neural);
    }

    /**
     * Like {@link #runHeadless(GameConfig, int, Path, PrintStream)} in dream mode; after the walk it plays the
     * scripted dream and writes its frames, strip and summary (see {@link DreamScript}).
     */
    public static void runHeadless(GameConfig config, int frames, Path outDir, PrintStream out, DreamViewState dream)
            throws InterruptedException {
        HeadlessDemoState demo = new HeadlessDemoState(frames, outDir, config.seed(), new DreamScript(dream));
        run(config, demo, out, demo, dream);
    }

    /**
     * Runs the unseen game of {@code config} through the neural view for {@code frames} walk frames (the view's
     * adapter, where it has one, switched on for the first half and off for the second), and writes screenshots,
     * the views and {@code summary.json}/{@code summary.txt} into {@code outDir} (see {@link HeadlessGameState});
     * prints the text summary to {@code out}.
     */
    public static void runHeadless(UnseenGameConfig config, int frames, Path outDir, PrintStream out,
            NeuralViewState neural) throws InterruptedException {
        HeadlessGameState demo = new HeadlessGameState(frames, outDir, neural);
        UnseenGameDemo game = UnseenGameDemo.startOffscreen(config, neural, demo);
        game.awaitTermination();
        demo.printSummary(out);
    }

    private static void run(GameConfig config, HeadlessDemoState demo, PrintStream out, AppState... drivers)
            throws InterruptedException {
        VoxelGame game = VoxelGame.startOffscreen(config, drivers);
        game.awaitTermination();
        demo.printSummary(game, out);
    }
}
