package io.neuroframe.demo.headless;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import io.neuroframe.demo.games.UnseenGameDemo;
import io.neuroframe.demo.neural.DemoAdapter;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.capture.FrameGrabber;
import io.neuroframe.render.FramePipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lwjgl.opengl.GL11;

/**
 * Runs an unseen game through the neural view without a person. Once the level is built and the first neural
 * frame is decoded, the scripted player walks for a fixed number of frames (one walk step per frame) while
 * screenshots of the screen are saved at a quarter, just before half, three quarters and the end. With an
 * adapter, the first half of the walk runs with it switched on and the second half with it off; afterwards, the
 * player standing still, {@link AdapterComparisonShots} saves the same moment with and without it. Then
 * {@link NeuralViewShots} writes each view and the profiler's trace, and the summary ({@code summary.json},
 * {@code summary.txt}) records the frame times of the walk and, for every screenshot, whether the adapter was
 * switched on and whether the neural frame on screen had been through it.
 */
public final class HeadlessGameState extends BaseAppState {
    private static final long MAX_LOAD_NANOS = 180_000_000_000L;

    private enum Phase { LOADING, WALK, EPILOGUE, DONE }

    private final int frames;
    private final Path outDir;
    private final NeuralViewState neural;
    private final DemoAdapter adapter;
    private final AdapterComparisonShots comparison;
    private final WalkEpilogue epilogue;
    private final FrameTimeStats stats;
    private final FrameGrabber grabber = new FrameGrabber();
    private final ScreenshotWriter screenshots = new ScreenshotWriter();
    private final List<AdapterShot> shots = new ArrayList<>();
    private Phase phase = Phase.LOADING;
    private long startNanos;
    private double loadSeconds;
    private long lastFrameNanos;
    private int frame;
    private String glRenderer = "unknown";
    private String summary = "";

