package io.neuroframe.jme;

import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.Caps;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.Renderer;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.opengl.GLRenderer;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.TimeSource;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.RenderHandoff;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.logging.Logger;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11;
import org.lwjgl.opengl.GL15;
import org.lwjgl.opengl.GL21;
import org.lwjgl.opengl.GL30;
import org.lwjgl.opengl.GL32;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.MemoryUtil;

/**
 * Reads the engine's own render back after the main view port is drawn and hands it, resampled
 * to the codec's 640 x 360, to an encoder loopback source.
 *
 * <p>The read-back does not wait for the GPU: each captured frame is copied into one of a ring of
 * {@value #RING} pixel buffer objects ({@code glReadPixels} into a bound {@code GL_PIXEL_PACK_BUFFER},
 * then a fence), and at the end of every frame ({@link #frameEnded()}) the newest copy whose fence
 * has signalled is mapped, resampled and published; older finished copies are dropped (newest
 * wins), and a frame that finds every buffer still in flight is not captured. A copy that is done
 * within its own frame is handed over in that frame; on a GPU that runs behind, a frame or two
 * later. The input sample time and the read-back times of a frame travel with its buffer, so they
 * reach the pipeline with the image they belong to. (A software rasteriser such as Mesa's llvmpipe
 * finishes drawing the frame inside {@code glReadPixels} either way: there the read-back stage
 * holds the frame's rasterisation, which the render thread would otherwise wait for at the buffer
 * swap.) Where pixel buffers and fences are unavailable (not jME's OpenGL renderer on
 * LWJGL 3, or below OpenGL 3.2), or {@code -Dneuroframe.readback=sync} asks for it, the frame is
 * read synchronously instead, which waits for the GPU on every capture; the capture logs which
 * path it takes.
 *
 * <p>Buffers are sized once per viewport size and deleted in {@link #cleanup()}; the resample
 * goes into the handoff's preallocated planar image, so steady state allocates nothing. Captures
 * every {@code interval}-th frame to bound the read-back cost.
 */
final class EngineFrameCapture implements SceneProcessor {
    /** Names the read-back path: {@code sync} forces the synchronous one; anything else lets the capture choose. */
    static final String READBACK_PROPERTY = "neuroframe.readback";
    /** Pixel buffers in flight: a copy is mapped a frame or two after it was issued. */
    static final int RING = 3;

    private static final Logger LOG = Logger.getLogger(EngineFrameCapture.class.getName());

    private final RenderHandoff handoff;
    private final int interval;
    private final TimeSource time;
    private final boolean synchronousWanted;
    private final int[] buffers = new int[RING];
    private final long[] fences = new long[RING];
    private final long[] inputNanos = new long[RING];
    private final long[] readbackStartNanos = new long[RING];
    private final long[] readbackEndNanos = new long[RING];
    /** Oldest buffer in flight and how many are; buffers are issued in ring order. */
    private int oldest;
    private int inFlight;
    private RenderManager renderManager;
    private boolean pixelBuffers;
    private ByteBuffer readBack;
    private int width;
    private int height;
    private long frames;
    private long frameStartNanos = LatentFrame.NO_INPUT;
    private boolean initialized;

    /**
     * @param handoff where the resampled frames go
     * @param interval capture every {@code interval}-th frame
     * @param time the pipeline's time source, for the input sample and read-back times
     * @param synchronousWanted read back synchronously even where pixel buffers are available
     */
    EngineFrameCapture(RenderHandoff handoff, int interval, TimeSource time, boolean synchronousWanted) {
        this.handoff = handoff;
        this.interval = interval;
        this.time = time;
        this.synchronousWanted = synchronousWanted;
    }

    /** Whether {@code -Dneuroframe.readback=sync} asks for the synchronous read-back. */
    static boolean synchronousRequested() {
        return "sync".equals(System.getProperty(READBACK_PROPERTY));
    }

    /**
     * Marks the start of the engine's frame, when its player input was sampled: the input sample
     * time of the image this frame renders. Call once per frame on the render thread, before the
     * main view port is drawn; until the first call images carry no input time.
     */
    void frameStarted(long inputSampleNanos) {
        frameStartNanos = inputSampleNanos;
    }

