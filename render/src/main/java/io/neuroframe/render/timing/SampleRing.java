package io.neuroframe.render.timing;

import java.util.List;

/**
 * A fixed-size ring of timed intervals (frame id, start, end), oldest overwritten first.
 * Thread-safe through its own monitor; recording allocates nothing.
 */
final class SampleRing {
    private final long[] frameIds;
    private final long[] starts;
    private final long[] ends;
    private int next;
    private int size;
    private long totalNanos;
    private long totalSamples;

    SampleRing(int capacity) {
        frameIds = new long[capacity];
        starts = new long[capacity];
        ends = new long[capacity];
    }

    synchronized void add(long frameId, long startNanos, long endNanos) {
        frameIds[next] = frameId;
        starts[next] = startNanos;
        ends[next] = endNanos;
        next = (next + 1) % frameIds.length;
        if (size < frameIds.length) {
            size++;
        }
        totalNanos += endNanos - startNanos;
        totalSamples++;
    }

    /** Sum of all durations ever added, including overwritten ones. */
    synchronized long totalNanos() {
        return totalNanos;
    }

    /** Number of samples ever added, including overwritten ones. */
    synchronized long totalSamples() {
        return totalSamples;
    }

    /** Copies the durations of the newest {@code max} samples into {@code into}; returns how many. */
    synchronized int copyRecentDurations(long[] into, int max) {
        int n = Math.min(Math.min(max, size), into.length);
        int index = next;
        for (int i = 0; i < n; i++) {
            index = index == 0 ? frameIds.length - 1 : index - 1;
            into[i] = ends[index] - starts[index];
        }
        return n;
    }

    /** Appends every held sample, oldest first, as {@link StageSample}s of the given kind and stage. */
    synchronized void copyTo(StageSample.Kind kind, Stage stage, List<StageSample> out) {
        int index = (next - size + frameIds.length) % frameIds.length;
        for (int i = 0; i < size; i++) {
            out.add(new StageSample(kind, stage, frameIds[index], starts[index], ends[index]));
            index = (index + 1) % frameIds.length;
        }
    }
}
