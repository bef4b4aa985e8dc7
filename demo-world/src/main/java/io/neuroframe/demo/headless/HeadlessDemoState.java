package io.neuroframe.demo.headless;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import io.neuroframe.capture.FrameGrabber;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.player.ScriptedPilot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.lwjgl.opengl.GL11;

/**
 * Runs the demo without a person: waits for the terrain around the spawn point, then lets a scripted player walk
 * for a fixed number of frames (simulated at 60 steps per second whatever the frame rate), saves screenshots at
 * a quarter, half, three quarters and the end, and writes the frame-time summary ({@code summary.json} and
 * {@code summary.txt}) into the output folder; then runs its {@link WalkEpilogue} with the player standing still
 * before stopping the game.
 */
public final class HeadlessDemoState extends BaseAppState {
    private static final float STEP_SECONDS = 1f / 60f;

    private final int frames;
    private final Path outDir;
    private final long seed;
    private final FrameTimeStats stats;
    private final WalkEpilogue epilogue;
    private final FrameGrabber grabber = new FrameGrabber();
    private final PlayerInput input = new PlayerInput();
    private final ScreenshotWriter screenshots = new ScreenshotWriter();
    private ScriptedPilot pilot;
    private long startNanos;
    private double loadSeconds;
    private long lastFrameNanos;
    private int frame = -1;
    private String glRenderer = "unknown";

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
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.frames = frames;
        this.outDir = outDir;
        this.seed = seed;
        this.stats = new FrameTimeStats(frames);
        this.epilogue = Objects.requireNonNull(epilogue, "epilogue");
    }

    @Override
    protected void initialize(Application app) {
        glRenderer = GL11.glGetString(GL11.GL_RENDERER);
        app.getGuiViewPort().addProcessor(grabber);
        pilot = new ScriptedPilot(seed);
        startNanos = System.nanoTime();
    }

    @Override
    protected void cleanup(Application app) {
        app.getGuiViewPort().removeProcessor(grabber);
        screenshots.close();
    }

    @Override
    protected void onEnable() {
        // the script starts in update
    }

    @Override
    protected void onDisable() {
        // nothing attached
    }

    @Override
    public void update(float tpf) {
        VoxelGame game = (VoxelGame) getApplication();
        long now = System.nanoTime();
        if (frame < 0) {
            game.player().step(input, STEP_SECONDS);
            if (game.player().isPlaced() && game.streamer().isSettled()) {
                loadSeconds = (now - startNanos) / 1e9;
                frame = 0;
                lastFrameNanos = now;
            }
            return;
        }
        if (frame > frames) {
            if (epilogue.update(game, outDir)) {
                game.stop();
            }
            return;
        }
        if (frame > 0) {
            stats.add((now - lastFrameNanos) / 1e6);
        }
        lastFrameNanos = now;
        if (frame == frames) {
            writeOutputs();
            frame++;
            return;
        }
        pilot.next(game.player().body(), input);
        game.player().step(input, STEP_SECONDS);
        if (isScreenshotFrame(frame)) {
            Path file = outDir.resolve(String.format(Locale.ROOT, "frame-%04d.png", frame));
            grabber.request((bgra, w, h) -> screenshots.write(bgra, w, h, file));
        }
        frame++;
    }

    private boolean isScreenshotFrame(int f) {
        return f == frames / 4 || f == frames / 2 || f == frames * 3 / 4 || f == frames - 1;
    }

    private void writeOutputs() {
        VoxelGame game = (VoxelGame) getApplication();
        try {
            screenshots.finish();
            writeSummary(game);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo summary to " + outDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeSummary(VoxelGame game) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("style", game.style().name());
        json.addProperty("seed", game.config().seed());
        json.addProperty("width", game.config().width());
        json.addProperty("height", game.config().height());
        json.addProperty("viewRadiusChunks", game.config().viewRadius());
        json.addProperty("frames", stats.count());
        json.addProperty("loadSeconds", FrameTimeStats.round(loadSeconds));
        json.addProperty("fps", FrameTimeStats.round(stats.fps()));
        json.add("frameMillis", stats.toJson());
        json.addProperty("chunkMeshUploads", game.streamer().uploadsTotal());
        json.addProperty("blocksBroken", game.player().blocksBroken());
        json.addProperty("glRenderer", glRenderer);
        json.addProperty("cpuCores", Runtime.getRuntime().availableProcessors());
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("summary.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("summary.txt"), summaryText(game), StandardCharsets.UTF_8);
    }

    /** A short human-readable summary of the run. */
    public String summaryText(VoxelGame game) {
        return String.format(Locale.ROOT,
                "demo %s, seed %d, %dx%d, view %d chunks, %d frames after %.1f s loading%n"
                        + "fps %.1f | frame ms: mean %.2f  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n"
                        + "renderer: %s%n",
                game.style().name(), game.config().seed(), game.config().width(), game.config().height(),
                game.config().viewRadius(), stats.count(), loadSeconds, stats.fps(), stats.mean(),
                stats.percentile(50), stats.percentile(95), stats.percentile(99), stats.max(), glRenderer);
    }

    /** Prints the text summary (after the run). */
    public void printSummary(VoxelGame game, PrintStream out) {
        out.print(summaryText(game));
    }
}