    /** Whether frames are read back through pixel buffers (after {@link #initialize}). */
    boolean usesPixelBuffers() {
        return pixelBuffers;
    }

    @Override
    public void initialize(RenderManager rm, ViewPort vp) {
        this.renderManager = rm;
        String unsupported = synchronousWanted ? null : pixelBuffersUnsupported(rm.getRenderer());
        pixelBuffers = !synchronousWanted && unsupported == null;
        if (synchronousWanted) {
            LOG.info("NeuroFrame: -D" + READBACK_PROPERTY + "=sync: the engine frame is read back synchronously, "
                    + "which waits for the GPU on the render thread at every capture");
        } else if (!pixelBuffers) {
            LOG.warning("NeuroFrame: no asynchronous read-back here (" + unsupported + "): the engine frame is read "
                    + "back synchronously, which waits for the GPU on the render thread at every capture");
        } else {
            LOG.fine("NeuroFrame: the engine frame is read back through " + RING + " pixel buffers");
        }
        reshape(vp, vp.getCamera().getWidth(), vp.getCamera().getHeight());
        initialized = true;
    }

    /** Why pixel-buffer read-back cannot run on {@code renderer}, or {@code null} when it can. */
    private static String pixelBuffersUnsupported(Renderer renderer) {
        if (!(renderer instanceof GLRenderer) || !renderer.getCaps().contains(Caps.OpenGL32)) {
            return "needs jME's OpenGL renderer at OpenGL 3.2 for pixel buffers and fences";
        }
        try {
            GLCapabilities gl = GL.getCapabilities();
            return gl.OpenGL32 ? null : "the LWJGL context lacks OpenGL 3.2";
        } catch (IllegalStateException | LinkageError e) {
            return "needs jME's LWJGL 3 back end: " + e;
        }
    }

    @Override
    public void reshape(ViewPort vp, int w, int h) {
        if (w == width && h == height && (pixelBuffers ? buffers[0] != 0 : readBack != null)) {
            return;
        }
        width = w;
        height = h;
        if (pixelBuffers) {
            deleteBuffers();
            for (int i = 0; i < RING; i++) {
                buffers[i] = GL15.glGenBuffers();
                GL15.glBindBuffer(GL21.GL_PIXEL_PACK_BUFFER, buffers[i]);
                GL15.glBufferData(GL21.GL_PIXEL_PACK_BUFFER, (long) w * h * 4, GL15.GL_STREAM_READ);
            }
            GL15.glBindBuffer(GL21.GL_PIXEL_PACK_BUFFER, 0);
        } else {
            readBack = BufferUtils.createByteBuffer(w * h * 4);
        }
    }

    @Override
    public boolean isInitialized() {
        return initialized;
    }

    @Override
    public void preFrame(float tpf) {
    }

    @Override
    public void postQueue(RenderQueue rq) {
    }

    @Override
    public void postFrame(FrameBuffer out) {
        if (frames++ % interval != 0) {
            return;
        }
        if (pixelBuffers) {
            issue(out, frameStartNanos);
        } else {
            readSynchronously(out, frameStartNanos);
        }
    }

