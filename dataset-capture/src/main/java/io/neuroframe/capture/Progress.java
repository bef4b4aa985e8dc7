package io.neuroframe.capture;

import java.io.PrintStream;
import java.util.Locale;

/** Reports frames done, rate and estimated time left, at most every five seconds. Thread-safe. */
final class Progress {
    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final String command;
    private final int total;
    private final int alreadyDone;
    private final long startNanos = System.nanoTime();
    private long lastReport = startNanos;
    private int done;

    /**
     * @param command the command name that starts each line, e.g. {@code dataset}
     * @param total frames in the whole dataset
     * @param alreadyDone frames that earlier runs wrote
     */
    Progress(PrintStream out, String command, int total, int alreadyDone) {
        this.out = out;
        this.command = command;
        this.total = total;
        this.alreadyDone = alreadyDone;
    }

    /** Counts one written frame of {@code style} and reports if it is time to. */
    synchronized void frameDone(String style) {
        done++;
        long now = System.nanoTime();
        if (now - lastReport >= INTERVAL_NANOS || alreadyDone + done == total) {
            lastReport = now;
            report(now, style);
        }
    }

    /** Frames written by this run. */
    synchronized int framesWritten() {
        return done;
    }

    /** Seconds since this run started. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void report(long now, String style) {
        double seconds = (now - startNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        int finished = alreadyDone + done;
        long eta = Math.round((total - finished) / Math.max(rate, 1e-9));
        out.printf(Locale.ROOT, "%s: %d/%d frames (%.1f%%), now %s, %.2f frames/s, ETA %dm%02ds%n", command, finished,
                total, 100.0 * finished / total, style, rate, eta / 60, eta % 60);
    }
}
