package io.neuroframe.world.train;

import io.neuroframe.world.model.WorldModelConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WorldModelStepperTest {

    @Test
    void trainedToyModelMovesContentInTheActionsDirection() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        WorldModelConfig config = WorldTrainerTest.TINY;
        try (WorldTrainer trainer = WorldTrainer.start(config, new WorldTrainer.Options(6, 3e-3f, 10, 3, 0f, null, 0f, 1, 0, 0f),
                ShiftingPatternWorld.trajectories(24, 6, 11), engine)) {
            for (int i = 0; i < 100; i++) {
                trainer.trainStep();
            }
            float[] start = ShiftingPatternWorld.pattern(new Random(99));
            try (WorldModelStepper stepper = new WorldModelStepper(trainer.model(), 1, 0)) {
                int right = shiftAfter(stepper, start, ShiftingPatternWorld.TURN_RIGHT);
                int left = shiftAfter(stepper, start, ShiftingPatternWorld.TURN_LEFT);
                int still = shiftAfter(stepper, start, OasisAction.NONE);
                assertTrue(right < 0, "turning right should move content left, measured shift " + right);
                assertTrue(left > 0, "turning left should move content right, measured shift " + left);
                assertEquals(0, still, "no input should keep content in place");
                float[] predicted = predict(stepper, start, ShiftingPatternWorld.TURN_RIGHT);
                float[] truth = ShiftingPatternWorld.step(start, ShiftingPatternWorld.TURN_RIGHT);
                assertTrue(squaredError(predicted, truth) < 0.7 * squaredError(start, truth),
                        "the model should beat copying the last frame");
            }
        }
    }

    @Test
    void refiningFromALowNoiseLevelKeepsTheGuessWhereSamplingFromNoiseDoesNot() {
        Engine engine = PyTorchRuntime.engine(1);
        WorldModelConfig config = WorldTrainerTest.TINY.withObjective(WorldModelConfig.Objective.DIFFUSION);
        float[] start = ShiftingPatternWorld.pattern(new Random(5));
        float[] guess = ShiftingPatternWorld.step(start, ShiftingPatternWorld.TURN_RIGHT);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(config, manager, 1);
             WorldModelStepper a = new WorldModelStepper(model, 2, 42);
             WorldModelStepper b = new WorldModelStepper(model, 2, 42)) {
            a.reset(FloatBuffer.wrap(start));
            b.reset(FloatBuffer.wrap(start));
            FloatBuffer low = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            FloatBuffer again = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            FloatBuffer high = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            a.refine(ShiftingPatternWorld.TURN_RIGHT, FloatBuffer.wrap(guess), 2, low);
            b.refine(ShiftingPatternWorld.TURN_RIGHT, FloatBuffer.wrap(guess), 2, again);
            assertArrayEquals(low.array(), again.array(), "the same seed refines the same way");
            a.refine(ShiftingPatternWorld.TURN_RIGHT, FloatBuffer.wrap(guess), 999, high);
            assertEquals(1, a.contextSize(), "refining leaves the context as it was");
            double fromLow = squaredError(low.array(), guess);
            double fromNoise = squaredError(high.array(), guess);
            assertTrue(fromLow < 0.1 * fromNoise, "refined from level 2 the guess stays (error " + fromLow
                    + "), sampled from level 999 it does not (" + fromNoise + ")");
            assertThrows(IllegalArgumentException.class,
                    () -> a.refine(OasisAction.NONE, FloatBuffer.wrap(guess), 1000, high));
        }
        WorldModelConfig directConfig = WorldTrainerTest.TINY;
        try (NDManager manager = engine.newBaseManager();
             WorldDit direct = WorldDit.create(directConfig, manager, 1);
             WorldModelStepper stepper = new WorldModelStepper(direct, 2, 42)) {
            stepper.reset(FloatBuffer.wrap(start));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> stepper.refine(OasisAction.NONE,
                    FloatBuffer.wrap(guess), 2, FloatBuffer.allocate(LatentContract.LATENT_FLOATS)));
            assertTrue(e.getMessage().contains("only a diffusion model refines a guess"), e.getMessage());
        }
    }

    @Test
    void diffusionSamplingIsReproducibleAndFillsTheContextRing() {
        Engine engine = PyTorchRuntime.engine(1);
        WorldModelConfig config = WorldTrainerTest.TINY.withObjective(WorldModelConfig.Objective.DIFFUSION);
        float[] start = ShiftingPatternWorld.pattern(new Random(5));
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(config, manager, 1);
             WorldModelStepper a = new WorldModelStepper(model, 3, 42);
             WorldModelStepper b = new WorldModelStepper(model, 3, 42)) {
            FloatBuffer outA = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            FloatBuffer outB = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            a.reset(FloatBuffer.wrap(start));
            b.reset(FloatBuffer.wrap(start));
            for (int i = 0; i < 4; i++) {
                a.step(ShiftingPatternWorld.TURN_RIGHT, outA);
                b.step(ShiftingPatternWorld.TURN_RIGHT, outB);
                assertArrayEquals(outA.array(), outB.array());
            }
            assertEquals(config.contextFrames(), a.contextSize());
            for (float v : outA.array()) {
                assertTrue(Float.isFinite(v));
            }
            assertFalse(Arrays.equals(start, outA.array()));
        }
    }

    @Test
    void cachedContextGivesTheSameOutputAsTheWholeWindow() {
        Engine engine = PyTorchRuntime.engine(1);
        WorldModelConfig config = WorldTrainerTest.TINY.withObjective(WorldModelConfig.Objective.DIFFUSION);
        try (NDManager manager = engine.newBaseManager()) {
            WorldDit model = WorldDit.create(config, manager, 2);
            // give the zero-initialized output and adaLN layers weights, so every path carries signal
            Map<String, Tensor> tensors = new HashMap<>();
            Random random = new Random(8);
            for (Tensor t : model.toTensors()) {
                float[] d = t.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] += (float) (random.nextGaussian() * 0.05);
                }
                tensors.put(t.name(), t);
            }
            WorldDit loaded = WorldDit.fromTensors(config, tensors, "test", manager);
            int frames = config.maxFrames();
            NDArray latents = manager.randomNormal(new Shape(1, frames, 18, 32, 16));
            NDArray levels = manager.create(new float[] {14, 14, 600}, new Shape(1, frames));
            NDArray actions = manager.randomUniform(0, 1, new Shape(1, frames, 25));
            float[] whole = loaded.forward(latents, levels, actions).get("0, -1").toFloatArray();
            WorldDit.ContextKeys keys = loaded.forwardContext(latents.get(":, 0:{}", frames - 1),
                    levels.get(":, 0:{}", frames - 1), actions.get(":, 0:{}", frames - 1));
            float[] next = loaded.forwardNext(latents.get(":, {}:", frames - 1), levels.get(":, {}:", frames - 1),
                    actions.get(":, {}:", frames - 1), keys).get("0, 0").toFloatArray();
            assertArrayEquals(whole, next, 1e-4f);
            double norm = 0;
            for (float v : whole) {
                norm += v * v;
            }
            assertTrue(norm > 1e-3, "the output is not trivially zero");
        }
    }

    @Test
    void refusesToStepWithoutContext() {
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 1);
             WorldModelStepper stepper = new WorldModelStepper(model, 1, 0)) {
            FloatBuffer out = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            assertThrows(IllegalStateException.class, () -> stepper.step(OasisAction.NONE, out));
            assertThrows(IllegalArgumentException.class, () -> stepper.reset(FloatBuffer.allocate(10)));
        }
    }

    private static int shiftAfter(WorldModelStepper stepper, float[] start, OasisAction action) {
        return ShiftingPatternWorld.measuredShift(start, predict(stepper, start, action));
    }

    private static float[] predict(WorldModelStepper stepper, float[] start, OasisAction action) {
        FloatBuffer next = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        stepper.reset(FloatBuffer.wrap(start));
        stepper.step(action, next);
        return next.array();
    }

    private static double squaredError(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }
}
