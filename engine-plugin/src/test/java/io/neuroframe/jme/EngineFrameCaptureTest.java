package io.neuroframe.jme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.app.state.AbstractAppState;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.shape.Box;
import com.jme3.texture.FrameBuffer;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.TimeSource;
import io.neuroframe.api.source.ReadbackTimes;
import io.neuroframe.api.source.RenderHandoff;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine frame capture in a real jME application: pixel-buffer read-back against the synchronous one. */
@Tag("gl")
@ExtendWith(SharedJme.class)
class EngineFrameCaptureTest {
    private static final long INPUT_BASE = 1_000_000L;
    /** A stamp no frame has: set just before the capture publishes, it must never reach an image. */
    private static final long NOT_A_FRAME = 255L;
    private static HeadlessJme jme;

    @BeforeAll
    static void useEngine(HeadlessJme shared) {
        jme = shared;
    }

    @Test
    void pixelBuffersDeliverTheSamePixelsAsTheSynchronousReadOfAKnownScene() throws Exception {
        Node scene = new Node("known scene");
        jme.run(() -> {
            ColorRGBA[] colours = {ColorRGBA.Red, ColorRGBA.Green, ColorRGBA.Blue, ColorRGBA.Yellow, ColorRGBA.Magenta};
            for (int i = 0; i < colours.length; i++) {
                Geometry box = new Geometry("box " + i, new Box(0.6f, 0.4f + 0.2f * i, 0.5f));
                Material m = new Material(jme.app().getAssetManager(), "Common/MatDefs/Misc/Unshaded.j3md");
                m.setColor("Color", colours[i]);
                box.setMaterial(m);
                box.setLocalTranslation(-3f + 1.5f * i, 0.3f * i - 0.5f, -2f * i);
                scene.attachChild(box);
            }
            jme.app().getRootNode().attachChild(scene);
            jme.app().getViewPort().setBackgroundColor(new ColorRGBA(0.2f, 0.3f, 0.4f, 1f));
            jme.app().getCamera().setLocation(new Vector3f(0, 0, 10));
            jme.app().getCamera().lookAt(Vector3f.ZERO, Vector3f.UNIT_Y);
        });
        Capture pixelBuffers = new Capture(false, false);
        Capture synchronous = new Capture(true, false);
        try {
            pixelBuffers.attach();
            synchronous.attach();
            jme.awaitFrames(10);
            assertTrue(jme.call(pixelBuffers.capture::usesPixelBuffers), "OpenGL 3.3 core reads back through pixel "
                    + "buffers");
            assertFalse(jme.call(synchronous.capture::usesPixelBuffers));
            FloatBuffer asynchronous = pixelBuffers.awaitImage().image();
            FloatBuffer blocking = synchronous.awaitImage().image();
            assertEquals(-1, asynchronous.mismatch(blocking), "first differing float");
            Set<Float> values = new HashSet<>();
            for (int i = 0; i < LatentContract.IMAGE_FLOATS; i += 97) {
                values.add(blocking.get(i));
            }
            assertTrue(values.size() >= 4, "the image holds the background and the boxes: " + values);
        } finally {
            pixelBuffers.detach();
            synchronous.detach();
            jme.run(scene::removeFromParent);
        }
    }

    @Test
    void eachImageCarriesTheInputSampleTimeOfTheFrameItWasRenderedIn() throws Exception {
        for (boolean synchronousRead : new boolean[] {false, true}) {
            Capture capture = new Capture(synchronousRead, true);
            try {
                capture.attach();
                Set<Long> frames = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (frames.size() < 20) {
                    assertTrue(System.nanoTime() < deadline, "20 frames read back within 60 s, got " + frames.size());
                    RenderHandoff.RenderedImage image = capture.awaitImage();
                    // The frame's number is its background's red byte; the stamp was taken in its update.
                    long frame = Math.round(image.image().get(0) * 255f);
                    assertEquals(frame, image.inputSampleNanos() % 256, (synchronousRead ? "synchronous" : "pixel "
                            + "buffers") + ": the image of frame " + frame + " came with the input time of another");
                    assertTrue(frame != NOT_A_FRAME, "frames are numbered 0 to 254");
                    ReadbackTimes times = image.readback();
                    assertTrue(times.isPresent() && times.readbackStartNanos() <= times.readbackEndNanos()
                            && times.readbackEndNanos() <= times.resampleStartNanos()
                            && times.resampleStartNanos() <= times.resampleEndNanos(), "read-back times in order");
                    frames.add(image.inputSampleNanos());
                }
            } finally {
                capture.detach();
            }
        }
    }

