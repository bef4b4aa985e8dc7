package io.neuroframe.api.source;

/**
 * How an engine image was read back: the read-back from the GPU and the resampling into the
 * encoder's input, on the pipeline's time source, or none. Its holders keep one each and reuse it,
 * so handing the times on allocates nothing.
 */
public final class ReadbackTimes {
    private long readbackStartNanos = LatentFrame.NO_INPUT;
    private long readbackEndNanos = LatentFrame.NO_INPUT;
    private long resampleStartNanos = LatentFrame.NO_INPUT;
    private long resampleEndNanos = LatentFrame.NO_INPUT;

    ReadbackTimes() {
    }

    /**
     * Sets the four times; all {@link LatentFrame#NO_INPUT} for none.
     *
     * @throws IllegalArgumentException if an interval ends before it starts (nothing is set then)
     */
    void set(long readbackStart, long readbackEnd, long resampleStart, long resampleEnd) {
        if (readbackEnd < readbackStart || resampleEnd < resampleStart) {
            throw new IllegalArgumentException("read-back " + readbackStart + ".." + readbackEnd
                    + " or resample " + resampleStart + ".." + resampleEnd + " ends before it starts");
        }
        readbackStartNanos = readbackStart;
        readbackEndNanos = readbackEnd;
        resampleStartNanos = resampleStart;
        resampleEndNanos = resampleEnd;
    }

    /** Takes the times of {@code other}. */
    void copyFrom(ReadbackTimes other) {
        readbackStartNanos = other.readbackStartNanos;
        readbackEndNanos = other.readbackEndNanos;
        resampleStartNanos = other.resampleStartNanos;
        resampleEndNanos = other.resampleEndNanos;
    }

    /** Forgets the times. */
    void clear() {
        readbackStartNanos = LatentFrame.NO_INPUT;
        readbackEndNanos = LatentFrame.NO_INPUT;
        resampleStartNanos = LatentFrame.NO_INPUT;
        resampleEndNanos = LatentFrame.NO_INPUT;
    }

    /** Whether the times were reported. */
    public boolean isPresent() {
        return readbackStartNanos != LatentFrame.NO_INPUT;
    }

    /** Start of the read-back, or {@link LatentFrame#NO_INPUT}. */
    public long readbackStartNanos() {
        return readbackStartNanos;
    }

    /** End of the read-back, or {@link LatentFrame#NO_INPUT}. */
    public long readbackEndNanos() {
        return readbackEndNanos;
    }

    /** Start of resampling the read-back pixels, or {@link LatentFrame#NO_INPUT}. */
    public long resampleStartNanos() {
        return resampleStartNanos;
    }

    /** End of resampling, or {@link LatentFrame#NO_INPUT}. */
    public long resampleEndNanos() {
        return resampleEndNanos;
    }
}
