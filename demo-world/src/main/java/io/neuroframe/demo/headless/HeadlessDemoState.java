package io.neuroframe.demo.headless;

import com.google.gson.JsonObject;
import com.jme3.app.Application;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.player.ScriptedPilot;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs the demo without a person: waits for the terrain around the spawn point, then lets a scripted player walk
 * for a fixed number of frames (simulated at 60 steps per second whatever the frame rate), saves screenshots at
 * a quarter, half, three quarters and the end, and writes the frame-time summary ({@code summary.json} and
 * {@code summary.txt}) into the output folder; then runs its {@link WalkEpilogue} with the player standing still
 * before stopping the game.
 */
public final class HeadlessDemoState extends HeadlessRunState {
    /** Simulated seconds per walk frame: 60 steps per second whatever the frame rate. */
    static final float STEP_SECONDS = 1f / 60f;

    private final int frames;
    private final long seed;
    private final WalkEpilogue epilogue;
    private final PlayerInput input = new PlayerInput();
    private ScriptedPilot pilot;
    private int frame = -1;

    /**
     * @param frames frames to run after the terrain has loaded (at least 1)
     * @param outDir folder for screenshots and the summary (created if missing)
     */
    public HeadlessDemoState(int frames, Path outDir, long seed) {
        this(frames, outDir, seed, WalkEpilogue.NONE);
    }

    /**
     * @param frames frames to run after the terrain has loaded (at least 1)
     * @param outDir folder for screenshots and the summary (created if missing)
     * @param epilogue extra frames after the walk and its summary
     */
    public HeadlessDemoState(int frames, Path outDir, long seed, WalkEpilogue epilogue) {
        super(frames, outDir);
        this.frames = frames;
        this.seed = seed;
        this.epilogue = Objects.requireNonNull(epilogue, "epilogue");
    }

    @Override
    protected void initialize(Application app) {
        super.initialize(app);
        pilot = new ScriptedPilot(seed);
    }

    @Override
    public void update(float tpf) {
        VoxelGame game = (VoxelGame) getApplication();
        long now = System.nanoTime();
        if (frame < 0) {
            game.player().step(input, STEP_SECONDS);
            if (game.player().isPlaced() && game.streamer().isSettled()) {
                loaded(now);
                frame = 0;
            }
            return;
        }
        if (frame > frames) {
            if (epilogue.update(game, outDir())) {
                game.stop();
            }
            return;
        }
        walkFrame(frame, now);
        if (frame == frames) {
            writeSummary(summaryJson(game), summaryText(game));
            frame++;
            return;
        }
        pilot.next(game.player().body(), input);
        game.player().step(input, STEP_SECONDS);
        if (isScreenshotFrame(frame)) {
            shoot(outDir().resolve(String.format(Locale.ROOT, "frame-%04d.png", frame)));
        }
        frame++;
    }

    private boolean isScreenshotFrame(int f) {
        return f == frames / 4 || f == frames / 2 || f == frames * 3 / 4 || f == frames - 1;
    }

    private JsonObject summaryJson(VoxelGame game) {
        JsonObject json = new JsonObject();
        json.addProperty("style", game.style().name());
        json.addProperty("seed", game.config().seed());
        json.addProperty("width", game.config().width());
        json.addProperty("height", game.config().height());
        json.addProperty("viewRadiusChunks", game.config().viewRadius());
        json.addProperty("frames", frameCount());
        addFrameTimes(json);
        json.addProperty("chunkMeshUploads", game.streamer().uploadsTotal());
        json.addProperty("blocksBroken", game.player().blocksBroken());
        return json;
    }

    /** A short human-readable summary of the run. */
    public String summaryText(VoxelGame game) {
        return String.format(Locale.ROOT, "demo %s, seed %d, %dx%d, view %d chunks, ", game.style().name(),
                game.config().seed(), game.config().width(), game.config().height(), game.config().viewRadius())
                + frameTimesText() + String.format(Locale.ROOT, "renderer: %s%n", glRenderer());
    }

    /** Prints the text summary (after the run). */
    public void printSummary(VoxelGame game, PrintStream out) {
        out.print(summaryText(game));
    }
}
