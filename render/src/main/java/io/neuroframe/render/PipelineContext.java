package io.neuroframe.render;

import io.neuroframe.api.frame.TripleBuffer;
import io.neuroframe.render.budget.BudgetController;
import io.neuroframe.render.timing.StageClock;
import java.util.concurrent.locks.LockSupport;

/** What the pipeline's worker threads share: settings, clock, budget, faults, the latent slot and frame slots. */
final class PipelineContext {
    final PipelineSettings settings;
    final StageClock clock;
    final BudgetController budget;
    final FaultLog faults = new FaultLog();
    final LatentSlot latents = new LatentSlot();
    final TripleBuffer<DecodedFrame> frames;
    final long budgetNanos;
    final long pollNanos;

    private volatile boolean running = true;
    private volatile boolean adapterEnabled = true;
    private volatile boolean sourceEnded;
    private volatile Thread decodeThread;

    PipelineContext(PipelineSettings settings, StageClock clock, BudgetController budget) {
        this.settings = settings;
        this.clock = clock;
        this.budget = budget;
        this.frames = new TripleBuffer<>(() -> new DecodedFrame(settings.rowOrder()));
        this.budgetNanos = settings.budget().budget().toNanos();
        this.pollNanos = settings.pollInterval().toNanos();
    }

    long now() {
        return clock.now();
    }

    boolean running() {
        return running;
    }

    void stop() {
        running = false;
    }

    boolean adapterEnabled() {
        return adapterEnabled;
    }

    void setAdapterEnabled(boolean enabled) {
        adapterEnabled = enabled;
    }

    boolean sourceEnded() {
        return sourceEnded;
    }

    void markSourceEnded() {
        sourceEnded = true;
    }

    /** Sets the thread that {@link #wakeDecoder()} wakes. */
    void decodeThread(Thread thread) {
        decodeThread = thread;
    }

    /** Wakes the decode worker after a latent was handed over; allocation-free. */
    void wakeDecoder() {
        Thread thread = decodeThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits one poll interval, or less when woken. */
    void idle() {
        LockSupport.parkNanos(pollNanos);
    }
}
