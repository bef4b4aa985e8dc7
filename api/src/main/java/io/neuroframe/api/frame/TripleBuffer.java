package io.neuroframe.api.frame;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A lock-free triple buffer between one producer thread and one consumer thread: the producer
 * fills {@link #back()} and {@link #publish()}es it; the consumer takes the newest published
 * slot with {@link #latest()} without ever waiting. Slots are made once and reused, so neither
 * side allocates. A slot returned by {@link #latest()} stays untouched by the producer until the
 * consumer's next call to {@link #latest()}.
 *
 * @param <T> the slot type, e.g. a frame holding preallocated buffers
 */
public final class TripleBuffer<T> {
    private static final int INDEX_MASK = 3;
    private static final int FRESH = 4;

    private final Object[] slots = new Object[3];
    /** Index of the middle slot, plus {@link #FRESH} when it holds a publish the consumer has not taken. */
    private final AtomicInteger middle = new AtomicInteger(1);
    private int back = 2;
    private int front;
    private boolean consumerHasSlot;

    /** Makes the three slots with {@code slotFactory}. */
    public TripleBuffer(Supplier<? extends T> slotFactory) {
        for (int i = 0; i < slots.length; i++) {
            slots[i] = slotFactory.get();
        }
    }

    /** Producer: the slot to fill next; the same slot until {@link #publish()}. */
    @SuppressWarnings("unchecked")
    public T back() {
        return (T) slots[back];
    }

    /**
     * Producer: makes the filled back slot the newest one.
     *
     * @return {@code true} if this replaced a published slot the consumer never took (a drop)
     */
    public boolean publish() {
        int previous = middle.getAndSet(back | FRESH);
        back = previous & INDEX_MASK;
        return (previous & FRESH) != 0;
    }

    /** Consumer: whether a slot was published since the last {@link #latest()}. */
    public boolean hasFresh() {
        return (middle.get() & FRESH) != 0;
    }

    /** Consumer: the newest published slot, or {@code null} if nothing was published yet. Never blocks. */
    @SuppressWarnings("unchecked")
    public T latest() {
        if ((middle.get() & FRESH) != 0) {
            front = middle.getAndSet(front) & INDEX_MASK;
            consumerHasSlot = true;
        }
        return consumerHasSlot ? (T) slots[front] : null;
    }
}
