package io.neuroframe.demo.headless;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.jme3.app.Application;
import io.neuroframe.demo.games.UnseenGameDemo;
import io.neuroframe.demo.neural.DemoAdapter;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.render.FramePipeline;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
public final class HeadlessGameState extends HeadlessRunState {
    private static final long MAX_LOAD_NANOS = 180_000_000_000L;

    private enum Phase { LOADING, WALK, EPILOGUE, DONE }

    private final int frames;
    private final NeuralViewState neural;
    private final DemoAdapter adapter;
    private final AdapterComparisonShots comparison;
    private final WalkEpilogue epilogue;
    private final List<AdapterShot> shots = new ArrayList<>();
    private Phase phase = Phase.LOADING;
    private int frame;
    private String summary = "";

    /**
     * @param frames walk frames after loading (at least 1)
     * @param outDir folder for screenshots and the summary (created if missing)
     * @param neural the neural view the game is shown through (with or without an adapter)
     */
    public HeadlessGameState(int frames, Path outDir, NeuralViewState neural) {
        super(frames, outDir);
        this.frames = frames;
        this.neural = neural;
        this.adapter = neural.adapter();
        this.comparison = adapter == null ? null : new AdapterComparisonShots(neural);
        this.epilogue = comparison == null ? new NeuralViewShots(neural)
                : comparison.then(new NeuralViewShots(neural));
    }

    @Override
    protected void initialize(Application app) {
        super.initialize(app);
        game().walk().setWalking(false);
    }

    @Override
    public void update(float tpf) {
        long now = System.nanoTime();
        switch (phase) {
            case LOADING -> load(now);
            case WALK -> walk(now);
            case EPILOGUE -> {
                if (epilogue.update(getApplication(), outDir())) {
                    summary = summaryText();
                    writeSummary(summaryJson(), summary);
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
            if (loadingNanos(now) > MAX_LOAD_NANOS) {
                throw new IllegalStateException("no neural frame within " + MAX_LOAD_NANOS / 1_000_000_000L + " s");
            }
            return;
        }
        loaded(now);
        if (adapter != null) {
            neural.setAdapterOn(true);
        }
        game().walk().setWalking(true);
        phase = Phase.WALK;
    }

    private void walk(long now) {
        walkFrame(frame, now);
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
        shoot(outDir().resolve(file));
    }

    private UnseenGameDemo game() {
        return (UnseenGameDemo) getApplication();
    }

    private JsonObject summaryJson() {
        JsonObject json = new JsonObject();
        json.addProperty("game", game().config().game().gameName());
        json.addProperty("seed", game().config().seed());
        json.addProperty("width", game().config().width());
        json.addProperty("height", game().config().height());
        json.addProperty("frames", frameCount());
        json.addProperty("walkSteps", game().walk().steps());
        addFrameTimes(json);
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
        return json;
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
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "demo %s (unseen game), seed %d, %dx%d, ",
                game().config().game().gameName(), game().config().seed(), game().config().width(),
                game().config().height())).append(frameTimesText());
        if (adapter != null) {
            text.append(String.format(Locale.ROOT, "adapter %s: switched on for walk frames %s, off for %s%n",
                    adapter.name(), range(0, frames / 2), range(frames / 2, frames)));
        }
        for (AdapterShot shot : allShots()) {
            text.append(shot.describe()).append(System.lineSeparator());
        }
        text.append("renderer: ").append(glRenderer()).append(System.lineSeparator());
        return text.toString();
    }

    /** Prints the text summary (after the run; nothing when it did not finish). */
    public void printSummary(PrintStream out) {
        out.print(summary);
    }
}