    /** Starts copying the frame into the next free pixel buffer; skips the frame if none is free. */
    private void issue(FrameBuffer out, long input) {
        if (inFlight == RING) {
            return;
        }
        int slot = (oldest + inFlight) % RING;
        long start = time.nanoTime();
        renderManager.getRenderer().setFrameBuffer(out);
        GL15.glBindBuffer(GL21.GL_PIXEL_PACK_BUFFER, buffers[slot]);
        GL11.glReadPixels(0, 0, width, height, GL11.GL_RGBA, GL11.GL_UNSIGNED_BYTE, 0L);
        GL15.glBindBuffer(GL21.GL_PIXEL_PACK_BUFFER, 0);
        fences[slot] = GL32.glFenceSync(GL32.GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
        GL11.glFlush();
        inputNanos[slot] = input;
        readbackStartNanos[slot] = start;
        readbackEndNanos[slot] = time.nanoTime();
        inFlight++;
    }

    /**
     * Publishes the newest read-back whose copy has finished, and frees its pixel buffer and every
     * older one; asks the driver without waiting. Call once per frame on the render thread after
     * every view port is drawn.
     */
    void frameEnded() {
        if (!pixelBuffers) {
            return;
        }
        int newest = -1;
        while (inFlight > 0 && signalled(fences[oldest])) {
            GL32.glDeleteSync(fences[oldest]);
            fences[oldest] = 0;
            newest = oldest;
            oldest = (oldest + 1) % RING;
            inFlight--;
        }
        if (newest < 0) {
            return;
        }
        long start = time.nanoTime();
        GL15.glBindBuffer(GL21.GL_PIXEL_PACK_BUFFER, buffers[newest]);
        long pixels = GL30.nglMapBufferRange(GL21.GL_PIXEL_PACK_BUFFER, 0, (long) width * height * 4,
                GL30.GL_MAP_READ_BIT);
        if (pixels != MemoryUtil.NULL) {
            resampleInto(handoff.image(), pixels);
            GL15.glUnmapBuffer(GL21.GL_PIXEL_PACK_BUFFER);
        }
        GL15.glBindBuffer(GL21.GL_PIXEL_PACK_BUFFER, 0);
        if (pixels == MemoryUtil.NULL) {
            fallBackToSynchronous("mapping a pixel buffer failed (GL error " + GL11.glGetError() + ")");
            return;
        }
        handoff.publish(inputNanos[newest], readbackStartNanos[newest], readbackEndNanos[newest], start,
                time.nanoTime());
    }

    private static boolean signalled(long fence) {
        int status = GL32.glClientWaitSync(fence, 0, 0);
        return status == GL32.GL_ALREADY_SIGNALED || status == GL32.GL_CONDITION_SATISFIED;
    }

    private void fallBackToSynchronous(String why) {
        LOG.warning("NeuroFrame: " + why + ": the engine frame is read back synchronously from now on, which waits "
                + "for the GPU on the render thread at every capture");
        deleteBuffers();
        pixelBuffers = false;
        readBack = BufferUtils.createByteBuffer(width * height * 4);
    }

    private void readSynchronously(FrameBuffer out, long input) {
        long start = time.nanoTime();
        readBack.clear();
        renderManager.getRenderer().readFrameBufferWithFormat(out, readBack, Image.Format.RGBA8);
        long read = time.nanoTime();
        resampleInto(handoff.image(), MemoryUtil.memAddress(readBack));
        handoff.publish(input, start, read, read, time.nanoTime());
    }

    /**
     * Point-samples the bottom-up RGBA8 frame at {@code pixels} ({@code width x height}) into a
     * top-down planar 640x360 image in [0, 1].
     */
    private void resampleInto(FloatBuffer planar, long pixels) {
        final int outW = LatentContract.IMAGE_WIDTH;
        final int outH = LatentContract.IMAGE_HEIGHT;
        final int plane = outW * outH;
        final float scale = 1f / 255f;
        for (int y = 0; y < outH; y++) {
            int srcY = height - 1 - (int) ((y + 0.5f) * height / outH);
            long srcRow = (long) srcY * width;
            int dst = y * outW;
            for (int x = 0; x < outW; x++) {
                long src = pixels + (srcRow + (int) ((x + 0.5f) * width / outW)) * 4;
                planar.put(dst + x, (MemoryUtil.memGetByte(src) & 0xFF) * scale);
                planar.put(plane + dst + x, (MemoryUtil.memGetByte(src + 1) & 0xFF) * scale);
                planar.put(2 * plane + dst + x, (MemoryUtil.memGetByte(src + 2) & 0xFF) * scale);
            }
        }
    }

    private void deleteBuffers() {
        for (int i = 0; i < RING; i++) {
            if (fences[i] != 0) {
                GL32.glDeleteSync(fences[i]);
                fences[i] = 0;
            }
            if (buffers[i] != 0) {
                GL15.glDeleteBuffers(buffers[i]);
                buffers[i] = 0;
            }
        }
        oldest = 0;
        inFlight = 0;
    }

    @Override
    public void cleanup() {
        initialized = false;
        if (pixelBuffers) {
            deleteBuffers();
        }
        readBack = null;
    }

    @Override
    public void setProfiler(AppProfiler profiler) {
    }
}
