package io.neuroframe.api.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TripleBufferTest {

    private static final class Slot {
        int value;
    }

    @Test
    void consumerSeesNothingBeforeTheFirstPublish() {
        TripleBuffer<Slot> buffer = new TripleBuffer<>(Slot::new);
        assertNull(buffer.latest());
        assertFalse(buffer.hasFresh());
    }

    @Test
    void newestPublishWinsAndOverwrittenOnesCountAsDrops() {
        TripleBuffer<Slot> buffer = new TripleBuffer<>(Slot::new);
        buffer.back().value = 1;
        assertFalse(buffer.publish());
        buffer.back().value = 2;
        assertTrue(buffer.publish(), "publishing over an untaken slot is a drop");
        buffer.back().value = 3;
        assertTrue(buffer.publish());
        assertEquals(3, buffer.latest().value);
        assertFalse(buffer.hasFresh());
    }

    @Test
    void consumerKeepsItsSlotUntilItAsksAgain() {
        TripleBuffer<Slot> buffer = new TripleBuffer<>(Slot::new);
        buffer.back().value = 1;
        buffer.publish();
        Slot shown = buffer.latest();
        for (int i = 2; i <= 10; i++) {
            Slot back = buffer.back();
            assertFalse(back == shown, "the producer must never write the slot the consumer holds");
            back.value = i;
            buffer.publish();
        }
        assertEquals(1, shown.value);
        assertEquals(10, buffer.latest().value);
        assertEquals(10, buffer.latest().value, "asking again without a publish returns the same frame");
    }
}
