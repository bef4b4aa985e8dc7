package io.neuroframe.render.timing;

import io.neuroframe.api.TimeSource;
import java.util.ArrayList;
import java.util.Arrays;
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
 * its motion-to-photon latency, and {@link #breakdown} splits that latency into the frame's stages
 * and the waits between them (queues, hand-offs between threads, the engine's next frame). Counters
 * hold late, dropped and budget-skipped frames.
 *
 * <p>Thread-safe: the pipeline's workers and the engine's render thread record concurrently.
 * Recording, {@link #stats} and {@link #breakdown} allocate nothing; {@link #snapshot} allocates and
 * is meant for export. All times come from one {@link TimeSource}, read with {@link #now()}.
 */
public final class StageClock {
    /** Default number of intervals kept per stage for export. */
    public static final int DEFAULT_HISTORY_FRAMES = 600;
    /** Default number of newest intervals summarised by {@link #stats}. */
    public static final int DEFAULT_WINDOW_FRAMES = 120;

    private static final long NONE = Long.MIN_VALUE;

    private final TimeSource time;
    private final int historyFrames;
    private final int windowFrames;
    private final SampleRing[] stages = new SampleRing[Stage.count()];
    private final SampleRing motionToPhoton;
    /** Per frame (slot {@code frameId % historyFrames}): its id, input time and each stage's start and end. */
    private final long[] rowFrameIds;
    private final long[] rowInputs;
    private final long[] rowStarts;
    private final long[] rowEnds;
    /** Ids of the frames that reached the screen with a known input time, oldest overwritten first. */
    private final long[] shownIds;
    private int shownNext;
    private int shownSize;
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
        rowFrameIds = new long[historyFrames];
        Arrays.fill(rowFrameIds, NONE);
        rowInputs = new long[historyFrames];
        rowStarts = new long[historyFrames * Stage.count()];
        rowEnds = new long[historyFrames * Stage.count()];
        shownIds = new long[historyFrames];
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
        synchronized (rowFrameIds) {
            int row = row(frameId);
            if (row < 0) {
                return;
            }
            int cell = row * Stage.count() + stage.ordinal();
            rowStarts[cell] = startNanos;
            rowEnds[cell] = endNanos;
            long input = rowInputs[row];
            if (stage == Stage.UPSCALE && input != NONE && input <= endNanos) {
                motionToPhoton.add(frameId, input, endNanos);
                shownIds[shownNext] = frameId;
                shownNext = (shownNext + 1) % shownIds.length;
                shownSize = Math.min(shownSize + 1, shownIds.length);
            }
        }
    }

    /** Records when the player input that frame {@code frameId} shows was sampled. */
    public void recordInput(long frameId, long sampleNanos) {
        synchronized (rowFrameIds) {
            int row = row(frameId);
            if (row >= 0) {
                rowInputs[row] = sampleNanos;
            }
        }
    }

    /**
     * The row of {@code frameId}, cleared first if it held an older frame, or -1 if a newer frame has
     * taken it. Hold the rows' lock.
     */
    private int row(long frameId) {
        int row = (int) Math.floorMod(frameId, (long) historyFrames);
        if (rowFrameIds[row] > frameId) {
            return -1;
        }
        if (rowFrameIds[row] != frameId) {
            rowFrameIds[row] = frameId;
            rowInputs[row] = NONE;
            Arrays.fill(rowStarts, row * Stage.count(), (row + 1) * Stage.count(), NONE);
        }
        return row;
    }

    /** The row of the shown frame at {@code index} of the shown ring, or -1 if a newer frame took it. Hold the lock. */
    private int shownRow(int index) {
        long frameId = shownIds[index];
        int row = (int) Math.floorMod(frameId, (long) historyFrames);
        return rowFrameIds[row] == frameId ? row : -1;
    }

    /**
     * Fills {@code into} with the motion-to-photon breakdown of the newest {@code windowFrames}
     * frames that reached the screen with a known input time, and returns it.
     */
    public LatencyBreakdown breakdown(LatencyBreakdown into) {
        synchronized (rowFrameIds) {
            into.clear();
            int index = shownNext;
            for (int i = 0; i < Math.min(shownSize, windowFrames); i++) {
                index = index == 0 ? shownIds.length - 1 : index - 1;
                int row = shownRow(index);
                if (row < 0) {
                    continue;
                }
                long previousEnd = rowInputs[row];
                for (int s = 0; s < Stage.count(); s++) {
                    int cell = row * Stage.count() + s;
                    if (rowStarts[cell] != NONE) {
                        into.addPart(s, rowStarts[cell] - previousEnd, rowEnds[cell] - rowStarts[cell]);
                        previousEnd = rowEnds[cell];
                    }
                }
                into.addFrame(previousEnd - rowInputs[row]);
            }
        }
        return into;
    }

    /** Appends the waits of every held frame that reached the screen, as {@link StageSample.Kind#WAIT} samples. */
    private void copyWaitsTo(List<StageSample> out) {
        synchronized (rowFrameIds) {
            int index = (shownNext - shownSize + shownIds.length) % shownIds.length;
            for (int i = 0; i < shownSize; i++) {
                int row = shownRow(index);
                index = (index + 1) % shownIds.length;
                if (row < 0) {
                    continue;
                }
                long previousEnd = rowInputs[row];
                for (int s = 0; s < Stage.count(); s++) {
                    int cell = row * Stage.count() + s;
                    if (rowStarts[cell] != NONE) {
                        out.add(new StageSample(StageSample.Kind.WAIT, Stage.of(s), rowFrameIds[row], previousEnd,
                                rowStarts[cell]));
                        previousEnd = rowEnds[cell];
                    }
                }
            }
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
     * Every interval currently held, ordered by start time: the stages, motion-to-photon latency, and
     * the waits before each stage of the frames that reached the screen with a known input time (their
     * parts add up to the frame's latency; a wait is negative only where two stages overlapped).
     * Allocates; meant for export, not for every frame.
     */
    public List<StageSample> snapshot() {
        List<StageSample> out = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            stages[i].copyTo(StageSample.Kind.STAGE, Stage.of(i), out);
        }
        motionToPhoton.copyTo(StageSample.Kind.MOTION_TO_PHOTON, null, out);
        copyWaitsTo(out);
        out.sort(Comparator.comparingLong(StageSample::startNanos));
        return out;
    }
}
