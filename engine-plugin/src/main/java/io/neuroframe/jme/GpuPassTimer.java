package io.neuroframe.jme;

import com.jme3.renderer.Caps;
import com.jme3.renderer.Renderer;

/**
 * Times one GPU pass per frame with GL timer queries, read a few frames late so that reading
 * never stalls the pipeline.
 *
 * <p>Each frame the pass is wrapped in {@link #begin()} / {@link #end()}; the newest result that
 * the driver has finished is returned by {@link #latestNanos()}. Drivers without timer queries
 * (OpenGL below 3.3) report {@link #isSupported()} {@code false} and every call is a no-op, so an
 * overlay shows "n/a" instead of a made-up figure. Allocates nothing after construction.
 */
public final class GpuPassTimer {
    /** Queries in flight; results are read this many frames after they were issued, at most. */
    private static final int RING = 4;

    private final Renderer renderer;
    private final boolean supported;
    private final int[] queries;
    private final boolean[] pending = new boolean[RING];
    private int next;
    private boolean open;
    private long latestNanos = -1;

    /** Creates the queries; on a renderer without timer queries the timer is inert. */
    public GpuPassTimer(Renderer renderer) {
        this.renderer = renderer;
        this.supported = renderer.getCaps().contains(Caps.OpenGL33);
        this.queries = supported ? renderer.generateProfilingTasks(RING) : new int[0];
    }

    /** Whether the driver has GL timer queries. */
    public boolean isSupported() {
        return supported;
    }

    /** Starts timing the pass. Call on the render thread, paired with {@link #end()}. */
    public void begin() {
        if (!supported || open) {
            return;
        }
        collectFinished();
        if (pending[next]) {
            // All queries still in flight: skip this frame rather than wait on the driver.
            return;
        }
        renderer.startProfiling(queries[next]);
        open = true;
    }

    /** Stops timing the pass started by {@link #begin()}. */
    public void end() {
        if (!open) {
            return;
        }
        renderer.stopProfiling();
        pending[next] = true;
        next = (next + 1) % RING;
        open = false;
    }

    /** GPU nanoseconds of the newest finished pass, or -1 when none has finished or timing is unsupported. */
    public long latestNanos() {
        return latestNanos;
    }

    private void collectFinished() {
        // From the oldest query (at next) to the newest, so the newest finished result wins.
        for (int i = 0; i < RING; i++) {
            int slot = (next + i) % RING;
            if (pending[slot] && renderer.isTaskResultAvailable(queries[slot])) {
                latestNanos = renderer.getProfilingTime(queries[slot]);
                pending[slot] = false;
            }
        }
    }
}
