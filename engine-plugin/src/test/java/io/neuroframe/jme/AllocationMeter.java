package io.neuroframe.jme;

import com.jme3.app.state.AppState;
import com.jme3.app.state.AbstractAppState;
import com.jme3.renderer.RenderManager;
import java.lang.management.ManagementFactory;

/**
 * Counts the bytes that the app states attached between {@link #before()} and {@link #after()}
 * allocate on the render thread in their {@code update} and {@code render} hooks (states run in
 * attach order).
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long mark;
    private long bytes;
    private long bytesThisFrame;
    private long frames;
    private long allocatingFrames;
    private boolean counting;

    /** Attach this before the measured states. */
    AppState before() {
        return new Hook(true);
    }

    /** Attach this after the measured states. */
    AppState after() {
        return new Hook(false);
    }

    /** Starts counting from the next frame. */
    synchronized void reset() {
        bytes = 0;
        bytesThisFrame = 0;
        frames = 0;
        allocatingFrames = 0;
        counting = true;
    }

    /** Bytes per frame since {@link #reset()}. */
    synchronized double bytesPerFrame() {
        return frames == 0 ? Double.NaN : (double) bytes / frames;
    }

    /** Frames since {@link #reset()} in which the measured states allocated anything at all. */
    synchronized long allocatingFrames() {
        return allocatingFrames;
    }

    /** Frames counted since {@link #reset()}. */
    synchronized long frames() {
        return frames;
    }

    private synchronized void open() {
        mark = THREADS.getCurrentThreadAllocatedBytes();
    }

    private synchronized void close(boolean endOfFrame) {
        if (counting) {
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - mark;
            bytes += allocated;
            bytesThisFrame += allocated;
            if (endOfFrame) {
                frames++;
                if (bytesThisFrame > 0) {
                    allocatingFrames++;
                }
                bytesThisFrame = 0;
            }
        }
    }

    private final class Hook extends AbstractAppState {
        private final boolean opens;

        Hook(boolean opens) {
            this.opens = opens;
        }

        @Override
        public void update(float tpf) {
            if (opens) {
                open();
            } else {
                close(false);
            }
        }

        @Override
        public void render(RenderManager rm) {
            if (opens) {
                open();
            } else {
                close(true);
            }
        }
    }
}
