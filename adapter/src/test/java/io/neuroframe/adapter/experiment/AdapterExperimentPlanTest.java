package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.AdapterCondition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdapterExperimentPlanTest {

    @Test
    void fullPlanRunsSeedBySeedWithEveryConditionOnce() {
        Protocol full = Protocol.full();
        List<String> cultures = List.of("culture-01", "culture-02", "culture-03");
        String headline = Libraries.kernelName(full.sigma(), full.amplitude());
        List<RunUnit> units = AdapterExperiment.plan(full, headline, cultures);

        int sweepCells = full.sweepSigmas().length * full.sweepAmplitudes().length;
        int perSeed = 6 + 2 * cultures.size() + (sweepCells - 1);
        assertEquals(1 + full.seeds() * perSeed, units.size());
        assertEquals(AdapterCondition.IDENTITY, units.get(0).condition());

        Set<String> keys = new HashSet<>();
        for (int i = 1; i < units.size(); i++) {
            assertTrue(keys.add(units.get(i).key()), "unit planned twice: " + units.get(i).key());
            assertEquals((i - 1) / perSeed, units.get(i).seed(), "unit " + i + " is out of seed order");
        }
    }
}
