package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.world.dream.RefiningStepper;
import io.neuroframe.world.model.WorldModelConfig;

import ai.djl.ndarray.NDManager;

import java.nio.FloatBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RefiningStepperTest {
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    private static final WorldModelConfig DIFFUSION = WorldTrainerTest.TINY.withObjective(WorldModelConfig.Objective.DIFFUSION);

    @Test
    void eachStepIsTheDirectPredictionRefinedAndBothContextsKeepTheRefinedFrame() {
        float[] start = ShiftingPatternWorld.pattern(new Random(3));
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit direct = WorldDit.create(WorldTrainerTest.TINY, manager, 5);
             WorldDit diffusion = WorldDit.create(DIFFUSION, manager, 6);
             WorldModelStepper byHandDirect = new WorldModelStepper(direct, 1, 0);
             WorldModelStepper byHandRefiner = new WorldModelStepper(diffusion, 2, 11);
             WorldModelStepper refinerOnly = new WorldModelStepper(diffusion, 2, 11);
             RefiningStepper refining = new RefiningStepper(new WorldModelStepper(direct, 1, 0),
                     new WorldModelStepper(diffusion, 2, 11), 20)) {
            byHandDirect.reset(FloatBuffer.wrap(start));
            byHandRefiner.reset(FloatBuffer.wrap(start));
            refining.reset(FloatBuffer.wrap(start));
            FloatBuffer guess = FloatBuffer.allocate(FRAME);
            FloatBuffer expected = FloatBuffer.allocate(FRAME);
            FloatBuffer next = FloatBuffer.allocate(FRAME + 2).position(2);
            OasisAction[] actions = {ShiftingPatternWorld.TURN_RIGHT, OasisAction.NONE, ShiftingPatternWorld.TURN_LEFT,
                ShiftingPatternWorld.TURN_RIGHT};
            for (OasisAction action : actions) {
                byHandDirect.predict(action, guess);
                byHandRefiner.refine(action, guess, 20, expected);
                byHandDirect.push(expected, action);
                byHandRefiner.push(expected, action);

                refining.step(action, next);

                assertEquals(2, next.position(), "the position is not moved");
                float[] got = new float[FRAME];
                next.get(2, got);
                assertArrayEquals(expected.array(), got, "the direct prediction refined from level 20");
                assertTrue(squaredError(got, guess.array()) > 0, "the refiner changes the prediction");
            }
            assertEquals(WorldTrainerTest.TINY.contextFrames(), refining.contextSize());
            assertTrue(refining.describe().endsWith(", refined by " + byHandRefiner.describe() + " from level 20"),
                    refining.describe());

            IllegalArgumentException notDiffusion = assertThrows(IllegalArgumentException.class,
                    () -> new RefiningStepper(refinerOnly, byHandDirect, 20));
            assertTrue(notDiffusion.getMessage().contains("not a diffusion model"), notDiffusion.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new RefiningStepper(byHandDirect, refinerOnly, 1000));
        }
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit direct = WorldDit.create(WorldTrainerTest.TINY, manager, 5);
             WorldDit longer = WorldDit.create(DIFFUSION.withMaxFrames(WorldTrainerTest.TINY.maxFrames() + 1), manager, 6);
             WorldModelStepper directStepper = new WorldModelStepper(direct, 1, 0);
             WorldModelStepper longerStepper = new WorldModelStepper(longer, 2, 0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RefiningStepper(directStepper, longerStepper, 20));
            assertTrue(e.getMessage().contains("context frames"), e.getMessage());
        }
    }

    private static double squaredError(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
