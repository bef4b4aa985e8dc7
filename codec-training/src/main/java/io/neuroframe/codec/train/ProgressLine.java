package io.neuroframe.codec.train;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long loop over a known number of items, as lines such as
 * {@code encoding frames: 400/4500 frames (0m25s elapsed, ETA 4m16s)}: at most one every
 * {@value #INTERVAL_SECONDS} seconds and always one for the last item. The ETA assumes the rest goes at this run's
 * pace so far. Not thread-safe: report from one thread, or from a callback that is called from one at a time.
 */
public final class ProgressLine implements FrameStore.Progress {
    /** Least time between two lines, except the last. */
    public static final int INTERVAL_SECONDS = 5;
    private static final long INTERVAL_NANOS = INTERVAL_SECONDS * 1_000_000_000L;

    private final PrintWriter log;
    private final String what;
    private final String unit;
    private final LongSupplier clock;
    private final long started;
    private long lastLine;

    /**
     * @param log where the lines go
     * @param what what the loop does, the start of each line (e.g. {@code encoding frames})
     * @param unit the items' name after the count (e.g. {@code frames})
     */
    public ProgressLine(PrintWriter log, String what, String unit) {
        this(log, what, unit, System::nanoTime);
    }

    /** As the public constructor, with the time in nanoseconds read from {@code clock}. */
    ProgressLine(PrintWriter log, String what, String unit, LongSupplier clock) {
        this.log = log;
        this.what = what;
        this.unit = unit;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastLine = started;
    }

    /** Reports that {@code done} of {@code total} items are done, printing a line when one is due. */
    @Override
    public void accept(int done, int total) {
        long now = clock.getAsLong();
        if (done < total && now - lastLine < INTERVAL_NANOS) {
            return;
        }
        lastLine = now;
        double seconds = (now - started) / 1e9;
        double eta = done == 0 ? Double.NaN : seconds / done * (total - done);
        log.printf(Locale.ROOT, "%s: %d/%d %s (%s elapsed, ETA %s)%n", what, done, total, unit,
                TrainingLoop.duration(seconds), TrainingLoop.duration(eta));
        log.flush();
    }
}
