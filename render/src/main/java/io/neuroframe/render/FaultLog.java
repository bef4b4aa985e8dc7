package io.neuroframe.render;

import io.neuroframe.api.FaultKind;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the pipeline's faults by kind and logs each kind once: the first fault of a kind is a
 * {@code WARNING} on the {@code io.neuroframe.render.FramePipeline} logger; later ones of the same
 * kind are only counted (and logged at {@code FINE}). A kind is <em>active</em> from a fault until
 * the stage next succeeds. Any thread may read it.
 */
public final class FaultLog {
    private static final Logger LOG = Logger.getLogger(FramePipeline.class.getName());
    private static final FaultKind[] KINDS = FaultKind.values();

    private final AtomicLongArray counts = new AtomicLongArray(KINDS.length);
    private final AtomicIntegerArray active = new AtomicIntegerArray(KINDS.length);
    private final AtomicIntegerArray logged = new AtomicIntegerArray(KINDS.length);

    /** Faults of {@code kind} so far. */
    public long count(FaultKind kind) {
        return counts.get(kind.ordinal());
    }

    /** Faults of every kind so far. */
    public long total() {
        long sum = 0;
        for (int i = 0; i < KINDS.length; i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** Whether the last attempt of the stage behind {@code kind} failed and it has not succeeded since. */
    public boolean active(FaultKind kind) {
        return active.get(kind.ordinal()) != 0;
    }

    /**
     * Logs one fault if it is the first of its kind, then counts it: whoever sees the count can rely on the
     * log line being written.
     */
    void report(FaultKind kind, String detail, Throwable cause) {
        int i = kind.ordinal();
        if (logged.compareAndSet(i, 0, 1)) {
            LOG.log(Level.WARNING, "NeuroFrame pipeline: " + kind.description() + ": " + detail
                    + ". The game keeps the last good frame; further faults of this kind are counted, not logged.", cause);
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, kind.description() + " (again): " + detail, cause);
        }
        active.set(i, 1);
        counts.incrementAndGet(i);
    }

    /** Marks the stage behind {@code kind} as working again; allocation-free. */
    void recovered(FaultKind kind) {
        int i = kind.ordinal();
        if (active.get(i) != 0 && active.compareAndSet(i, 1, 0) && LOG.isLoggable(Level.FINE)) {
            LOG.fine(kind.description() + ": recovered");
        }
    }
}
