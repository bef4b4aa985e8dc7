package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.world.onnx.OrtWorldStepper;

import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.djl.PyTorchRuntime;

import java.nio.FloatBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ReprojectingStepperTest {
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    private static final OrtOptions ONE_THREAD = OrtOptions.defaults().withIntraOpThreads(1);

    @Test
    void eachPredictionIsDecodedAndEncodedAgainAndThatLatentIsTheNextContext() {
        VitVaeWeights codec = VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3);
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 5);
             OrtDecoder decoder = OrtDecoder.create(codec, ONE_THREAD);
             OrtEncoder encoder = OrtEncoder.create(codec, ONE_THREAD);
             OrtWorldStepper plain = OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD);
             ReprojectingStepper reprojecting = new ReprojectingStepper(
                     OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD), decoder, encoder)) {
            float[] start = gaussian(7);
            plain.reset(FloatBuffer.wrap(start));
            reprojecting.reset(FloatBuffer.wrap(start));
            FloatBuffer predicted = FloatBuffer.allocate(FRAME);
            FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            FloatBuffer expected = FloatBuffer.allocate(FRAME);
            FloatBuffer next = FloatBuffer.allocate(FRAME + 3).position(3);
            OasisAction[] actions = {OasisAction.builder().forward().build(), OasisAction.builder().look(0, 6).build(),
                OasisAction.NONE, OasisAction.builder().forward().look(-2, 3).build()};
            double moved = 0;
            for (OasisAction action : actions) {
                // the plain stepper with its newest frame replaced by hand is what the re-projecting one must do
                plain.step(action, predicted);
                decoder.decode(predicted, image);
                encoder.encode(image, expected);
                plain.replaceNewest(expected);

                reprojecting.step(action, next);

                assertEquals(3, next.position(), "the position is not moved");
                float[] got = new float[FRAME];
                next.get(3, got);
                assertArrayEquals(expected.array(), got, 1e-6f, "the step's output is the re-encoded prediction");
                for (int i = 0; i < FRAME; i++) {
                    moved += Math.abs(predicted.get(i) - expected.get(i));
                }
                assertEquals(plain.contextSize(), reprojecting.contextSize());
            }
            assertTrue(moved > FRAME * 1e-3, "re-encoding changes the latents, so the comparison means something: "
                    + moved);
            assertTrue(reprojecting.describe().endsWith("re-encoded each step"), reprojecting.describe());
        }
    }

    @Test
    void replacingTheNewestFrameNeedsAContextAndAWholeLatent() {
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 5);
             OrtWorldStepper stepper = OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD)) {
            IllegalStateException empty = assertThrows(IllegalStateException.class,
                    () -> stepper.replaceNewest(FloatBuffer.wrap(gaussian(1))));
            assertTrue(empty.getMessage().contains("no context"), empty.getMessage());
            stepper.reset(FloatBuffer.wrap(gaussian(2)));
            IllegalArgumentException shortLatent = assertThrows(IllegalArgumentException.class,
                    () -> stepper.replaceNewest(FloatBuffer.allocate(FRAME - 1)));
            assertTrue(shortLatent.getMessage().contains("expected " + FRAME), shortLatent.getMessage());
        }
    }

    private static float[] gaussian(long seed) {
        Random random = new Random(seed);
        float[] values = new float[FRAME];
        for (int i = 0; i < FRAME; i++) {
            values[i] = (float) random.nextGaussian() * 0.3f;
        }
        return values;
    }
}
