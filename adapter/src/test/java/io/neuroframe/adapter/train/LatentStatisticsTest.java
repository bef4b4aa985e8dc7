package io.neuroframe.adapter.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.api.LatentContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentStatisticsTest {

    /** Gaussian latents with standard deviation 0.13 (nf-small's scaled latents), channel 5 twice as wide. */
    private static float[][] latents(int frames) {
        SplittableRandom random = new SplittableRandom(4);
        float[][] out = new float[frames][LatentContract.LATENT_FLOATS];
        for (float[] latent : out) {
            for (int i = 0; i < latent.length; i++) {
                latent[i] = (float) (random.nextGaussian() * (i % LatentContract.CHANNELS == 5 ? 0.26 : 0.13));
            }
        }
        return out;
    }

    @Test
    void the99thPercentileOfEachChannelFollowsItsOwnSpread() {
        float[] p99 = LatentStatistics.channelPercentiles(latents(20), 99);
        assertEquals(2.576 * 0.13, p99[0], 0.02);
        assertEquals(2.576 * 0.26, p99[5], 0.04);
    }

    @Test
    void perChannelSaturationMovesHalfTheSitesAboveOneMicroampereWhereTheFixedOneLeavesNone() {
        float[][] latents = latents(10);
        StimulationEncoding fitted = StimulationEncoding.builder(io.neuroframe.adapter.mea.MeaGeometry.standard())
                .channelSaturation(LatentStatistics.channelPercentiles(latents, 99)).build();
        StimulationEncoding fixed = StimulationEncoding.defaults();
        long fittedAbove = 0;
        long fixedAbove = 0;
        long total = 0;
        for (float[] latent : latents) {
            for (int i = 0; i < latent.length; i++) {
                int c = i % LatentContract.CHANNELS;
                fittedAbove += fitted.currentUa(latent[i], c) > 1f ? 1 : 0;
                fixedAbove += fixed.currentUa(latent[i], c) > 1f ? 1 : 0;
                total++;
            }
        }
        // |z| > p99 / 4 = 0.644 standard deviations: 52 % of a Gaussian.
        assertEquals(0.52, (double) fittedAbove / total, 0.02);
        assertTrue((double) fixedAbove / total < 0.01, "fixed saturation 3: " + fixedAbove + " of " + total);
    }

    @Test
    void aChannelWithoutNonZeroValuesIsNamed() {
        float[][] latents = latents(2);
        for (float[] latent : latents) {
            for (int t = 0; t < LatentContract.TOKENS; t++) {
                latent[t * LatentContract.CHANNELS + 7] = 0f;
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentStatistics.channelPercentiles(latents, 99));
        assertTrue(e.getMessage().contains("latent channel 7"), e.getMessage());
    }
}
