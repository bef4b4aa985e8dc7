package io.neuroframe.demo.headless;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.jme3.app.Application;
import com.jme3.renderer.ViewPort;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.capture.FrameGrabber;
import io.neuroframe.jme.NeuralView;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * After the headless walk, with the player standing still, saves the neural view of the same moment with the
 * trained adapter ({@value #ON_FILE}) and without it ({@value #OFF_FILE}), the help line saying which: it switches
 * the adapter on, waits for a fresh decoded frame that has been through it, saves the screen, switches it off,
 * waits for a frame that has not, and saves the screen again. {@value #REPORT_FILE} says which neural frame
 * each shows and whether it had been through the adapter. The adapter stays off afterwards.
 */
public final class AdapterComparisonShots implements WalkEpilogue {
    public static final String ON_FILE = "adapter-on.png";
    public static final String OFF_FILE = "adapter-off.png";
    public static final String REPORT_FILE = "adapter-comparison.json";
    private static final Logger LOG = Logger.getLogger(AdapterComparisonShots.class.getName());
    /** Decoded frames to let pass once the player stands still: latents still in the pipeline show it walking. */
    private static final int FRESH_FRAMES = 5;
    private static final long MAX_WAIT_NANOS = 60_000_000_000L;

    private final NeuralViewState neural;
    private final List<AdapterShot> shots = new ArrayList<>();
    private final FrameGrabber grabber = new FrameGrabber();
    private ViewPort grabbedView;
    private long waitStart = -1;
    private long markFrameId;
    private long checkedFrameId = -1;
    private boolean ready;

    /** @param neural the neural view, with an adapter */
    public AdapterComparisonShots(NeuralViewState neural) {
        if (neural.adapter() == null) {
            throw new IllegalArgumentException("the neural view runs without an adapter: nothing to compare");
        }
        this.neural = neural;
    }

    @Override
    public boolean update(Application app, Path outDir) {
        long now = System.nanoTime();
        if (grabbedView == null) {
            List<ViewPort> postViews = app.getRenderManager().getPostViews();
            grabbedView = postViews.get(postViews.size() - 1);
            grabbedView.addProcessor(grabber);
            neural.setView(NeuralView.NEURAL);
            neural.setAdapterOn(true);
            startWaiting(now);
            return false;
        }
        if (grabber.isPending()) {
            return false;
        }
        if (shots.size() == 2) {
            grabbedView.removeProcessor(grabber);
            writeReport(outDir);
            return true;
        }
        if (shots.size() == 1 && neural.adapterOn()) {
            // after the frame with the adapter was grabbed, so that its help line still says "on"
            neural.setAdapterOn(false);
            startWaiting(now);
            return false;
        }
        boolean on = shots.isEmpty();
        long id = latestFrameId();
        if (id != checkedFrameId) {
            checkedFrameId = id;
            ready = id > 0 && id >= markFrameId + (on ? FRESH_FRAMES : 1)
                    && AdapterShot.adapted(neural.neuroFrame().pipeline(), id) == on;
        }
        if (!ready && now - waitStart <= MAX_WAIT_NANOS) {
            return false;
        }
        if (!ready) {
            LOG.warning("no fresh neural frame " + (on ? "with" : "without") + " the adapter within "
                    + MAX_WAIT_NANOS / 1_000_000_000L + " s; " + REPORT_FILE + " says what the screenshot shows");
        }
        String file = on ? ON_FILE : OFF_FILE;
        shots.add(AdapterShot.of(file, -1, neural));
        Path path = outDir.resolve(file);
        grabber.request((bgra, w, h) -> {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            FrameGrabber.toImage(bgra, w, h, image, new int[w]);
            try {
                ImageIo.writePngAtomically(image, path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        });
        return false;
    }

    /** The two screenshots taken so far (with the adapter, then without). */
    public List<AdapterShot> shots() {
        return List.copyOf(shots);
    }

    private void startWaiting(long now) {
        waitStart = now;
        markFrameId = latestFrameId();
        checkedFrameId = -1;
        ready = false;
    }

    /** The newest decoded frame's id, or 0 before the first. */
    private long latestFrameId() {
        FramePipeline pipeline = neural.neuroFrame().pipeline();
        DecodedFrame latest = pipeline == null ? null : pipeline.latestFrame();
        return latest == null ? 0 : latest.frameId();
    }

    private void writeReport(Path outDir) {
        JsonObject json = new JsonObject();
        json.addProperty("adapter", neural.adapter().name());
        JsonArray list = new JsonArray();
        shots.forEach(shot -> list.add(shot.toJson()));
        json.add("screenshots", list);
        try {
            Files.writeString(outDir.resolve(REPORT_FILE),
                    new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + REPORT_FILE + " into " + outDir, e);
        }
    }
}
