package io.neuroframe.render;

import io.neuroframe.api.LatentContract;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A bounded FIFO of latents between the latent worker and the decode worker. Latents are copied
 * in and out of preallocated slots, so neither side holds a slot while working (which makes
 * abandoning a hung decode worker safe). When full, {@link #offer} drops the oldest latent:
 * newest wins. Allocation-free.
 */
final class LatentQueue {

    /** One latent and its facts, owned by whoever holds it. */
    static final class Ticket {
        final FloatBuffer latent = ByteBuffer.allocateDirect(LatentContract.LATENT_FLOATS * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        long frameId;
        long sourceStartNanos;
        long inputSampleNanos;

        void copyFrom(Ticket other) {
            latent.put(0, other.latent, 0, LatentContract.LATENT_FLOATS);
            frameId = other.frameId;
            sourceStartNanos = other.sourceStartNanos;
            inputSampleNanos = other.inputSampleNanos;
        }
    }

    private final Ticket[] slots;
    private int head;
    private int size;

    LatentQueue(int depth) {
        slots = new Ticket[depth];
        for (int i = 0; i < depth; i++) {
            slots[i] = new Ticket();
        }
    }

    /**
     * Appends a copy of {@code latent} (floats 0..LATENT_FLOATS).
     *
     * @return {@code true} if the oldest latent was dropped to make room
     */
    synchronized boolean offer(long frameId, long sourceStartNanos, long inputSampleNanos, FloatBuffer latent) {
        boolean dropped = size == slots.length;
        if (dropped) {
            head = (head + 1) % slots.length;
            size--;
        }
        Ticket slot = slots[(head + size) % slots.length];
        slot.latent.put(0, latent, 0, LatentContract.LATENT_FLOATS);
        slot.frameId = frameId;
        slot.sourceStartNanos = sourceStartNanos;
        slot.inputSampleNanos = inputSampleNanos;
        size++;
        return dropped;
    }

    /** Moves the oldest latent into {@code into}; {@code false} when empty. */
    synchronized boolean poll(Ticket into) {
        if (size == 0) {
            return false;
        }
        into.copyFrom(slots[head]);
        head = (head + 1) % slots.length;
        size--;
        return true;
    }
}