    /**
     * @param frames walk frames after loading (at least 1)
     * @param outDir folder for screenshots and the summary (created if missing)
     * @param neural the neural view the game is shown through (with or without an adapter)
     */
    public HeadlessGameState(int frames, Path outDir, NeuralViewState neural) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.frames = frames;
        this.outDir = outDir;
        this.neural = neural;
        this.adapter = neural.adapter();
        this.comparison = adapter == null ? null : new AdapterComparisonShots(neural);
        this.epilogue = comparison == null ? new NeuralViewShots(neural)
                : comparison.then(new NeuralViewShots(neural));
        this.stats = new FrameTimeStats(frames);
    }

    @Override
    protected void initialize(Application app) {
        glRenderer = GL11.glGetString(GL11.GL_RENDERER);
        app.getGuiViewPort().addProcessor(grabber);
        game().walk().setWalking(false);
        startNanos = System.nanoTime();
    }

    @Override
    protected void cleanup(Application app) {
        app.getGuiViewPort().removeProcessor(grabber);
        screenshots.close();
    }

    @Override
    protected void onEnable() {
        // the run starts in update
    }

    @Override
    protected void onDisable() {
        // nothing attached
    }

    @Override
    public void update(float tpf) {
        long now = System.nanoTime();
        switch (phase) {
            case LOADING -> load(now);
            case WALK -> walk(now);
            case EPILOGUE -> {
                if (epilogue.update(getApplication(), outDir)) {
                    finish();
                    phase = Phase.DONE;
                    getApplication().stop();
                }
            }
            case DONE -> {
                // stopping
            }
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
    }

    /** Waits for the level and the first decoded frame (the codec's sessions take seconds to start). */
    private void load(long now) {
        RuntimeException failure = neural.neuroFrame().startupFailure();
        if (failure != null) {
            throw new IllegalStateException("the neural pipeline did not start: " + failure.getMessage(), failure);
        }
        FramePipeline pipeline = neural.neuroFrame().pipeline();
        if (!game().sceneReady() || !neural.started() || pipeline == null || pipeline.latestFrame() == null) {
            if (now - startNanos > MAX_LOAD_NANOS) {
                throw new IllegalStateException("no neural frame within " + MAX_LOAD_NANOS / 1_000_000_000L + " s");
            }
            return;
        }
        loadSeconds = (now - startNanos) / 1e9;
        lastFrameNanos = now;
        if (adapter != null) {
            neural.setAdapterOn(true);
        }
        game().walk().setWalking(true);
        phase = Phase.WALK;
    }

    private void walk(long now) {
        if (frame > 0) {
            stats.add((now - lastFrameNanos) / 1e6);
        }
        lastFrameNanos = now;
        if (frame == frames) {
            phase = Phase.EPILOGUE;
            return;
        }
        if (adapter != null && frame == frames / 2) {
            neural.setAdapterOn(false);
        }
        if (frame == frames / 4 || frame == frames / 2 - 1 || frame == frames * 3 / 4 || frame == frames - 1) {
            shoot(String.format(Locale.ROOT, "frame-%04d.png", frame), frame);
        }
        if (frame == frames - 1) {
            game().walk().setWalking(false);
        }
        frame++;
    }

    /** Saves the screen drawn this frame to {@code file} and records what it shows. */
    private void shoot(String file, int walkFrame) {
        shots.add(AdapterShot.of(file, walkFrame, neural));
        Path path = outDir.resolve(file);
        grabber.request((bgra, w, h) -> screenshots.write(bgra, w, h, path));
    }

    private UnseenGameDemo game() {
        return (UnseenGameDemo) getApplication();
    }

    private void finish() {
        try {
            screenshots.finish();
            writeSummary();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo summary to " + outDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeSummary() throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("game", game().config().game().gameName());
        json.addProperty("seed", game().config().seed());
        json.addProperty("width", game().config().width());
        json.addProperty("height", game().config().height());
        json.addProperty("frames", stats.count());
        json.addProperty("walkSteps", game().walk().steps());
        json.addProperty("loadSeconds", FrameTimeStats.round(loadSeconds));
        json.addProperty("fps", FrameTimeStats.round(stats.fps()));
        json.add("frameMillis", stats.toJson());
        if (adapter != null) {
            JsonObject switched = new JsonObject();
            switched.addProperty("name", adapter.name());
            switched.addProperty("onWalkFrames", range(0, frames / 2));
            switched.addProperty("offWalkFrames", range(frames / 2, frames));
            json.add("adapter", switched);
        }
        JsonArray list = new JsonArray();
        allShots().forEach(shot -> list.add(shot.toJson()));
        json.add("screenshots", list);
        json.addProperty("glRenderer", glRenderer);
        json.addProperty("cpuCores", Runtime.getRuntime().availableProcessors());
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("summary.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
        summary = summaryText();
        Files.writeString(outDir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
    }

    /** The walk's screenshots, then the standing-still pair with and without the adapter. */
    private List<AdapterShot> allShots() {
        List<AdapterShot> all = new ArrayList<>(shots);
        if (comparison != null) {
            all.addAll(comparison.shots());
        }
        return all;
    }

    /** {@code "first-last"} of the frames in {@code [from, to)}, or {@code "none"}. */
    private static String range(int from, int to) {
        return to > from ? from + "-" + (to - 1) : "none";
    }

    private String summaryText() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "demo %s (unseen game), seed %d, %dx%d, %d frames after %.1f s loading%n"
                        + "fps %.1f | frame ms: mean %.2f  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n",
                game().config().game().gameName(), game().config().seed(), game().config().width(),
                game().config().height(), stats.count(), loadSeconds, stats.fps(), stats.mean(),
                stats.percentile(50), stats.percentile(95), stats.percentile(99), stats.max()));
        if (adapter != null) {
            text.append(String.format(Locale.ROOT, "adapter %s: switched on for walk frames %s, off for %s%n",
                    adapter.name(), range(0, frames / 2), range(frames / 2, frames)));
        }
        for (AdapterShot shot : allShots()) {
            text.append(shot.describe()).append(System.lineSeparator());
        }
        text.append("renderer: ").append(glRenderer).append(System.lineSeparator());
        return text.toString();
    }

    /** Prints the text summary (after the run; nothing when it did not finish). */
    public void printSummary(PrintStream out) {
        out.print(summary);
    }
}
