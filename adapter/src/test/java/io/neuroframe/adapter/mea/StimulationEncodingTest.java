package io.neuroframe.adapter.mea;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StimulationEncodingTest {

    private final MeaGeometry g = MeaGeometry.standard();

    @Test
    void spreadLayoutGivesEveryTokenItsOwnSiteAcrossTheWholeArray() {
        int[] sites = StimulationEncoding.defaults().siteElectrodes();
        assertEquals(LatentContract.TOKENS, sites.length);
        assertEquals(sites.length, Arrays.stream(sites).distinct().count());
        int minRow = Arrays.stream(sites).map(g::row).min().orElseThrow();
        int maxRow = Arrays.stream(sites).map(g::row).max().orElseThrow();
        int maxCol = Arrays.stream(sites).map(g::col).max().orElseThrow();
        assertEquals(1, minRow);
        assertEquals(62, maxRow);
        assertEquals(63, maxCol);
        assertEquals(g.index(1, 1), sites[0]);
        assertEquals(g.index(1, 3), sites[1]);
    }

    @Test
    void aspectPreservingLayoutUsesOneStepOfTwoElectrodesInACentredBand() {
        int[] sites = StimulationEncoding.builder(g).layout(SiteLayout.ASPECT_PRESERVING).build().siteElectrodes();
        assertEquals(g.index(15, 1), sites[0]);
        assertEquals(g.index(17, 1), sites[LatentContract.TOKEN_COLS]);
        assertEquals(g.index(49, 63), sites[sites.length - 1]);
    }

    @Test
    void currentGrowsLinearlyWithMagnitudeAndSaturates() {
        StimulationEncoding e = StimulationEncoding.defaults();
        assertEquals(0f, e.currentUa(0f, 0));
        assertEquals(0f, e.currentUa(Float.NaN, 0));
        assertEquals(2f, e.currentUa(1.5f, 0), 1e-6);
        assertEquals(2f, e.currentUa(-1.5f, 0), 1e-6);
        assertEquals(4f, e.currentUa(3f, 0), 1e-6);
        assertEquals(4f, e.currentUa(100f, 0), 1e-6);
        assertEquals(-1f, e.polarity(-0.5f));
        assertEquals(1f, e.polarity(0.5f));
        StimulationEncoding magnitude = StimulationEncoding.builder(g)
                .signMode(StimulationEncoding.SignMode.MAGNITUDE).build();
        assertEquals(1f, magnitude.polarity(-0.5f));
    }

    @Test
    void perChannelSaturationScalesEachChannelToTheFullCurrentRange() {
        float[] saturation = new float[LatentContract.CHANNELS];
        Arrays.fill(saturation, 0.5f);
        saturation[3] = 0.2f;
        StimulationEncoding e = StimulationEncoding.builder(g).channelSaturation(saturation).build();
        assertTrue(e.hasChannelSaturation());
        assertEquals(2f, e.currentUa(0.25f, 0), 1e-6);
        assertEquals(4f, e.currentUa(0.25f, 3), 1e-6);
        assertEquals(2f, e.currentUa(-0.1f, 3), 1e-6);
        assertEquals(0.2f, e.saturationLatent(3));
        float[] wrongLength = new float[3];
        assertThrows(IllegalArgumentException.class,
                () -> StimulationEncoding.builder(g).channelSaturation(wrongLength));
        saturation[5] = 0f;
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> StimulationEncoding.builder(g).channelSaturation(saturation));
        assertTrue(zero.getMessage().contains("channel 5"), zero.getMessage());
    }

    @Test
    void selectsChannelSubsetsAndRegions() {
        StimulationEncoding e = StimulationEncoding.builder(g).channels(7, 2)
                .region(new TokenRegion(4, 6, 10, 13)).build();
        assertArrayEquals(new int[] {2, 7}, e.channels());
        int[] active = e.activeTokens();
        assertEquals(6, active.length);
        assertEquals(4 * 32 + 10, active[0]);
        assertEquals(5 * 32 + 12, active[5]);
        assertTrue(Arrays.stream(active).allMatch(e.region()::contains));
    }

    @Test
    void rejectsInvalidSelections() {
        assertThrows(IllegalArgumentException.class, () -> StimulationEncoding.builder(g).channels(16));
        assertThrows(IllegalArgumentException.class, () -> StimulationEncoding.builder(g).channels(1, 1));
        assertThrows(IllegalArgumentException.class, () -> StimulationEncoding.builder(g).channels());
        assertThrows(IllegalArgumentException.class, () -> new TokenRegion(5, 5, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> new TokenRegion(0, 19, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> StimulationEncoding.builder(g).maxCurrentUa(0f));
    }
}
