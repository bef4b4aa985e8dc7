package io.neuroframe.render;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.FaultKind;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.ReadbackTimes;
import io.neuroframe.render.timing.Stage;
import java.nio.BufferOverflowException;
import java.nio.FloatBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The latent worker: pulls from the source (with {@code backToBack}, only while the decoder is ready for a
 * latent), rejects malformed latents, applies the adapter and hands the result to the decode worker (newest
 * wins). Owns the source and the adapter and closes them when it
 * ends. Allocation-free per frame.
 */
final class LatentWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(FramePipeline.class.getName());

    private final PipelineContext ctx;
    private final LatentSource source;
    private final LatentAdapter adapter;
    private final LatentFrame frame = new LatentFrame();
    private final FloatBuffer adapted = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
    private final Backoff sourceBackoff;
    private final Backoff stallBackoff;
    private final Backoff adapterBackoff;
    private final long stallTimeoutNanos;
    private long sourceRetryAt;
    private long adapterRetryAt;
    private boolean sourceFailing;
    private boolean adapterFailing;
    private boolean stalled;
    private long lastFrameNanos;
    private static final long FIRST_FRAME_ID = 1;

    private long nextFrameId = FIRST_FRAME_ID;
    /** With fresh frames only: what the source has ready at the next pull waited for the last frame's decode. */
    private boolean dropBeforeNextPull;

    LatentWorker(PipelineContext ctx, LatentSource source, LatentAdapter adapter) {
        this.ctx = ctx;
        this.source = source;
        this.adapter = adapter;
        long initial = ctx.settings.backoffInitial().toNanos();
        long max = ctx.settings.backoffMax().toNanos();
        this.sourceBackoff = new Backoff(initial, max);
        this.stallBackoff = new Backoff(initial, max);
        this.adapterBackoff = new Backoff(initial, max);
        this.stallTimeoutNanos = ctx.settings.sourceStallTimeout().toNanos();
    }

    @Override
    public void run() {
        try {
            loop();
        } finally {
            closeQuietly(adapter);
            closeQuietly(source);
        }
    }

    private void loop() {
        lastFrameNanos = ctx.now();
        while (ctx.running()) {
            long start = ctx.now();
            if ((sourceFailing || stalled) && start < sourceRetryAt
                    || ctx.settings.backToBack() && !ctx.latents.readyForNext()) {
                ctx.idle();
                continue;
            }
            frame.clear();
            LatentSource.Pull pull;
            try {
                if (dropBeforeNextPull) {
                    dropBeforeNextPull = false;
                    source.dropPending();
                }
                pull = source.pull(frame);
            } catch (BufferOverflowException e) {
                ctx.faults.report(FaultKind.LATENT_WRONG_SHAPE, source.describe() + " wrote more than "
                        + LatentContract.LATENT_FLOATS + " floats", e);
                continue;
            } catch (RuntimeException e) {
                sourceFailing = true;
                sourceRetryAt = start + sourceBackoff.next();
                ctx.faults.report(FaultKind.SOURCE_ERROR, source.describe() + " threw", e);
                continue;
            }
            if (sourceFailing) {
                sourceFailing = false;
                sourceBackoff.reset();
                ctx.faults.recovered(FaultKind.SOURCE_ERROR);
            }
            if (pull == LatentSource.Pull.ENDED) {
                ctx.markSourceEnded();
                LOG.info(() -> "NeuroFrame pipeline: " + source.describe() + " ended; keeping the last frame");
                return;
            }
            if (pull == LatentSource.Pull.NONE_READY) {
                waitForSource(start);
                continue;
            }
            if (pull == LatentSource.Pull.WAITING) {
                waitForInput(start);
                continue;
            }
            accept(start);
        }
    }

    /**
     * Idles after an empty pull; a source that delivered a frame and then stayed silent for longer than the
     * stall timeout is polled with back-off. Before its first frame a source is starting, not stalled (a
     * dream waits for the engine's first frame, an encoder for the first render).
     */
    private void waitForSource(long now) {
        if (nextFrameId > FIRST_FRAME_ID && now - lastFrameNanos > stallTimeoutNanos) {
            if (!stalled) {
                stalled = true;
                ctx.faults.report(FaultKind.SOURCE_STALLED, source.describe() + " delivered no frame for "
                        + (now - lastFrameNanos) / 1_000_000 + " ms", null);
            }
            sourceRetryAt = now + stallBackoff.next();
        }
        ctx.idle();
    }

    /** Idles while the source waits for input; the stall clock starts again when the wait ends. */
    private void waitForInput(long now) {
        lastFrameNanos = now;
        clearStall();
        ctx.idle();
    }

    private void clearStall() {
        if (stalled) {
            stalled = false;
            stallBackoff.reset();
            ctx.faults.recovered(FaultKind.SOURCE_STALLED);
        }
    }

    private void accept(long start) {
        FloatBuffer latent = frame.latent();
        if (latent.position() != LatentContract.LATENT_FLOATS) {
            ctx.faults.report(FaultKind.LATENT_WRONG_SHAPE, source.describe() + " wrote " + latent.position()
                    + " floats, expected " + LatentContract.LATENT_FLOATS + " (576 tokens x 16 channels)", null);
            return;
        }
        int bad = FiniteValues.firstNonFinite(latent, LatentContract.LATENT_FLOATS);
        if (bad >= 0) {
            ctx.faults.report(FaultKind.LATENT_NOT_FINITE, source.describe() + " delivered " + latent.get(bad)
                    + " at index " + bad + " (token " + bad / LatentContract.CHANNELS + ", channel "
                    + bad % LatentContract.CHANNELS + ")", null);
            return;
        }
        ctx.faults.recovered(FaultKind.LATENT_WRONG_SHAPE);
        ctx.faults.recovered(FaultKind.LATENT_NOT_FINITE);
        clearStall();
        long frameId = nextFrameId++;
        long end = ctx.now();
        lastFrameNanos = end;
        ReadbackTimes readback = frame.readback();
        if (readback.isPresent()) {
            ctx.clock.record(frameId, Stage.READBACK, readback.readbackStartNanos(), readback.readbackEndNanos());
            ctx.clock.record(frameId, Stage.RESAMPLE, readback.resampleStartNanos(), readback.resampleEndNanos());
        }
        if (frame.hasWorldStep()) {
            ctx.clock.record(frameId, Stage.WORLD_STEP, frame.worldStepStartNanos(), frame.worldStepEndNanos());
        }
        ctx.clock.record(frameId, Stage.SOURCE, start, end);
        long input = frame.inputSampleNanos();
        if (input != LatentFrame.NO_INPUT) {
            ctx.clock.recordInput(frameId, input);
        }
        ctx.budget.update();
        FloatBuffer out = adapt(frameId, latent);
        if (ctx.latents.offer(frameId, start, input, out)) {
            ctx.clock.countDropped();
        }
        dropBeforeNextPull = ctx.settings.freshFramesOnly();
        ctx.wakeDecoder();
    }

    /** The adapted latent, or the input when the adapter is off, skipped by the budget, or failing. */
    private FloatBuffer adapt(long frameId, FloatBuffer latent) {
        if (adapter == null || !ctx.adapterEnabled() || ctx.budget.rung().skipsAdapter()) {
            return latent;
        }
        long start = ctx.now();
        if (adapterFailing && start < adapterRetryAt) {
            return latent;
        }
        latent.position(0);
        adapted.clear();
        try {
            adapter.apply(latent, adapted);
        } catch (RuntimeException e) {
            adapterFailed(start, adapter.describe() + " threw", e);
            return latent;
        }
        int bad = FiniteValues.firstNonFinite(adapted, LatentContract.LATENT_FLOATS);
        if (bad >= 0) {
            adapterFailed(start, adapter.describe() + " produced " + adapted.get(bad) + " at index " + bad, null);
            return latent;
        }
        if (adapterFailing) {
            adapterFailing = false;
            adapterBackoff.reset();
            ctx.faults.recovered(FaultKind.ADAPTER_ERROR);
        }
        ctx.clock.record(frameId, Stage.ADAPTER, start, ctx.now());
        return adapted;
    }

    private void adapterFailed(long now, String detail, Throwable cause) {
        adapterFailing = true;
        adapterRetryAt = now + adapterBackoff.next();
        ctx.faults.report(FaultKind.ADAPTER_ERROR, detail + "; latents bypass it until a retry", cause);
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "NeuroFrame pipeline: closing " + resource + " failed", e);
        }
    }
}
