package io.neuroframe.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void backOffDoublesUpToItsCapAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(10, 35);
        assertEquals(10, backoff.next());
        assertEquals(20, backoff.next());
        assertEquals(35, backoff.next());
        assertEquals(35, backoff.next());
        backoff.reset();
        assertEquals(10, backoff.next());
    }
}
