package io.neuroframe.games;

import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Reads a finished frame back when asked: add it to the last view port that renders, call {@link #request} during
 * the frame's update, and the pixels arrive right after the frame is drawn as BGRA bytes, bottom row first, in a
 * buffer owned by this processor (valid only during the call).
 */
final class FrameReadback implements SceneProcessor {
    private RenderManager renderManager;
    private ByteBuffer buffer;
    private Consumer<ByteBuffer> pending;

    /** Reads back the frame being prepared now and hands it to {@code listener}. */
    void request(Consumer<ByteBuffer> listener) {
        pending = listener;
    }

    @Override
    public void initialize(RenderManager rm, ViewPort vp) {
        renderManager = rm;
        reshape(vp, vp.getCamera().getWidth(), vp.getCamera().getHeight());
    }

    @Override
    public void reshape(ViewPort vp, int w, int h) {
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
        Consumer<ByteBuffer> listener = pending;
        if (listener == null) {
            return;
        }
        pending = null;
        buffer.clear();
        renderManager.getRenderer().readFrameBufferWithFormat(out, buffer, Image.Format.BGRA8);
        buffer.rewind();
        listener.accept(buffer);
    }

    @Override
    public void cleanup() {
        renderManager = null;
    }

    @Override
    public void setProfiler(AppProfiler profiler) {
        // not profiled
    }
}
