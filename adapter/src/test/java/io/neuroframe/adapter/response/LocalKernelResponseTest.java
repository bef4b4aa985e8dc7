package io.neuroframe.adapter.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.mea.MeaGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalKernelResponseTest {

    private final MeaGeometry g = MeaGeometry.standard();
    private final LocalKernelResponse model = LocalKernelResponse.of(g, 2.0, 1f);
    private final int site = g.index(32, 32);

    private float[] mean(int level) {
        float[] activity = new float[g.electrodes()];
        model.addMeanResponse(site, level, 1f, activity);
        return activity;
    }

    @Test
    void activityFallsOffWithDistanceFromTheSite() {
        float[] a = mean(3);
        assertEquals(1f, a[site], 1e-6);
        float previous = Float.MAX_VALUE;
        for (int col = 32; col < 42; col++) {
            float value = a[g.index(32, col)];
            assertTrue(value < previous || value == 0f, "not decreasing at col " + col);
            previous = value;
        }
        assertEquals(Math.exp(-0.5 * 4 / 4.0), a[g.index(32, 34)], 1e-6);
        assertEquals(0f, a[g.index(32, 32 + 9)], "cut beyond 4 sigma");
        assertEquals(0f, a[g.index(0, 0)]);
    }

    @Test
    void strongerCurrentReachesFurtherWithMoreActivity() {
        SpatialStats previous = null;
        for (int level = 0; level < 4; level++) {
            SpatialStats stats = SpatialStats.of(g, mean(level), site, 20);
            if (previous != null) {
                assertTrue(stats.total() > previous.total(), "total at level " + level);
                assertTrue(stats.peak() > previous.peak(), "peak at level " + level);
                assertTrue(stats.rmsRadiusPitches() > previous.rmsRadiusPitches(), "spread at level " + level);
            }
            previous = stats;
        }
        assertEquals(1.0, model.sigmaAt(0), 1e-9);
        assertEquals(2.0, model.sigmaAt(3), 1e-9);
        assertEquals(0.25, model.amplitudeAt(0), 1e-9);
    }

    @Test
    void respondInterpolatesBetweenLevelsAndFromZeroBelowTheFirst() {
        float[] halfway = new float[g.electrodes()];
        model.respond(new int[] {site}, new float[] {2.5f}, null, halfway);
        float[] l1 = mean(1);
        float[] l2 = mean(2);
        for (int e = 0; e < halfway.length; e++) {
            assertEquals(0.5f * (l1[e] + l2[e]), halfway[e], 1e-6);
        }
        float[] low = new float[g.electrodes()];
        model.respond(new int[] {site}, new float[] {-0.5f}, null, low);
        float[] l0 = mean(0);
        for (int e = 0; e < low.length; e++) {
            assertEquals(-0.5f * l0[e], low[e], 1e-6);
        }
    }

    @Test
    void trialModeVariesAcrossTrialsAndRepeatsForASeed() {
        int[] sites = {site, g.index(10, 10)};
        float[] currents = {3f, 1.5f};
        float[] first = new float[g.electrodes()];
        float[] again = new float[g.electrodes()];
        float[] other = new float[g.electrodes()];
        model.respond(sites, currents, new SplittableRandom(7), first);
        model.respond(sites, currents, new SplittableRandom(7), again);
        model.respond(sites, currents, new SplittableRandom(8), other);
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        float[] deterministic = new float[g.electrodes()];
        model.respond(sites, currents, null, deterministic);
        assertFalse(Arrays.equals(first, deterministic));
    }
}
