package io.neuroframe.demo.frametime;

import io.neuroframe.api.Decoder;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.headless.FrameTimeStats;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.player.ScriptedPilot;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.perf.FrameScenario;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.upscale.Upscaler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The real demo as a frame-time scenario: a scripted player in the {@link SharedDemoGame}, with the neural view
 * (encoder loopback, decoder, upload, upscale) attached for the scenario's lifetime. Each frame steps the pilot
 * and renders one game frame; the neural view records its stages on its pipeline's clock. Making the scenario
 * puts the player back at the spawn point, attaches a new neural view and waits for its first decoded frame;
 * closing it detaches the view again (its pipeline and ONNX Runtime sessions are closed) and puts back the blocks
 * the player broke.
 *
 * <p>The game's own frame times over the measured frames are kept too ({@link #gameFrames()}), for the demo's fps.
 */
final class DemoScenario implements FrameScenario {
    /** A budget no frame reaches: the ladder never steps down, so the upscaler and decoder stay as chosen. */
    private static final Duration NO_BUDGET_LIMIT = Duration.ofSeconds(10);
    private static final int START_FRAMES = 600;
    private static final int STOP_FRAMES = 10;

    private final String name;
    private final SharedDemoGame game;
    private final NeuralViewState neural;
    private final ScriptedPilot pilot;
    private final int warmupFrames;
    private final FrameTimeStats gameFrames;
    private final PlayerInput input = new PlayerInput();
    private final SharedDemoGame.FrameStep step = this::step;
    private final int blocksBrokenBefore;
    private int blocksBrokenDuring;
    private int framesRun;
    private long lastFrameNanos;

    /**
     * Sets the scenario up in {@code game}; blocks until the neural view shows decoded frames.
     *
     * @param name scenario name (baselines are per name)
     * @param game the running game
     * @param weights codec weights for the encoder loopback
     * @param decoder makes the neural view's decoder
     * @param upscaler the neural view's upscaler
     * @param pilot the scripted player, made fresh for every run so each run plays the same script
     * @param warmupFrames frames the harness runs before measuring (not counted in {@link #gameFrames()})
     * @param frames measured frames
     * @param traceFolder where the neural view's overlay would export its trace
     */
    DemoScenario(String name, SharedDemoGame game, DemoWeights weights, Supplier<? extends Decoder> decoder,
                 Upscaler upscaler, ScriptedPilot pilot, int warmupFrames, int frames, Path traceFolder)
            throws InterruptedException {
        this.name = name;
        this.game = game;
        this.pilot = pilot;
        this.warmupFrames = warmupFrames;
        this.gameFrames = new FrameTimeStats(frames);
        this.neural = NeuralViewState.measured(weights, traceFolder, decoder, upscaler, NO_BUDGET_LIMIT);
        this.blocksBrokenBefore = game.blocksBroken();
        PlayerInput idle = new PlayerInput();
        game.frame(g -> {
            g.player().requestSpawn(0, 0, 0, 0);
            g.getStateManager().attach(neural);
            return true;
        });
        game.runUntil("scenario '" + name + "': player placed, terrain loaded and a decoded neural frame shown", g -> {
            g.player().step(idle, SharedDemoGame.STEP_SECONDS);
            FramePipeline pipeline = neural.neuroFrame().pipeline();
            return g.player().isPlaced() && g.streamer().isSettled() && pipeline != null
                    && pipeline.latestFrame() != null;
        }, START_FRAMES);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StageClock clock() {
        return neural.neuroFrame().pipeline().clock();
    }

    @Override
    public void runFrame() {
        try {
            game.frame(step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scenario '" + name + "' was interrupted", e);
        }
        long now = System.nanoTime();
        if (framesRun >= warmupFrames && framesRun > 0) {
            gameFrames.add((now - lastFrameNanos) / 1e6);
        }
        lastFrameNanos = now;
        framesRun++;
    }

    private boolean step(VoxelGame g) {
        pilot.next(g.player().body(), input);
        g.player().step(input, SharedDemoGame.STEP_SECONDS);
        return true;
    }

    /** The game's frame times over the measured frames (wall time from one rendered frame to the next). */
    FrameTimeStats gameFrames() {
        return gameFrames;
    }

    /** Blocks the player broke while the scenario ran. */
    int blocksBroken() {
        return blocksBrokenDuring;
    }

    /** The neural view's NeuroFrame state (its pipeline, budget ladder and upscaler). */
    NeuroFrameAppState neuroFrame() {
        return neural.neuroFrame();
    }

    /**
     * Detaches the neural view and waits until its pipeline is closed.
     *
     * @throws IllegalStateException if the budget ladder moved during the run (then the stages measured were not
     *     the configured ones)
     */
    @Override
    public void close() {
        long stepDowns = neural.neuroFrame().pipeline().budget().stepDowns();
        System.out.printf(Locale.ROOT, "demo scenario '%s' (%s): %d game frames, %.1f fps, frame ms p50 %.1f p95 %.1f%n",
                name, neural.neuroFrame().upscaler(), gameFrames.count(), gameFrames.fps(), gameFrames.percentile(50),
                gameFrames.percentile(95));
        try {
            blocksBrokenDuring = game.blocksBroken() - blocksBrokenBefore;
            game.frame(g -> {
                g.getStateManager().detach(neural);
                return true;
            });
            game.runUntil("scenario '" + name + "': neural view cleaned up",
                    g -> !neural.isInitialized() && !neural.neuroFrame().isInitialized(), STOP_FRAMES);
            game.restoreWorld();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scenario '" + name + "' was interrupted while closing", e);
        }
        if (stepDowns != 0) {
            throw new IllegalStateException("scenario '" + name + "': the budget ladder stepped down " + stepDowns
                    + " time(s) with a " + NO_BUDGET_LIMIT.toSeconds() + " s budget; the run measured other stages");
        }
    }
}
