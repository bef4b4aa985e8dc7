package io.neuroframe.world.train;

import io.neuroframe.world.onnx.OrtWorldRefiner;
import io.neuroframe.world.onnx.OrtWorldStepper;
import io.neuroframe.world.model.WorldModelConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.weights.Tensor;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class OrtWorldStepperTest {
    private static final float TOLERANCE = 1e-3f;

    @Test
    void onnxRuntimeAndDjlAgreeStepByStep() {
        Engine engine = PyTorchRuntime.engine(1);
        for (WorldModelConfig config : List.of(WorldModelConfig.NF_WORLD_SMALL_DIRECT, WorldTrainerTest.TINY,
                WorldTrainerTest.TINY.withViewShift(5.5f))) {
            try (NDManager manager = engine.newBaseManager();
                 WorldDit model = withSignalEverywhere(config, manager);
                 WorldModelStepper djl = new WorldModelStepper(model, 1, 0);
                 OrtWorldStepper ort = OrtWorldStepper.create(model.config(), model.toTensors(), OrtOptions.defaults().withIntraOpThreads(1))) {
                Random random = new Random(3);
                float[] start = new float[LatentContract.LATENT_FLOATS];
                for (int i = 0; i < start.length; i++) {
                    start[i] = (float) random.nextGaussian();
                }
                djl.reset(FloatBuffer.wrap(start));
                ort.reset(FloatBuffer.wrap(start));
                FloatBuffer fromDjl = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
                FloatBuffer fromOrt = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
                OasisAction[] actions = {OasisAction.builder().forward().build(),
                    OasisAction.builder().look(0, 6).build(), OasisAction.builder().look(-2, -9).jump().build(),
                    OasisAction.NONE, OasisAction.builder().forward().look(0, 3).build()};
                float[] previous = start.clone();
                double change = 0;
                for (int s = 0; s < actions.length; s++) {
                    djl.step(actions[s], fromDjl);
                    ort.step(actions[s], fromOrt);
                    for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
                        float a = fromDjl.get(i);
                        float b = fromOrt.get(i);
                        assertTrue(Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a)), config.name() + " step "
                                + s + " (context " + ort.contextSize() + "), value " + i + ": djl " + a + ", ort " + b);
                        change += Math.abs(a - previous[i]);
                        previous[i] = a;
                    }
                    assertEquals(djl.contextSize(), ort.contextSize());
                }
                assertEquals(config.contextFrames(), ort.contextSize());
                assertTrue(change > LatentContract.LATENT_FLOATS * 0.01,
                        "the steps change the latent, so the comparison means something: " + change);
            }
        }
    }

    @Test
    void onnxRuntimeRefinerAgreesWithDjlForTheSameSeed() {
        Engine engine = PyTorchRuntime.engine(1);
        WorldModelConfig config = WorldTrainerTest.TINY.withObjective(WorldModelConfig.Objective.DIFFUSION);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = withSignalEverywhere(config, manager);
             WorldModelStepper djl = new WorldModelStepper(model, 3, 7);
             OrtWorldRefiner ort = OrtWorldRefiner.create(config, model.toTensors(),
                     OrtOptions.defaults().withIntraOpThreads(1), 3, 7)) {
            Random random = new Random(4);
            float[] start = gaussian(random);
            djl.reset(FloatBuffer.wrap(start));
            ort.reset(FloatBuffer.wrap(start));
            FloatBuffer fromDjl = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            FloatBuffer fromOrt = FloatBuffer.allocate(LatentContract.LATENT_FLOATS + 5).position(5);
            OasisAction[] actions = {OasisAction.builder().forward().build(), OasisAction.builder().look(0, 6).build(),
                OasisAction.NONE, OasisAction.builder().forward().look(-2, 3).build()};
            for (int s = 0; s < actions.length; s++) {
                float[] guess = gaussian(random);
                djl.refine(actions[s], FloatBuffer.wrap(guess), 50, fromDjl);
                ort.refine(actions[s], FloatBuffer.wrap(guess), 50, fromOrt);
                assertEquals(5, fromOrt.position(), "the position is not moved");
                double changed = 0;
                for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
                    float a = fromDjl.get(i);
                    float b = fromOrt.get(5 + i);
                    assertTrue(Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a)), "refinement " + s
                            + " (context " + ort.contextSize() + "), value " + i + ": djl " + a + ", ort " + b);
                    changed += Math.abs(a - guess[i]);
                }
                assertTrue(changed > LatentContract.LATENT_FLOATS * 0.01, "the refinement changes the guess: " + changed);
                djl.push(fromDjl, actions[s]);
                ort.push(fromOrt.duplicate().position(5), actions[s]);
            }
            assertEquals(config.contextFrames(), ort.contextSize());
            IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () -> OrtWorldRefiner.create(
                    WorldTrainerTest.TINY, model.toTensors(), OrtOptions.defaults(), 3, 7));
            assertTrue(direct.getMessage().contains("only DIFFUSION models have a denoising step"), direct.getMessage());
        }
    }

    private static float[] gaussian(Random random) {
        float[] values = new float[LatentContract.LATENT_FLOATS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (0.13 * random.nextGaussian());
        }
        return values;
    }

    @Test
    void refusesDiffusionModelsAndStepsWithoutContext() {
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager();
             WorldDit diffusion = WorldDit.create(WorldTrainerTest.TINY.withObjective(WorldModelConfig.Objective.DIFFUSION),
                     manager, 1);
             WorldDit direct = WorldDit.create(WorldTrainerTest.TINY, manager, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OrtWorldStepper.create(diffusion.config(), diffusion.toTensors(), OrtOptions.defaults()));
            assertTrue(e.getMessage().contains("DIFFUSION"), e.getMessage());
            try (OrtWorldStepper ort = OrtWorldStepper.create(direct.config(), direct.toTensors(), OrtOptions.defaults().withIntraOpThreads(1))) {
                FloatBuffer out = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
                assertThrows(IllegalStateException.class, () -> ort.step(OasisAction.NONE, out));
            }
        }
    }

    /** The preset's initial weights plus noise, so the zero-initialized output and adaLN layers carry signal. */
    static WorldDit withSignalEverywhere(WorldModelConfig config, NDManager manager) {
        Map<String, Tensor> tensors = new HashMap<>();
        Random random = new Random(8);
        try (WorldDit fresh = WorldDit.create(config, manager, 2)) {
            for (Tensor t : fresh.toTensors()) {
                float[] d = t.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] += (float) (random.nextGaussian() * 0.05);
                }
                tensors.put(t.name(), t);
            }
        }
        return WorldDit.fromTensors(config, tensors, "test", manager);
    }
}
