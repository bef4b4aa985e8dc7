package io.neuroframe.render;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;

/**
 * The hand-off of latents from the latent worker to the decode worker: one slot, newest wins. A
 * latent the decode worker has not taken yet is replaced by the next one ({@link #offer} says so,
 * and the pipeline counts it as dropped), so the decoder always starts on the newest latent and
 * never on one that waited behind a newer one. Latents are copied in and out of a preallocated
 * slot, so neither side holds it while working (which makes abandoning a hung decode worker
 * safe). Allocation-free.
 */
final class LatentSlot {

    /** One latent and its facts, owned by whoever holds it. */
    static final class Ticket {
        final FloatBuffer latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        long frameId;
        long sourceStartNanos;
        long inputSampleNanos;
    }

    private final Ticket slot = new Ticket();
    private boolean full;
    private boolean taken;

    /**
     * Puts a copy of {@code latent} (floats 0..LATENT_FLOATS) in the slot.
     *
     * @return {@code true} if it replaced a latent the decode worker never took
     */
    synchronized boolean offer(long frameId, long sourceStartNanos, long inputSampleNanos, FloatBuffer latent) {
        boolean dropped = full;
        slot.latent.put(0, latent, 0, LatentContract.LATENT_FLOATS);
        slot.frameId = frameId;
        slot.sourceStartNanos = sourceStartNanos;
        slot.inputSampleNanos = inputSampleNanos;
        full = true;
        return dropped;
    }

    /**
     * Whether the decode worker is ready for a latent: none is waiting and the last one polled has been
     * {@link #release released} (a back-to-back source is pulled only then).
     */
    synchronized boolean readyForNext() {
        return !full && !taken;
    }

    /** Marks the latent last polled as done with (decoded, skipped or failed, or its worker abandoned). */
    synchronized void release() {
        taken = false;
    }

    /** Moves the latent into {@code into}; {@code false} when the slot is empty. */
    synchronized boolean poll(Ticket into) {
        if (!full) {
            return false;
        }
        into.latent.put(0, slot.latent, 0, LatentContract.LATENT_FLOATS);
        into.frameId = slot.frameId;
        into.sourceStartNanos = slot.sourceStartNanos;
        into.inputSampleNanos = slot.inputSampleNanos;
        full = false;
        taken = true;
        return true;
    }
}
