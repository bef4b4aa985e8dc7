package io.neuroframe.capture;

import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/**
 * Reads back finished frames on request. Add it to the last view port that renders (the GUI view port), call
 * {@link #request} during a frame's update, and that frame's pixels arrive at the listener right after it is
 * drawn, as BGRA bytes, bottom row first, in the buffer the grabber owns (valid only during the call).
 */
public final class FrameGrabber implements SceneProcessor {

    /** Receives a grabbed frame on the render thread. */
    @FunctionalInterface
    public interface Listener {
        void frameGrabbed(ByteBuffer bgraBottomUp, int width, int height);
    }

    private RenderManager renderManager;
    private ByteBuffer buffer;
    private int width;
    private int height;
    private Listener pending;

    /** Grabs the frame being prepared now and hands it to {@code listener}. */
    public void request(Listener listener) {
        pending = listener;
    }

    /** Whether a grab is waiting for the end of the frame. */
    public boolean isPending() {
        return pending != null;
    }

    @Override
    public void initialize(RenderManager rm, ViewPort vp) {
        renderManager = rm;
        reshape(vp, vp.getCamera().getWidth(), vp.getCamera().getHeight());
    }

    @Override
    public void reshape(ViewPort vp, int w, int h) {
        width = w;
        height = h;
        buffer = BufferUtils.createByteBuffer(w * h * 4);
    }

    @Override
    public boolean isInitialized() {
        return renderManager != null;
    }

    @Override
    public void preFrame(float tpf) {
        // nothing to prepare
    }

    @Override
    public void postQueue(RenderQueue rq) {
        // nothing to sort
    }

    @Override
    public void postFrame(FrameBuffer out) {
        Listener listener = pending;
        if (listener == null) {
            return;
        }
        pending = null;
        buffer.clear();
        renderManager.getRenderer().readFrameBufferWithFormat(out, buffer, Image.Format.BGRA8);
        buffer.rewind();
        listener.frameGrabbed(buffer, width, height);
    }

    @Override
    public void cleanup() {
        renderManager = null;
    }

    @Override
    public void setProfiler(AppProfiler profiler) {
        // not profiled
    }

    /** Converts grabbed BGRA bytes (bottom row first) into {@code image} (TYPE_INT_RGB, same size). */
    public static void toImage(ByteBuffer bgraBottomUp, int width, int height, BufferedImage image, int[] rowScratch) {
        for (int y = 0; y < height; y++) {
            int base = (height - 1 - y) * width * 4;
            for (int x = 0; x < width; x++) {
                int i = base + x * 4;
                int b = bgraBottomUp.get(i) & 0xFF;
                int g = bgraBottomUp.get(i + 1) & 0xFF;
                int r = bgraBottomUp.get(i + 2) & 0xFF;
                rowScratch[x] = (r << 16) | (g << 8) | b;
            }
            image.setRGB(0, y, width, 1, rowScratch, 0, width);
        }
    }
}
