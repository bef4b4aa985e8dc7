package io.neuroframe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RemoteStatsTest {

    @Test
    void percentilesComeFromTheRoundTripHistogramWithinItsResolution() {
        RemoteStats stats = new RemoteStats();
        long fast = TimeUnit.MILLISECONDS.toNanos(2);
        long slow = TimeUnit.MILLISECONDS.toNanos(40);
        for (int i = 0; i < 90; i++) {
            stats.responseReceived(fast, false);
        }
        for (int i = 0; i < 10; i++) {
            stats.responseReceived(slow, true);
        }
        long[] counts = new long[RemoteStats.roundTripBuckets()];
        assertEquals(-1, RemoteStats.percentileNanos(counts, 0.5), "an empty histogram has no percentile");
        stats.addRoundTripCounts(counts);
        double resolution = Math.pow(2, 1.0 / RemoteStats.BUCKETS_PER_OCTAVE);
        assertEquals(1, RemoteStats.percentileNanos(counts, 0.50) / fast, resolution - 1);
        assertEquals(1, RemoteStats.percentileNanos(counts, 0.95) / slow, resolution - 1);
        assertEquals(10, stats.late());
        assertEquals(100, stats.responses());
        assertThrows(IllegalArgumentException.class, () -> RemoteStats.percentileNanos(counts, 1.5));
    }

    @Test
    void theSummaryNamesRoundTripAndCounters() {
        RemoteStats stats = new RemoteStats();
        assertTrue(stats.appendSummary(new StringBuilder()).toString().startsWith("rtt - ms (avg -)"));
        stats.responseReceived(TimeUnit.MICROSECONDS.toNanos(12_340), false);
        stats.failed("gone");
        assertEquals("rtt 12.3 ms (avg 12.3), late 0, rejected 0, failures 1, reconnects 0, protocol errors 0",
                stats.appendSummary(new StringBuilder()).toString());
    }

    @Test
    void aRefusedRequestIsCountedApartFromFailuresAndItsServerMessageShownOnALineOfItsOwn() {
        RemoteStats stats = new RemoteStats();
        stats.refused("INVALID_ARGUMENT: model 'world-step': input 'action' has shape [1, 25], expected [batch, 24]");
        assertEquals(0, stats.failures());
        assertEquals(1, stats.protocolErrors());
        assertEquals("rtt - ms (avg -), late 0, rejected 0, failures 0, reconnects 0, protocol errors 1\n"
                + "protocol error: INVALID_ARGUMENT: model 'world-step': input 'action' has shape [1, 25], expected [batch, 24]",
                stats.appendSummary(new StringBuilder()).toString());
    }
}