    @Test
    void steadyStatePixelBufferReadbackAllocatesNothing() throws Exception {
        Capture capture = new Capture(false, true);
        try {
            capture.attach();
            jme.awaitFrames(30);
            capture.handoff.takeNew();
            capture.meter.reset();
            // the frame counter moves before the capture's end of the same frame: one frame more makes sure the
            // capture saw the 100th
            jme.awaitFrames(101);
            long frames = capture.meter.frames();
            assertTrue(frames >= 100, frames + " frames");
            assertTrue(capture.handoff.takeNew() != null, "frames were read back and published meanwhile");
            // Allow one rare event (a lazily made JDK object); per-frame allocation would show in every frame.
            assertTrue(capture.meter.allocatingFrames() <= 1, capture.meter.allocatingFrames() + " of " + frames
                    + " captured frames allocated (" + capture.meter.bytes() + " bytes in all)");
        } finally {
            capture.detach();
        }
    }

    /**
     * One capture on the main view port, metered, with a state that starts and ends each frame: it numbers the
     * frame, gives the number to the capture as the input sample time (modulo 256) and, if asked to, paints it
     * into the background's red byte; at the end of the frame it has the capture publish. Just before, it gives
     * the capture a stamp no frame has, as the next frame's would be by the time a GPU that runs behind
     * finishes a copy: an image must carry the stamp of the frame it was rendered in, never the current one.
     */
    private static final class Capture {
        final RenderHandoff handoff = new RenderHandoff();
        final EngineFrameCapture capture;
        final MeteredProcessor meter;
        final FrameStarter starter;

        Capture(boolean synchronousRead, boolean paintsFrameNumbers) {
            capture = new EngineFrameCapture(handoff, 1, TimeSource.SYSTEM, synchronousRead);
            meter = new MeteredProcessor(capture);
            starter = new FrameStarter(paintsFrameNumbers);
        }

        void attach() throws Exception {
            jme.run(() -> {
                jme.app().getStateManager().attach(starter);
                jme.app().getViewPort().addProcessor(meter);
            });
        }

        void detach() throws Exception {
            jme.run(() -> {
                jme.app().getViewPort().removeProcessor(meter);
                jme.app().getStateManager().detach(starter);
            });
        }

        /** The next image the capture publishes. */
        RenderHandoff.RenderedImage awaitImage() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            RenderHandoff.RenderedImage image;
            while ((image = handoff.takeNew()) == null) {
                assertTrue(System.nanoTime() < deadline, "no image read back within 60 s");
                Thread.sleep(2);
            }
            return image;
        }

        private final class FrameStarter extends AbstractAppState {
            private final boolean paints;
            private final ColorRGBA background = new ColorRGBA();
            private long frame;

            FrameStarter(boolean paints) {
                this.paints = paints;
            }

            @Override
            public void update(float tpf) {
                frame = (frame + 1) % NOT_A_FRAME;
                if (paints) {
                    jme.app().getViewPort().setBackgroundColor(background.set(frame / 255f, 0.5f, 0.25f, 1f));
                }
                capture.frameStarted(INPUT_BASE * 256 + frame);
            }

            @Override
            public void postRender() {
                capture.frameStarted(INPUT_BASE * 256 + NOT_A_FRAME);
                meter.frameEnded();
            }
        }
    }

    /**
     * Passes every call on to the capture and counts what it allocates per frame: in {@code postFrame} (the
     * read-back) and in {@code frameEnded} (mapping, resampling and publishing).
     */
    private static final class MeteredProcessor implements SceneProcessor {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        private final EngineFrameCapture inner;
        private long frameBytes;
        private volatile boolean metering;
        private long frames;
        private long allocatingFrames;
        private long bytes;

        MeteredProcessor(EngineFrameCapture inner) {
            this.inner = inner;
        }

        synchronized void reset() {
            frames = 0;
            allocatingFrames = 0;
            bytes = 0;
            metering = true;
        }

        synchronized long frames() {
            return frames;
        }

        synchronized long allocatingFrames() {
            return allocatingFrames;
        }

        synchronized long bytes() {
            return bytes;
        }

        @Override
        public void postFrame(FrameBuffer out) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            inner.postFrame(out);
            frameBytes += THREADS.getCurrentThreadAllocatedBytes() - before;
        }

        void frameEnded() {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            inner.frameEnded();
            long allocated = frameBytes + THREADS.getCurrentThreadAllocatedBytes() - before;
            frameBytes = 0;
            if (metering) {
                synchronized (this) {
                    frames++;
                    bytes += allocated;
                    if (allocated > 0) {
                        allocatingFrames++;
                    }
                }
            }
        }

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            inner.initialize(rm, vp);
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
            inner.reshape(vp, w, h);
        }

        @Override
        public boolean isInitialized() {
            return inner.isInitialized();
        }

        @Override
        public void preFrame(float tpf) {
            inner.preFrame(tpf);
        }

        @Override
        public void postQueue(RenderQueue rq) {
            inner.postQueue(rq);
        }

        @Override
        public void cleanup() {
            inner.cleanup();
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
            inner.setProfiler(profiler);
        }
    }
}
