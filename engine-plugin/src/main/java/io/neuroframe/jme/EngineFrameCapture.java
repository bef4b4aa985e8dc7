package io.neuroframe.jme;

import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
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

/**
 * Reads the engine's own render back after the main view port is drawn and hands it, resampled
 * to the codec's 640 x 360, to an encoder loopback source.
 *
 * <p>The read-back buffer is sized once per viewport size; each capture is a box/nearest
 * resample into the handoff's preallocated planar image, so steady state allocates nothing.
 * Captures every {@code interval}-th frame to bound the read-back cost. The frame's input sample
 * time ({@link #frameStarted}) and the read-back and resample times are published with the image.
 */
final class EngineFrameCapture implements SceneProcessor {
    private final RenderHandoff handoff;
    private final int interval;
    private final TimeSource time;
    private RenderManager renderManager;
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
     */
    EngineFrameCapture(RenderHandoff handoff, int interval, TimeSource time) {
        this.handoff = handoff;
        this.interval = interval;
        this.time = time;
    }

    /**
     * Marks the start of the engine's frame, when its player input was sampled: the input sample
     * time of the image this frame renders. Call once per frame on the render thread, before the
     * main view port is drawn.
     */
    void frameStarted(long inputSampleNanos) {
        frameStartNanos = inputSampleNanos;
    }

    @Override
    public void initialize(RenderManager rm, ViewPort vp) {
        this.renderManager = rm;
        reshape(vp, vp.getCamera().getWidth(), vp.getCamera().getHeight());
        initialized = true;
    }

    @Override
    public void reshape(ViewPort vp, int w, int h) {
        if (w != width || h != height || readBack == null) {
            width = w;
            height = h;
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
        long start = time.nanoTime();
        long input = frameStartNanos == LatentFrame.NO_INPUT ? start : frameStartNanos;
        readBack.clear();
        renderManager.getRenderer().readFrameBufferWithFormat(out, readBack, Image.Format.RGBA8);
        long read = time.nanoTime();
        resampleInto(handoff.image());
        handoff.publish(input, start, read, read, time.nanoTime());
    }

    /** Point-samples the bottom-up RGBA read-back into a top-down planar 640x360 image in [0, 1]. */
    private void resampleInto(FloatBuffer planar) {
        final int outW = LatentContract.IMAGE_WIDTH;
        final int outH = LatentContract.IMAGE_HEIGHT;
        final int plane = outW * outH;
        final float scale = 1f / 255f;
        for (int y = 0; y < outH; y++) {
            int srcY = height - 1 - (int) ((y + 0.5f) * height / outH);
            int srcRow = srcY * width;
            int dst = y * outW;
            for (int x = 0; x < outW; x++) {
                int src = (srcRow + (int) ((x + 0.5f) * width / outW)) * 4;
                planar.put(dst + x, (readBack.get(src) & 0xFF) * scale);
                planar.put(plane + dst + x, (readBack.get(src + 1) & 0xFF) * scale);
                planar.put(2 * plane + dst + x, (readBack.get(src + 2) & 0xFF) * scale);
            }
        }
    }

    @Override
    public void cleanup() {
        initialized = false;
        readBack = null;
    }

    @Override
    public void setProfiler(AppProfiler profiler) {
    }
}
