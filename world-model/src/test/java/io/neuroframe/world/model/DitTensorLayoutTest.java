package io.neuroframe.world.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DitTensorLayoutTest {

    /** Parameters of one block half at width d and MLP ratio r, by hand from open-oasis's module shapes. */
    private static long halfBlock(long d, long r) {
        long attention = 3 * d * d + (d * d + d);
        long mlp = (r * d * d + r * d) + (r * d * d + d);
        long adaLn = 6 * d * d + 6 * d;
        return attention + mlp + adaLn;
    }

    private static long byHand(long d, long depth, long r, long patch) {
        long embed = d * 16 * patch * patch + d;
        long timestep = (256 * d + d) + (d * d + d);
        long action = 25 * d + d;
        long last = (patch * patch * 16 * d + patch * patch * 16) + (2 * d * d + 2 * d);
        return embed + timestep + action + depth * 2 * halfBlock(d, r) + last;
    }

    @Test
    void oasisDitS2HasTheParameterCountOfItsShapes() {
        assertEquals(byHand(1024, 16, 4, 2), DitTensorLayout.parameterCount(WorldModelConfig.OASIS_DIT_S2));
        assertEquals(607_943_744L, DitTensorLayout.parameterCount(WorldModelConfig.OASIS_DIT_S2));
        assertEquals(byHand(64, 4, 4, 2), DitTensorLayout.parameterCount(WorldModelConfig.NF_WORLD_SMALL));
    }

    @Test
    void flopsScaleWithTheWindow() {
        WorldModelConfig c = WorldModelConfig.NF_WORLD_SMALL;
        long one = DitTensorLayout.flopsPerForward(c, 1);
        long five = DitTensorLayout.flopsPerForward(c, 5);
        long d = c.hidden();
        long tokens = c.tokensPerFrame();
        long linearPerToken = 2L * c.depth() * 2 * (4 * d * d + 2L * c.mlpRatio() * d * d);
        assertTrue(one > tokens * linearPerToken, "at least the blocks' linear layers");
        // spatial attention adds N / (12 D) of the linear cost per frame: 144 / 768 at width 64
        double attentionShare = (double) tokens / (12 * d);
        assertTrue(one < (1.05 + attentionShare) * tokens * linearPerToken, "linear layers and attention make up the cost");
        assertTrue(five > 5 * one, "temporal attention grows faster than linearly");
    }

    @Test
    void presetsAreFoundByName() {
        assertEquals(WorldModelConfig.OASIS_DIT_S2, WorldModelConfig.preset("oasis-dit-s2"));
        assertEquals(144, WorldModelConfig.OASIS_DIT_S2.tokensPerFrame());
        assertEquals(31, WorldModelConfig.OASIS_DIT_S2.contextFrames());
        assertThrows(IllegalArgumentException.class, () -> WorldModelConfig.preset("nope"));
        assertThrows(IllegalArgumentException.class,
                () -> new WorldModelConfig("bad", 3, 64, 1, 1, 4, 2, WorldModelConfig.Objective.DIRECT, 0f));
    }
}
