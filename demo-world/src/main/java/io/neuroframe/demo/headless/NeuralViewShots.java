package io.neuroframe.demo.headless;

import com.jme3.app.Application;
import com.jme3.renderer.ViewPort;
import io.neuroframe.capture.FrameGrabber;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.jme.NeuralView;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * After the headless walk, writes each neural view of the same standing-still moment: {@code view-engine.png},
 * {@code view-neural.png} and {@code view-side-by-side-overlay.png} (profiler overlay shown), then the overlay's
 * Chrome trace ({@code neuroframe-trace.json}, with {@code neuroframe-stages.csv}) and its text
 * ({@code neuroframe-overlay.txt}).
 */
public final class NeuralViewShots implements WalkEpilogue {
    /** File names of the screenshots, in the order they are taken. */
    public static final String ENGINE_FILE = "view-engine.png";
    public static final String NEURAL_FILE = "view-neural.png";
    public static final String SIDE_BY_SIDE_FILE = "view-side-by-side-overlay.png";
    private static final Logger LOG = Logger.getLogger(NeuralViewShots.class.getName());
    /** Decoded frames to wait for once the player stands still, so the neural frame shows the same moment. */
    private static final int FRESH_FRAMES = 2;
    private static final long MAX_WAIT_NANOS = 60_000_000_000L;
    /** Long enough for the overlay to refresh its text (every quarter second). */
    private static final long SETTLE_NANOS = 600_000_000L;

    private record Shot(NeuralView view, boolean overlay, String file) {
    }

    private final NeuralViewState neural;
    private final List<Shot> shots = List.of(new Shot(NeuralView.ENGINE, false, ENGINE_FILE),
            new Shot(NeuralView.NEURAL, false, NEURAL_FILE), new Shot(NeuralView.SIDE_BY_SIDE, true, SIDE_BY_SIDE_FILE));
    private long waitStart = -1;
    private long firstFrameId = -1;
    private boolean fresh;
    private int shotIndex;
    private long shotStart = -1;
    private FrameGrabber grabber;
    private ViewPort grabbedView;
    private BufferedImage grabbed;

    public NeuralViewShots(NeuralViewState neural) {
        this.neural = neural;
    }

    @Override
    public boolean update(Application app, Path outDir) {
        long now = System.nanoTime();
        if (!fresh) {
            fresh = awaitFreshFrames(now);
            return false;
        }
        if (shotIndex < shots.size()) {
            takeShot(app, outDir, shots.get(shotIndex), now);
            return false;
        }
        neural.overlay().exportTrace(outDir);
        try {
            Files.writeString(outDir.resolve("neuroframe-overlay.txt"), neural.overlay().lastText() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the overlay text into " + outDir, e);
        }
        return true;
    }

    private boolean awaitFreshFrames(long now) {
        FramePipeline pipeline = neural.neuroFrame().pipeline();
        DecodedFrame latest = pipeline == null ? null : pipeline.latestFrame();
        long id = latest == null ? -1 : latest.frameId();
        if (waitStart < 0) {
            waitStart = now;
            firstFrameId = id;
        }
        if (id - Math.max(firstFrameId, 0) >= FRESH_FRAMES) {
            return true;
        }
        if (now - waitStart > MAX_WAIT_NANOS) {
            LOG.warning("no fresh neural frame within " + MAX_WAIT_NANOS / 1_000_000_000L
                    + " s; the neural screenshots may show an older moment or none");
            return true;
        }
        return false;
    }

    private void takeShot(Application app, Path outDir, Shot shot, long now) {
        if (shotStart < 0) {
            neural.setView(shot.view());
            neural.overlay().setEnabled(shot.overlay());
            shotStart = now;
            return;
        }
        if (grabbed != null) {
            grabbedView.removeProcessor(grabber);
            write(grabbed, outDir.resolve(shot.file()));
            grabbed = null;
            grabber = null;
            shotStart = -1;
            shotIndex++;
            return;
        }
        if (grabber == null && now - shotStart >= SETTLE_NANOS) {
            // the last post view is drawn last: the GUI, over the upscaled neural frame
            List<ViewPort> postViews = app.getRenderManager().getPostViews();
            grabbedView = postViews.get(postViews.size() - 1);
            grabber = new FrameGrabber();
            grabbedView.addProcessor(grabber);
            grabber.request((bgra, w, h) -> {
                BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                FrameGrabber.toImage(bgra, w, h, image, new int[w]);
                grabbed = image;
            });
        }
    }

    private static void write(BufferedImage image, Path file) {
        try {
            ImageIo.writePngAtomically(image, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
