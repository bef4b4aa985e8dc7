package io.neuroframe.adapter.culture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.mea.MeaGeometry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PatternResponseTest {

    private static final MeaGeometry GEOMETRY = new MeaGeometry(24, 24, 42.0);
    private static final CultureParameters PARAMETERS = CultureParameters.defaults().withGeometry(GEOMETRY)
            .withNeurons(576);
    private static final int TRIALS = 8;

    private static double meanSpikes(PatternResponse response, float[] currents) {
        int[] counts = new int[response.electrodes()];
        long total = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            response.respond(currents, trial, counts);
            total += Arrays.stream(counts).sum();
        }
        return (double) total / TRIALS;
    }

    @Test
    void aPatternIsAnsweredAsAWholeNotAsTheSumOfItsSites() {
        int[] sites = {GEOMETRY.index(12, 11), GEOMETRY.index(12, 13)};
        PatternResponse response = new PatternResponse(CultureNetwork.grow(PARAMETERS, 5), sites, 5);
        double background = meanSpikes(response, new float[] {0f, 0f});
        double left = meanSpikes(response, new float[] {1.5f, 0f}) - background;
        double right = meanSpikes(response, new float[] {0f, 1.5f}) - background;
        double both = meanSpikes(response, new float[] {1.5f, 1.5f}) - background;
        assertTrue(left > 0 && right > 0, "each site alone evokes spikes: " + left + ", " + right);
        // Fields of neighbouring sites add on the neurons between them, which then cross threshold.
        assertTrue(both > 1.2 * (left + right), "the pair evokes " + both + " spikes, the sites alone " + left + " + "
                + right);
    }

    @Test
    void responsesAreDeterministicPerTrialAndCheckTheirInput() {
        int[] sites = {GEOMETRY.index(5, 5), GEOMETRY.index(18, 18)};
        PatternResponse a = new PatternResponse(CultureNetwork.grow(PARAMETERS, 5), sites, 5);
        PatternResponse b = new PatternResponse(CultureNetwork.grow(PARAMETERS, 5), sites, 5);
        int[] first = new int[a.electrodes()];
        int[] second = new int[a.electrodes()];
        a.respond(new float[] {2f, 4f}, 3, first);
        b.respond(new float[] {2f, 4f}, 3, second);
        assertArrayEquals(first, second);
        assertThrows(IllegalArgumentException.class, () -> a.respond(new float[] {-1f, 0f}, 0, first));
        assertThrows(IllegalArgumentException.class, () -> a.respond(new float[] {1f}, 0, first));
        assertThrows(IllegalArgumentException.class,
                () -> new PatternResponse(CultureNetwork.grow(PARAMETERS, 5), new int[] {GEOMETRY.electrodes()}, 5));
    }
}
