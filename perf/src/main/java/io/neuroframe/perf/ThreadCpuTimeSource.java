package io.neuroframe.perf;

import io.neuroframe.api.TimeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of the thread that reads it, as a {@link TimeSource}: a stage timed on it costs the
 * CPU time the stage used, which other processes' load does not change (a preempted thread's
 * clock stands still). For {@link SequentialScenario}s, whose stages start and end on the same
 * thread; compare such runs at a fixed machine speed, not with the wall-clock yardstick.
 */
public final class ThreadCpuTimeSource implements TimeSource {
    private final ThreadMXBean threads;

    private ThreadCpuTimeSource(ThreadMXBean threads) {
        this.threads = threads;
    }

    /**
     * The calling thread's CPU clock.
     *
     * @throws UnsupportedOperationException when this JVM cannot measure a thread's CPU time
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
}
