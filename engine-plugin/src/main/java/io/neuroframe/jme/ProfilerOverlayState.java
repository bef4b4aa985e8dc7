package io.neuroframe.jme;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.font.BitmapFont;
import com.jme3.font.BitmapText;
import com.jme3.input.InputManager;
import com.jme3.input.KeyInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.shape.Quad;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.api.source.RemoteLatentSource;
import io.neuroframe.render.timing.LatencyBreakdown;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.timing.StageStats;
import io.neuroframe.render.timing.TraceExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The NeuroFrame profiler overlay: per-stage stacked frame times for the last frames with the
 * budget line, p50/p95/p99 per stage, motion-to-photon latency with its breakdown (the mean wait
 * before each stage, and the means of all waits and all stages, which add up to the mean latency),
 * late and dropped frames, the budget rung, and the GPU time of the upscale pass from GL timer
 * queries ("n/a" where the driver has none).
 *
 * <p>F3 toggles it (the key stays mapped while the state is attached, like jME's own profiler
 * states); F4 writes a Chrome trace ({@code neuroframe-trace.json}, opens in Perfetto) and a CSV
 * of the recorded window into the export folder, as {@link #exportTrace} does through the API.
 * Off by default. The chart is one mesh whose vertex buffers are rewritten in place and the text
 * is built in one reused {@link StringBuilder}, both refreshed a few times a second.
 */
public final class ProfilerOverlayState extends BaseAppState {
    private static final Logger LOG = Logger.getLogger(ProfilerOverlayState.class.getName());
    private static final String TOGGLE = "NeuroFrame.ToggleProfiler";
    private static final String EXPORT = "NeuroFrame.ExportTrace";
    /** Frames shown in the chart. */
    public static final int CHART_FRAMES = 300;
    private static final float REFRESH_SECONDS = 0.25f;
    private static final ColorRGBA[] STAGE_COLORS = {
        new ColorRGBA(0.6f, 0.6f, 0.6f, 0.9f),   // readback
        new ColorRGBA(0.85f, 0.85f, 0.85f, 0.9f), // resample
        new ColorRGBA(0.3f, 0.9f, 0.9f, 0.9f),   // world step
        new ColorRGBA(0.35f, 0.75f, 1f, 0.9f),  // source
        new ColorRGBA(0.7f, 0.45f, 1f, 0.9f),   // adapter
        new ColorRGBA(1f, 0.55f, 0.2f, 0.9f),   // decode
        new ColorRGBA(1f, 0.9f, 0.3f, 0.9f),    // pack
        new ColorRGBA(0.4f, 1f, 0.5f, 0.9f),    // upload
        new ColorRGBA(1f, 0.4f, 0.5f, 0.9f),    // upscale
    };

    private final NeuroFrameAppState neuroFrame;
    private final Path exportFolder;
    private final StringBuilder text = new StringBuilder(1024);
    private final StageStats stats = new StageStats();
    private final LatencyBreakdown breakdown = new LatencyBreakdown();
    private final long[][] recent = new long[Stage.count()][CHART_FRAMES];
    private final int[] recentCounts = new int[Stage.count()];
    private final ActionListener keys = this::onKey;

    private Node overlay;
    private StackedBarChart chart;
    private BitmapText label;
    private float sinceRefresh = REFRESH_SECONDS;

    /**
     * @param neuroFrame the state whose pipeline is profiled
     * @param exportFolder where F4 writes the trace and CSV
     */
    public ProfilerOverlayState(NeuroFrameAppState neuroFrame, Path exportFolder) {
        super("NeuroFrameProfiler");
        this.neuroFrame = java.util.Objects.requireNonNull(neuroFrame, "neuroFrame");
        this.exportFolder = java.util.Objects.requireNonNull(exportFolder, "exportFolder");
        setEnabled(false);
    }

    @Override
    protected void initialize(Application app) {
        overlay = new Node("NeuroFrame profiler");
        float width = Math.min(640, app.getCamera().getWidth() - 20);
        float chartHeight = 160;
        Geometry background = new Geometry("profiler background", new Quad(width + 20, chartHeight + 275));
        Material bg = new Material(app.getAssetManager(), "Common/MatDefs/Misc/Unshaded.j3md");
        bg.setColor("Color", new ColorRGBA(0, 0, 0, 0.6f));
        bg.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        background.setMaterial(bg);
        overlay.attachChild(background);

        chart = new StackedBarChart(app.getAssetManager(), CHART_FRAMES, Stage.count(), STAGE_COLORS, width,
                chartHeight);
        chart.geometry().setLocalTranslation(10, 10, 1);
        overlay.attachChild(chart.geometry());
        overlay.attachChild(chart.budgetLine());

        BitmapFont font = app.getAssetManager().loadFont("Interface/Fonts/Console.fnt");
        label = new BitmapText(font);
        label.setSize(font.getCharSet().getRenderedSize());
        label.setColor(ColorRGBA.White);
        label.setLocalTranslation(10, chartHeight + 265, 1);
        overlay.attachChild(label);
        overlay.setLocalTranslation(10, app.getCamera().getHeight() - chartHeight - 285, 0);

        InputManager input = app.getInputManager();
        input.addMapping(TOGGLE, new KeyTrigger(KeyInput.KEY_F3));
        input.addMapping(EXPORT, new KeyTrigger(KeyInput.KEY_F4));
        input.addListener(keys, TOGGLE, EXPORT);
    }

    @Override
    protected void cleanup(Application app) {
        InputManager input = app.getInputManager();
        input.removeListener(keys);
        input.deleteMapping(TOGGLE);
        input.deleteMapping(EXPORT);
    }

    @Override
    protected void onEnable() {
        guiNode().attachChild(overlay);
        sinceRefresh = REFRESH_SECONDS;
    }

    @Override
    protected void onDisable() {
        overlay.removeFromParent();
    }

    private Node guiNode() {
        return ((SimpleApplication) getApplication()).getGuiNode();
    }

    private void onKey(String name, boolean pressed, float tpf) {
        if (!pressed) {
            return;
        }
        if (TOGGLE.equals(name)) {
            setEnabled(!isEnabled());
        } else if (EXPORT.equals(name)) {
            try {
                Path trace = exportTrace(exportFolder);
                LOG.info(() -> "NeuroFrame: trace written to " + trace.toAbsolutePath());
            } catch (UncheckedIOException e) {
                LOG.warning("NeuroFrame: could not write the trace: " + e.getCause().getMessage());
            }
        }
    }

    @Override
    public void update(float tpf) {
        sinceRefresh += tpf;
        FramePipeline pipeline = neuroFrame.pipeline();
        if (sinceRefresh < REFRESH_SECONDS || pipeline == null) {
            return;
        }
        sinceRefresh = 0;
        StageClock clock = pipeline.clock();
        for (int s = 0; s < Stage.count(); s++) {
            recentCounts[s] = clock.recentDurations(Stage.of(s), recent[s]);
        }
        chart.update(recent, recentCounts, pipeline.budget().settings().budget().toNanos());
        label.setText(describe(pipeline, clock));
    }

    /** The overlay's text; built in one reused buffer. */
    private CharSequence describe(FramePipeline pipeline, StageClock clock) {
        text.setLength(0);
        text.append("NeuroFrame  view ").append(neuroFrame.view().label())
                .append("  upscaler ").append(neuroFrame.upscaler().name())
                .append("  rung ").append(pipeline.rung().label()).append('\n');
        clock.breakdown(breakdown);
        int frames = breakdown.frames();
        text.append("stage      p50 ms   p95 ms   p99 ms   wait ms\n");
        long waits = 0;
        long stages = 0;
        for (int s = 0; s < Stage.count(); s++) {
            Stage stage = Stage.of(s);
            appendRow(stage.label(), clock.stats(stage, stats));
            if (breakdown.framesThrough(stage) > 0) {
                text.append("    ");
                appendMillis(breakdown.waitNanos(stage) / frames);
            }
            text.append('\n');
            waits += breakdown.waitNanos(stage);
            stages += breakdown.stageNanos(stage);
        }
        appendRow("motion-to-photon", clock.motionToPhoton(stats));
        text.append('\n');
        if (frames > 0) {
            text.append("  mean ");
            appendMillis(breakdown.totalNanos() / frames);
            text.append(" = waits ");
            appendMillis(waits / frames);
            text.append(" + stages ");
            appendMillis(stages / frames);
            text.append(" ms over ").append(frames).append(" frames shown\n");
        }
        text.append("late ").append(clock.lateFrames()).append("  dropped ").append(clock.droppedFrames())
                .append("  skipped ").append(clock.skippedFrames())
                .append("  faults ").append(pipeline.faults().total()).append('\n');
        RemoteLatentSource remote = neuroFrame.remoteSource();
        if (remote != null) {
            text.append("remote ").append(remote.endpoint()).append("  ").append(remote.connectionState().name())
                    .append('\n');
            remote.appendStatus(text).append('\n');
        }
        text.append("gpu upscale ");
        long gpu = neuroFrame.upscaleGpuNanos();
        if (!neuroFrame.gpuTimingSupported() || gpu < 0) {
            text.append("n/a");
        } else {
            appendMillis(gpu);
            text.append(" ms");
        }
        text.append("   budget ");
        appendMillis(pipeline.budget().settings().budget().toNanos());
        text.append(" ms   F3 hide, F4 export trace");
        return text;
    }

    /** Appends a row's name and percentiles, without the line end. */
    private void appendRow(String name, StageStats s) {
        text.append(name);
        for (int i = name.length(); i < 10; i++) {
            text.append(' ');
        }
        if (s.count() == 0) {
            text.append("   -        -        -   ");
            return;
        }
        text.append(' ');
        appendMillis(s.p50Nanos());
        text.append("   ");
        appendMillis(s.p95Nanos());
        text.append("   ");
        appendMillis(s.p99Nanos());
    }

    /** Appends nanoseconds as milliseconds with two decimals, without formatting objects. */
    private void appendMillis(long nanos) {
        if (nanos < 0) {
            // A negative wait: two stages of a frame overlapped.
            text.append('-');
            nanos = -nanos;
        }
        long hundredths = (nanos + 5_000) / 10_000;
        long whole = hundredths / 100;
        long frac = hundredths % 100;
        if (whole < 10) {
            text.append(' ');
        }
        text.append(whole).append('.');
        if (frac < 10) {
            text.append('0');
        }
        text.append(frac);
    }

    /**
     * Writes the recorded window as a Chrome trace ({@code neuroframe-trace.json}) and a CSV
     * ({@code neuroframe-stages.csv}) into {@code folder}, creating it if needed.
     *
     * @return the trace file
     * @throws UncheckedIOException if a file cannot be written
     * @throws IllegalStateException if the NeuroFrame state has not started yet
     */
    public Path exportTrace(Path folder) {
        FramePipeline pipeline = neuroFrame.pipeline();
        if (pipeline == null) {
            throw new IllegalStateException("the NeuroFrame state is not initialized yet; nothing to export");
        }
        try {
            Files.createDirectories(folder);
            Path trace = folder.resolve("neuroframe-trace.json");
            TraceExport.writeChromeTrace(pipeline.clock(), trace);
            TraceExport.writeCsv(pipeline.clock(), folder.resolve("neuroframe-stages.csv"));
            return trace;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the trace into " + folder.toAbsolutePath(), e);
        }
    }

    /** The overlay text as last refreshed, for tests and logs. */
    public String lastText() {
        return text.toString();
    }
}
