package io.neuroframe.render.timing;

/**
 * Motion-to-photon latency split into its parts, summed over the frames of the clock's statistics
 * window that reached the screen with a known input time: for every {@link Stage} the time frames
 * spent in it and the time they waited before it (from the end of their previous stage, or from the
 * input sample for their first stage). The parts of each frame add up to its latency exactly, so
 * {@code sum of waitNanos + sum of stageNanos == totalNanos}; divide by {@link #frames()} for means.
 *
 * <p>Mutable and reusable, so that an overlay refreshing a few times a second allocates nothing;
 * fill it with {@link StageClock#breakdown}.
 */
public final class LatencyBreakdown {
    private final long[] waitNanos = new long[Stage.count()];
    private final long[] stageNanos = new long[Stage.count()];
    private final int[] framesThrough = new int[Stage.count()];
    private int frames;
    private long totalNanos;

    /** Frames summed (0 before the first frame reached the screen; then every figure is 0). */
    public int frames() {
        return frames;
    }

    /** Motion-to-photon latency summed over the frames, in nanoseconds. */
    public long totalNanos() {
        return totalNanos;
    }

    /**
     * Time the frames waited before {@code stage}, summed, in nanoseconds. Negative only where a stage
     * started before the previous one ended (the two overlapped).
     */
    public long waitNanos(Stage stage) {
        return waitNanos[stage.ordinal()];
    }

    /** Time the frames spent in {@code stage}, summed, in nanoseconds. */
    public long stageNanos(Stage stage) {
        return stageNanos[stage.ordinal()];
    }

    /** How many of the frames passed through {@code stage} (frames that skipped it add 0 to its sums). */
    public int framesThrough(Stage stage) {
        return framesThrough[stage.ordinal()];
    }

    void clear() {
        for (int s = 0; s < waitNanos.length; s++) {
            waitNanos[s] = 0;
            stageNanos[s] = 0;
            framesThrough[s] = 0;
        }
        frames = 0;
        totalNanos = 0;
    }

    void addPart(int stage, long wait, long duration) {
        waitNanos[stage] += wait;
        stageNanos[stage] += duration;
        framesThrough[stage]++;
    }

    void addFrame(long latency) {
        frames++;
        totalNanos += latency;
    }
}
