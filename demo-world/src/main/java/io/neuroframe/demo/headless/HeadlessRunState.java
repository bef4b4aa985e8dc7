package io.neuroframe.demo.headless;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.jme3.app.Application;
import io.neuroframe.capture.GrabbingAppState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lwjgl.opengl.GL11;

/**
 * What a headless run records in its output folder: the time it took to load, the frame times of its walk,
 * screenshots of the screen (written on a thread of their own) and its summary ({@code summary.json},
 * {@code summary.txt}).
 */
abstract class HeadlessRunState extends GrabbingAppState {
    private final Path outDir;
    private final FrameTimeStats stats;
    private final ScreenshotWriter screenshots = new ScreenshotWriter();
    private String glRenderer = "unknown";
    private long startNanos;
    private double loadSeconds;
    private long lastFrameNanos;

    /**
     * @param frames walk frames after loading (at least 1)
     * @param outDir folder for screenshots and the summary (created if missing)
     */
    HeadlessRunState(int frames, Path outDir) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.outDir = outDir;
        this.stats = new FrameTimeStats(frames);
    }

    @Override
    protected void initialize(Application app) {
        super.initialize(app);
        glRenderer = GL11.glGetString(GL11.GL_RENDERER);
        startNanos = System.nanoTime();
    }

    @Override
    protected void cleanup(Application app) {
        super.cleanup(app);
        screenshots.close();
    }

    /** The output folder. */
    final Path outDir() {
        return outDir;
    }

    /** Nanoseconds from the start of loading to {@code now}. */
    final long loadingNanos(long now) {
        return now - startNanos;
    }

    /** Loading ended at {@code now}. */
    final void loaded(long now) {
        loadSeconds = (now - startNanos) / 1e9;
    }

    /** Walk frame {@code frame} began at {@code now}: records the time since the last one began. */
    final void walkFrame(int frame, long now) {
        if (frame > 0) {
            stats.add((now - lastFrameNanos) / 1e6);
        }
        lastFrameNanos = now;
    }

    /** Saves the screen drawn this frame to {@code file}. */
    final void shoot(Path file) {
        grabber().request((bgra, w, h) -> screenshots.write(bgra, w, h, file));
    }

    /** Walk frames recorded. */
    final int frameCount() {
        return stats.count();
    }

    /** Adds the loading time, the walk's frame rate and its frame times to {@code json}. */
    final void addFrameTimes(JsonObject json) {
        json.addProperty("loadSeconds", FrameTimeStats.round(loadSeconds));
        json.addProperty("fps", FrameTimeStats.round(stats.fps()));
        json.add("frameMillis", stats.toJson());
    }

    /** {@code "N frames after S s loading"}, a line break, then the frame rate and frame times and a line break. */
    final String frameTimesText() {
        return String.format(Locale.ROOT, "%d frames after %.1f s loading%n"
                        + "fps %.1f | frame ms: mean %.2f  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n",
                stats.count(), loadSeconds, stats.fps(), stats.mean(), stats.percentile(50), stats.percentile(95),
                stats.percentile(99), stats.max());
    }

    /** The GL renderer's name. */
    final String glRenderer() {
        return glRenderer;
    }

    /**
     * Waits for the screenshots, then writes {@code json}, with the GL renderer and the CPU cores added, to
     * {@code summary.json} and {@code text} to {@code summary.txt}.
     */
    final void writeSummary(JsonObject json, String text) {
        try {
            screenshots.finish();
            json.addProperty("glRenderer", glRenderer);
            json.addProperty("cpuCores", Runtime.getRuntime().availableProcessors());
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("summary.json"),
                    new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("summary.txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo summary to " + outDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
