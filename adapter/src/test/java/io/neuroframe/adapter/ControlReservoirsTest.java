package io.neuroframe.adapter;

import io.neuroframe.api.LatentAdapter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.response.LocalKernelResponse;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ControlReservoirsTest {

    private static final MeaGeometry GEOMETRY = MeaGeometry.standard();
    private static final StimulationEncoding ENCODING = StimulationEncoding.defaults();
    private static KernelBank biology;

    @BeforeAll
    static void buildBiology() {
        biology = KernelBank.of(LocalKernelResponse.of(GEOMETRY, 2.0, 1f), ENCODING.siteElectrodes(), 0f);
    }

    @Test
    void randomControlsMatchTheBiologicalNormPerSiteAndLevel() {
        KernelBank random = ControlReservoirs.frozenRandom(biology, 1);
        KernelBank smooth = ControlReservoirs.smoothRandom(biology, GEOMETRY, 2.0, 1);
        for (int site : new int[] {0, 100, 575}) {
            for (int level = 0; level < biology.levels(); level++) {
                assertEquals(biology.norm(site, level), random.norm(site, level), 1e-3 * biology.norm(site, level));
                assertEquals(biology.norm(site, level), smooth.norm(site, level), 1e-3 * biology.norm(site, level));
            }
        }
        assertEquals(576L * 4 * 4096, random.nonZeros(), "the frozen random reservoir is dense");
    }

    @Test
    void smoothControlIsSpatiallyCorrelatedAndTheDenseOneIsNot() {
        double smooth = neighbourCorrelation(ControlReservoirs.smoothRandom(biology, GEOMETRY, 2.0, 2).denseKernel(7, 3));
        double dense = neighbourCorrelation(ControlReservoirs.frozenRandom(biology, 2).denseKernel(7, 3));
        assertTrue(smooth > 0.8, "smooth neighbour correlation " + smooth);
        assertTrue(Math.abs(dense) < 0.1, "dense neighbour correlation " + dense);
    }

    private static double neighbourCorrelation(float[] map) {
        double sxy = 0;
        double sxx = 0;
        for (int r = 0; r < GEOMETRY.rows(); r++) {
            for (int c = 0; c + 1 < GEOMETRY.cols(); c++) {
                double a = map[GEOMETRY.index(r, c)];
                double b = map[GEOMETRY.index(r, c + 1)];
                sxy += a * b;
                sxx += a * a;
            }
        }
        return sxy / sxx;
    }

    @Test
    void shuffledBiologyKeepsTheValuesButMovesTheElectrodes() {
        KernelBank shuffled = ControlReservoirs.shuffled(biology, 3);
        float[] original = biology.denseKernel(50, 2);
        float[] moved = shuffled.denseKernel(50, 2);
        float[] a = original.clone();
        float[] b = moved.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(original, moved));
        int site = ENCODING.siteElectrode(50);
        assertTrue(moved[site] < original[site], "the peak left the stimulated electrode");
    }

    @Test
    void everyConditionStartsAsTheIdentityWithTheDocumentedParameterCount() {
        FloatBuffer input = BioAdapterTest.randomLatent(9);
        StimulationEncoding twoRows = StimulationEncoding.builder(GEOMETRY)
                .region(new io.neuroframe.adapter.mea.TokenRegion(8, 10, 0, 32)).build();
        for (AdapterCondition condition : AdapterCondition.values()) {
            assertEquals(condition, AdapterCondition.fromId(condition.id()));
            if (!condition.hasFramePath()) {
                assertThrows(IllegalStateException.class, () -> condition.untrained(biology, twoRows, 11));
                continue;
            }
            try (LatentAdapter adapter = condition.untrained(biology, twoRows, 11)) {
                assertArrayEquals(BioAdapterTest.values(input), BioAdapterTest.apply(adapter, input), condition.id());
            }
        }
        assertEquals(0, AdapterCondition.IDENTITY.trainableParameters(4, 4096));
        assertEquals(2_359_297, AdapterCondition.LOCAL_KERNEL.trainableParameters(4, 4096));
        assertEquals(2_359_297, AdapterCondition.FROZEN_RANDOM.trainableParameters(4, 4096));
        assertEquals(2_359_297, AdapterCondition.SHUFFLED_BIOLOGY.trainableParameters(4, 4096));
        assertEquals(2_359_297, AdapterCondition.LOW_RANK.trainableParameters(4, 4096));
        assertEquals(LowRankAdapter.initial(1).parameterCount(), AdapterCondition.LOW_RANK.trainableParameters(4, 4096));
        assertEquals(2_359_297 + 4L * 2_359_296, AdapterCondition.FULLY_TRAINABLE.trainableParameters(4, 4096));
        assertThrows(IllegalArgumentException.class, () -> AdapterCondition.fromId("nope"));
    }
}
