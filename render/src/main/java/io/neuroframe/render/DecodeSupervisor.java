package io.neuroframe.render;

import io.neuroframe.api.FaultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The watchdog of the decode stage. A decode that runs past the timeout is abandoned: its worker
 * thread and decoder are left to finish (or hang) on their own, and the worker closes its decoder
 * if the call ever returns. Native sessions cannot be interrupted safely, so nothing is killed.
 * After an exponential back-off a fresh worker with fresh decoders from the suppliers takes over.
 * A worker that died (its decoder supplier failed, or an {@link Error}) is replaced the same way.
 */
final class DecodeSupervisor implements Runnable {
    private final PipelineContext ctx;
    private final RungDecoders factories;
    private final long timeoutNanos;
    private final long checkNanos;
    private final Backoff backoff;
    private final List<DecodeWorker> abandoned = new ArrayList<>();
    private final Thread thread;
    private volatile DecodeWorker current;
    private int generation = 1;
    private long replaceAt;
    private boolean replacing;

    DecodeSupervisor(PipelineContext ctx, RungDecoders factories, DecodeWorker first) {
        this.ctx = ctx;
        this.factories = factories;
        this.timeoutNanos = ctx.settings.decodeTimeout().toNanos();
        this.checkNanos = Math.max(ctx.pollNanos, Math.min(timeoutNanos / 4, 50_000_000L));
        this.backoff = new Backoff(ctx.settings.backoffInitial().toNanos(), ctx.settings.backoffMax().toNanos());
        this.current = first;
        this.thread = new Thread(this, ctx.settings.threadNamePrefix() + "-watchdog");
        thread.setDaemon(true);
    }

    Thread thread() {
        return thread;
    }

    DecodeWorker current() {
        return current;
    }

    /** Workers abandoned so far (their threads may still be inside a decoder call). */
    synchronized List<DecodeWorker> abandoned() {
        return new ArrayList<>(abandoned);
    }

    @Override
    public void run() {
        while (ctx.running()) {
            LockSupport.parkNanos(checkNanos);
            if (ctx.running()) {
                check(ctx.now());
            }
        }
    }

    private void check(long now) {
        DecodeWorker worker = current;
        if (!replacing) {
            if (worker.decodingLongerThan(timeoutNanos, now) && worker.abandon()) {
                synchronized (this) {
                    abandoned.add(worker);
                }
                ctx.latents.release();
                ctx.faults.report(FaultKind.DECODER_TIMEOUT, worker.decoderName() + " on " + worker.thread().getName()
                        + " spent more than " + timeoutNanos / 1_000_000 + " ms on frame " + worker.decodingFrameId()
                        + "; abandoning that thread and decoder and making a fresh one", null);
                scheduleReplacement(now);
            } else if (!worker.thread().isAlive()) {
                scheduleReplacement(now);
            } else if (worker.publishedAny()) {
                backoff.reset();
            }
        }
        if (replacing && now >= replaceAt) {
            replacing = false;
            generation++;
            DecodeWorker fresh = new DecodeWorker(ctx, generation, factories, null);
            current = fresh;
            fresh.start();
        }
    }

    private void scheduleReplacement(long now) {
        replacing = true;
        replaceAt = now + backoff.next();
    }
}
