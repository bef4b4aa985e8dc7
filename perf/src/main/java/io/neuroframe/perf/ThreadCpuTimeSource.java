package io.neuroframe.perf;

import io.neuroframe.api.TimeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time of the thread that reads it, as a {@link TimeSource}: a stage timed on it costs the
 * CPU time the stage used, which other processes' load does not change (a preempted thread's
 * clock stands still). For {@link SequentialScenario}s, whose stages start and end on the same
 * thread; compare such runs at a fixed machine speed, not with the wall-clock yardstick.
 *
 * <p>Some kernels and sandboxes advance a thread's CPU clock only at scheduler ticks (1 to 10 ms)
 * instead of to the nanosecond. {@link #resolutionNanos()} says which kind this one is: a stage
 * much shorter than the resolution reads as 0 or one tick, so size timed work to many ticks.
 */
public final class ThreadCpuTimeSource implements TimeSource {
    private static final int RESOLUTION_STEPS = 15;
    private static final long RESOLUTION_WATCH_LIMIT_NANOS = 2_000_000_000L;

    private final ThreadMXBean threads;
    private final long resolutionNanos;

    private ThreadCpuTimeSource(ThreadMXBean threads) {
        this.threads = threads;
        this.resolutionNanos = measureResolution();
    }

    /**
     * The calling thread's CPU clock; measures its resolution (a busy wait of a few ticks).
     *
     * @throws UnsupportedOperationException when this JVM cannot measure a thread's CPU time, or its
     *     clock does not advance while the thread works
     */
    public static ThreadCpuTimeSource create() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new UnsupportedOperationException("this JVM does not measure a thread's CPU time");
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return new ThreadCpuTimeSource(threads);
    }

    @Override
    public long nanoTime() {
        return threads.getCurrentThreadCpuTime();
    }

    /**
     * The median step by which this clock advanced while {@link #create()} watched it: about a
     * microsecond on a kernel that accounts CPU time exactly, a scheduler tick on one that samples.
     */
    public long resolutionNanos() {
        return resolutionNanos;
    }

    private long measureResolution() {
        long[] steps = new long[RESOLUTION_STEPS];
        long previous = nanoTime();
        long deadline = System.nanoTime() + RESOLUTION_WATCH_LIMIT_NANOS;
        for (int observed = 0; observed < steps.length; ) {
            if (System.nanoTime() > deadline) {
                throw new UnsupportedOperationException("this JVM's thread CPU clock advanced " + observed
                        + " times in 2 s of busy waiting; it cannot time stages");
            }
            long now = nanoTime();
            if (now != previous) {
                steps[observed++] = now - previous;
                previous = now;
            }
        }
        Arrays.sort(steps);
        return steps[steps.length / 2];
    }
}
