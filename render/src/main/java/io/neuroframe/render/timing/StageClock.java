package io.neuroframe.render.timing;

import io.neuroframe.api.TimeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timestamps every stage of every frame and summarises them.
 *
 * <p>Each {@link Stage} has a ring of the last {@code historyFrames} intervals (frame id, start,
 * end) for trace and CSV export ({@link TraceExport}); {@link #stats} gives p50/p95/p99 over the
 * newest {@code windowFrames} of them. When a frame's input sampling time is known
 * ({@link #recordInput}) and the engine reports its {@link Stage#UPSCALE}, the clock also records
 * its motion-to-photon latency. Counters hold late, dropped and budget-skipped frames.
 *
 * <p>Thread-safe: the pipeline's workers and the engine's render thread record concurrently.
 * Recording and {@link #stats} allocate nothing; {@link #snapshot} allocates and is meant for
 * export. All times come from one {@link TimeSource}, read with {@link #now()}.
 */
public final class StageClock {
    /** Default number of intervals kept per stage for export. */
    public static final int DEFAULT_HISTORY_FRAMES = 600;
    /** Default number of newest intervals summarised by {@link #stats}. */
    public static final int DEFAULT_WINDOW_FRAMES = 120;

    private final TimeSource time;
    private final int historyFrames;
    private final int windowFrames;
    private final SampleRing[] stages = new SampleRing[Stage.count()];
    private final SampleRing motionToPhoton;
    private final long[] inputFrameIds;
    private final long[] inputNanos;
    private final long[] scratch;
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param time where timestamps come from
     * @param historyFrames intervals kept per stage for export, at least {@code windowFrames}
     * @param windowFrames newest intervals summarised by {@link #stats}, at least 1
     */
    public StageClock(TimeSource time, int historyFrames, int windowFrames) {
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        if (windowFrames < 1) {
            throw new IllegalArgumentException("windowFrames must be >= 1, got " + windowFrames);
        }
        if (historyFrames < windowFrames) {
            throw new IllegalArgumentException("historyFrames must be >= windowFrames (" + windowFrames + "), got "
                    + historyFrames);
        }
        this.time = time;
        this.historyFrames = historyFrames;
        this.windowFrames = windowFrames;
        for (int i = 0; i < stages.length; i++) {
            stages[i] = new SampleRing(historyFrames);
        }
        motionToPhoton = new SampleRing(historyFrames);
        inputFrameIds = new long[historyFrames];
        inputNanos = new long[historyFrames];
        scratch = new long[windowFrames];
    }

    /** A clock with the default history and window. */
    public StageClock(TimeSource time) {
        this(time, DEFAULT_HISTORY_FRAMES, DEFAULT_WINDOW_FRAMES);
    }

    /** The current time on this clock's {@link TimeSource}; use it for the timestamps you record. */
    public long now() {
        return time.nanoTime();
    }

    /** This clock's time source. */
    public TimeSource timeSource() {
        return time;
    }

    /** Intervals kept per stage for export. */
    public int historyFrames() {
        return historyFrames;
    }

    /** Newest intervals summarised by {@link #stats}. */
    public int windowFrames() {
        return windowFrames;
    }

    /**
     * Records that {@code stage} of frame {@code frameId} ran from {@code startNanos} to
     * {@code endNanos} (both from {@link #now()}). Engines call this for {@link Stage#UPLOAD} and
     * {@link Stage#UPSCALE} with {@link io.neuroframe.render.DecodedFrame#frameId()}, once per
     * frame (the first time it is uploaded and drawn).
     *
     * @throws IllegalArgumentException if {@code endNanos < startNanos}
     */
    public void record(long frameId, Stage stage, long startNanos, long endNanos) {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException(stage.label() + ": end " + endNanos + " is before start " + startNanos);
        }
        stages[stage.ordinal()].add(frameId, startNanos, endNanos);
        if (stage == Stage.UPSCALE) {
            long input = inputTimeOf(frameId);
            if (input != Long.MIN_VALUE && input <= endNanos) {
                motionToPhoton.add(frameId, input, endNanos);
            }
        }
    }

    /** Records when the player input that frame {@code frameId} shows was sampled. */
    public void recordInput(long frameId, long sampleNanos) {
        int slot = (int) Math.floorMod(frameId, (long) historyFrames);
        synchronized (inputFrameIds) {
            inputFrameIds[slot] = frameId;
            inputNanos[slot] = sampleNanos;
        }
    }

    private long inputTimeOf(long frameId) {
        int slot = (int) Math.floorMod(frameId, (long) historyFrames);
        synchronized (inputFrameIds) {
            return inputFrameIds[slot] == frameId ? inputNanos[slot] : Long.MIN_VALUE;
        }
    }

    /** Fills {@code into} with the stage's p50/p95/p99 over the window and returns it. */
    public StageStats stats(Stage stage, StageStats into) {
        return summarise(stages[stage.ordinal()], into);
    }

    /**
     * Copies the durations (nanoseconds) of the newest intervals of {@code stage} into
     * {@code into}, newest first, and returns how many it copied. Allocates nothing; for overlays.
     */
    public int recentDurations(Stage stage, long[] into) {
        return stages[stage.ordinal()].copyRecentDurations(into, into.length);
    }

    /** Fills {@code into} with motion-to-photon latency (input sample to upscale end) over the window. */
    public StageStats motionToPhoton(StageStats into) {
        return summarise(motionToPhoton, into);
    }

    private StageStats summarise(SampleRing ring, StageStats into) {
        synchronized (scratch) {
            int n = ring.copyRecentDurations(scratch, windowFrames);
            sort(scratch, n);
            into.set(scratch, n);
        }
        return into;
    }

    /** Shell sort: allocation-free and quick enough for a few hundred values. */
    private static void sort(long[] a, int n) {
        for (int gap = n / 2; gap > 0; gap /= 2) {
            for (int i = gap; i < n; i++) {
                long v = a[i];
                int j = i;
                while (j >= gap && a[j - gap] > v) {
                    a[j] = a[j - gap];
                    j -= gap;
                }
                a[j] = v;
            }
        }
    }

    /** Frames that entered the pipeline: the number of {@link Stage#SOURCE} intervals ever recorded. */
    public long framesStarted() {
        return stages[Stage.SOURCE.ordinal()].totalSamples();
    }

    /** Total time ever recorded for one stage, in nanoseconds. */
    public long busyNanos(Stage stage) {
        return stages[stage.ordinal()].totalNanos();
    }

    /** Total time ever recorded over all stages, in nanoseconds. */
    public long busyNanos() {
        long sum = 0;
        for (SampleRing ring : stages) {
            sum += ring.totalNanos();
        }
        return sum;
    }

    /** Counts a frame that finished later than the frame budget after it entered the pipeline. */
    public void countLate() {
        late.incrementAndGet();
    }

    /** Counts a latent or frame that was replaced by a newer one before anyone used it. */
    public void countDropped() {
        dropped.incrementAndGet();
    }

    /** Counts a latent that the budget ladder chose not to decode (decode every other frame). */
    public void countSkipped() {
        skipped.incrementAndGet();
    }

    /** Frames that finished later than the frame budget. */
    public long lateFrames() {
        return late.get();
    }

    /** Latents and frames replaced by newer ones before use ("newest wins"). */
    public long droppedFrames() {
        return dropped.get();
    }

    /** Latents skipped by the budget ladder. */
    public long skippedFrames() {
        return skipped.get();
    }

    /**
     * Every interval currently held (stages and motion-to-photon), ordered by start time.
     * Allocates; meant for export, not for every frame.
     */
    public List<StageSample> snapshot() {
        List<StageSample> out = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            stages[i].copyTo(Stage.of(i), out);
        }
        motionToPhoton.copyTo(null, out);
        out.sort(Comparator.comparingLong(StageSample::startNanos));
        return out;
    }
}
