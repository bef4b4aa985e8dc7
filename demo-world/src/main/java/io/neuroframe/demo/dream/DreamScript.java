package io.neuroframe.demo.dream;

import io.neuroframe.api.NativeBuffers;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.jme3.app.Application;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.headless.WalkEpilogue;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.jme.NeuralView;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.timing.StageStats;
import io.neuroframe.world.dream.ScriptedPlay;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Headless dream mode: after the demo's walk, restarts the dream from the engine's frame and plays
 * one cycle of {@link ScriptedPlay} through the world model, {@value ScriptedPlay#PHASE_STEPS} steps
 * each of walking forward, turning left, turning right, looking up, looking down and standing still.
 *
 * <p>The script runs in lockstep (the next action is handed over once the previous step's frame is
 * on screen), so every step's decoded frame is written ({@code dream-NNN.png}) and the strip
 * ({@code dream-strip.png}) shows fixed steps. Then it lets the dream run freely for
 * {@value #FREE_RUN_STEPS} steps (one action per world step, no waiting for the screen) and
 * measures the dreamed frame rate. {@code dream-summary.json} and {@code dream-summary.txt} hold
 * both rates and the stage timings; the overlay's text and trace are written too.
 */
public final class DreamScript implements WalkEpilogue {
    /** Free-running steps after the lockstep script. */
    public static final int FREE_RUN_STEPS = 60;
    /** The strip shows every this many steps. */
    public static final int STRIP_EVERY = 10;
    private static final int STRIP_WIDTH = 256;
    private static final int STRIP_HEIGHT = 144;
    private static final long MAX_WAIT_NANOS = 60_000_000_000L;
    private static final float STEP_SECONDS = 1f / (float) DreamViewState.STEPS_PER_SECOND;
    private static final Stage[] REPORTED = {Stage.WORLD_STEP, Stage.SOURCE, Stage.DECODE, Stage.PACK, Stage.UPLOAD,
        Stage.UPSCALE};

    private enum State { START, AWAIT_START_FRAME, LOCKSTEP, FREE_RUN, FINISH }

    private final DreamViewState view;
    private final int totalSteps = ScriptedPlay.CYCLE_STEPS;
    private final PlayerInput input = new PlayerInput();
    private final FloatBuffer action = NativeBuffers.floats(OasisAction.SIZE);
    private final BufferedImage[] stripFrames = new BufferedImage[totalSteps / STRIP_EVERY + 1];
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dream-frame-writer");
        t.setDaemon(true);
        return t;
    });
    private State state = State.START;
    private long lastFrameId;
    private long resetsBefore;
    private long waitStart;
    private int step;
    private boolean awaitingFrame;
    private long lockstepStart;
    private double lockstepSeconds;
    private long freeStart;
    private long freeStepsStart;
    private long shownFrames;
    private long lastSubmittedAtStep = -1;
    private long freeFrames;
    private double freeSeconds;
    private long freeSteps;

    public DreamScript(DreamViewState view) {
        this.view = view;
    }

    @Override
    public boolean update(Application app, Path outDir) {
        long now = System.nanoTime();
        FramePipeline pipeline = view.neuroFrame().pipeline();
        if (pipeline == null) {
            RuntimeException failure = view.neuroFrame().startupFailure();
            if (failure != null) {
                throw new IllegalStateException("the dream's pipeline did not start", failure);
            }
            return false;
        }
        DecodedFrame latest = pipeline.latestFrame();
        boolean fresh = latest != null && latest.frameId() > lastFrameId;
        switch (state) {
            case START -> {
                view.neuroFrame().setView(NeuralView.NEURAL);
                view.overlay().setEnabled(true);
                resetsBefore = view.dream().resets();
                lastFrameId = latest == null ? 0 : latest.frameId();
                view.resetFromEngine();
                waitStart = now;
                state = State.AWAIT_START_FRAME;
            }
            case AWAIT_START_FRAME -> {
                if (view.dream().resets() > resetsBefore && fresh) {
                    lastFrameId = latest.frameId();
                    record(latest, 0, outDir);
                    lockstepStart = now;
                    state = State.LOCKSTEP;
                } else {
                    requireWithin(now, "the dream's start frame");
                }
            }
            case LOCKSTEP -> lockstep((VoxelGame) app, latest, fresh, now, outDir);
            case FREE_RUN -> freeRun((VoxelGame) app, fresh ? latest : null, now);
            case FINISH -> {
                finish(outDir);
                return true;
            }
            default -> throw new IllegalStateException("unknown state " + state);
        }
        return false;
    }

    private void lockstep(VoxelGame game, DecodedFrame latest, boolean fresh, long now, Path outDir) {
        if (awaitingFrame) {
            if (!fresh) {
                requireWithin(now, "the frame of dream step " + (step + 1));
                return;
            }
            lastFrameId = latest.frameId();
            step++;
            record(latest, step, outDir);
            awaitingFrame = false;
            if (step == totalSteps) {
                lockstepSeconds = (now - lockstepStart) / 1e9;
                freeStart = now;
                freeStepsStart = view.dream().steps();
                state = State.FREE_RUN;
            }
            return;
        }
        submit(game, step);
        awaitingFrame = true;
        waitStart = now;
    }

    private void freeRun(VoxelGame game, DecodedFrame fresh, long now) {
        if (fresh != null) {
            lastFrameId = fresh.frameId();
            shownFrames++;
        }
        long steps = view.dream().steps();
        if (steps - freeStepsStart >= FREE_RUN_STEPS) {
            freeSeconds = (now - freeStart) / 1e9;
            freeSteps = steps - freeStepsStart;
            freeFrames = shownFrames;
            state = State.FINISH;
            return;
        }
        if (steps != lastSubmittedAtStep) {
            lastSubmittedAtStep = steps;
            submit(game, (int) ((steps - freeStepsStart) % totalSteps));
        }
        requireWithin(freeStart, now, "the free-running dream");
    }

    /** Hands the scripted input of step {@code index} to the dream and to the engine's player. */
    private void submit(VoxelGame game, int index) {
        ScriptedPlay.Phase phase = ScriptedPlay.phaseAt(index);
        input.clear();
        input.forward = phase.forward();
        input.pitchDegrees = phase.pitchDegrees();
        input.yawDegrees = phase.yawDegrees();
        input.writeAction(action);
        game.player().step(input, STEP_SECONDS);
        view.dream().submitAction(action, System.nanoTime());
    }

    private void requireWithin(long now, String what) {
        requireWithin(waitStart, now, what);
    }

    private static void requireWithin(long since, long now, String what) {
        if (now - since > MAX_WAIT_NANOS) {
            throw new IllegalStateException("dream mode: no progress on " + what + " within "
                    + MAX_WAIT_NANOS / 1_000_000_000L + " s");
        }
    }

    /** Copies the frame now (its buffer is reused) and writes it, and its strip thumbnail, on the writer thread. */
    private void record(DecodedFrame frame, int index, Path outDir) {
        ByteBuffer rgba = frame.rgba();
        byte[] copy = new byte[rgba.remaining()];
        rgba.duplicate().get(copy);
        boolean bottomUp = frame.rowOrder() == RowOrder.BOTTOM_UP;
        writer.execute(() -> {
            BufferedImage image = toImage(copy, frame.width(), frame.height(), bottomUp);
            try {
                ImageIo.writePngAtomically(image, outDir.resolve(String.format(Locale.ROOT, "dream-%03d.png", index)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (index % STRIP_EVERY == 0) {
                stripFrames[index / STRIP_EVERY] = thumbnail(image, index);
            }
        });
    }

    private static BufferedImage toImage(byte[] rgba, int width, int height, boolean bottomUp) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int row = bottomUp ? height - 1 - y : y;
            for (int x = 0; x < width; x++) {
                int i = (row * width + x) * 4;
                image.setRGB(x, y, (rgba[i] & 0xFF) << 16 | (rgba[i + 1] & 0xFF) << 8 | (rgba[i + 2] & 0xFF));
            }
        }
        return image;
    }

    private static BufferedImage thumbnail(BufferedImage image, int index) {
        BufferedImage small = new BufferedImage(STRIP_WIDTH, STRIP_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, STRIP_WIDTH, STRIP_HEIGHT, null);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        String label = index == 0 ? "start (encoded)" : "step " + index + ": " + ScriptedPlay.phaseAt(index - 1).label();
        g.setColor(new Color(0, 0, 0, 160));
        g.fillRect(0, 0, STRIP_WIDTH, 20);
        g.setColor(Color.WHITE);
        g.drawString(label, 6, 15);
        g.dispose();
        return small;
    }

    private void finish(Path outDir) {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("dream mode: writing the frames took over 60 s");
            }
            Files.createDirectories(outDir);
            writeStrip(outDir.resolve("dream-strip.png"));
            view.overlay().exportTrace(outDir);
            Files.writeString(outDir.resolve("dream-overlay.txt"), view.overlay().lastText() + "\n", StandardCharsets.UTF_8);
            writeSummary(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dream outputs into " + outDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeStrip(Path file) throws IOException {
        BufferedImage strip = new BufferedImage(STRIP_WIDTH * stripFrames.length, STRIP_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = strip.createGraphics();
        for (int i = 0; i < stripFrames.length; i++) {
            if (stripFrames[i] != null) {
                g.drawImage(stripFrames[i], i * STRIP_WIDTH, 0, null);
            }
        }
        g.dispose();
        ImageIo.writePngAtomically(strip, file);
    }

    private void writeSummary(Path outDir) throws IOException {
        StageClock clock = view.neuroFrame().pipeline().clock();
        JsonObject json = new JsonObject();
        json.addProperty("worldModel", view.dream().describe());
        json.addProperty("scriptSteps", totalSteps);
        json.addProperty("phaseSteps", ScriptedPlay.PHASE_STEPS);
        json.addProperty("turnDegreesPerStep", ScriptedPlay.TURN_DEGREES_PER_STEP);
        json.addProperty("lookDegreesPerStep", ScriptedPlay.LOOK_DEGREES_PER_STEP);
        json.addProperty("lockstepSeconds", round(lockstepSeconds));
        json.addProperty("lockstepFps", round(totalSteps / lockstepSeconds));
        json.addProperty("freeRunSteps", freeSteps);
        json.addProperty("freeRunSeconds", round(freeSeconds));
        json.addProperty("dreamedFps", round(freeFrames / freeSeconds));
        json.addProperty("worldStepsPerSecond", round(freeSteps / freeSeconds));
        json.addProperty("nanResets", view.dream().nanResets());
        json.addProperty("cpuCores", Runtime.getRuntime().availableProcessors());
        JsonObject stages = new JsonObject();
        StageStats stats = new StageStats();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "dream: %s%n", view.dream().describe()));
        text.append(String.format(Locale.ROOT, "script: %d steps of %s in lockstep: %.1f s, %.1f frames/s%n",
                totalSteps, ScriptedPlay.describe(), lockstepSeconds, totalSteps / lockstepSeconds));
        text.append(String.format(Locale.ROOT, "free run: %d world steps in %.1f s: dreamed %.1f frames/s on screen, "
                + "%.1f world steps/s; non-finite resets %d%n", freeSteps, freeSeconds, freeFrames / freeSeconds,
                freeSteps / freeSeconds, view.dream().nanResets()));
        text.append("stage        p50 ms   p95 ms\n");
        for (Stage stage : REPORTED) {
            clock.stats(stage, stats);
            JsonObject s = new JsonObject();
            s.addProperty("count", stats.count());
            s.addProperty("p50", round(stats.p50Millis()));
            s.addProperty("p95", round(stats.p95Millis()));
            stages.add(stage.label(), s);
            text.append(String.format(Locale.ROOT, "%-12s %6.2f   %6.2f%n", stage.label(), stats.p50Millis(),
                    stats.p95Millis()));
        }
        json.add("stageMillis", stages);
        Files.writeString(outDir.resolve("dream-summary.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("dream-summary.txt"), text.toString(), StandardCharsets.UTF_8);
        System.out.print(text);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
