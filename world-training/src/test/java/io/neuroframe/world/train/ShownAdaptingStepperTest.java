package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.neuroframe.adapter.ChannelAffineAdapter;
import io.neuroframe.adapter.ReadoutWeights;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.onnx.OrtWorldStepper;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link ShownAdaptingStepper}: the output is adapted, the context stays the model's own. */
class ShownAdaptingStepperTest {
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    private static final int C = LatentContract.CHANNELS;
    private static final OrtOptions ONE_THREAD = OrtOptions.defaults().withIntraOpThreads(1);

    @Test
    void eachOutputIsTheAdaptedPredictionAndTheModelBuildsOnItsOwn() {
        float[] scale = new float[C];
        float[] shift = new float[C];
        Arrays.fill(scale, -0.5f);
        Arrays.fill(shift, 0.02f);
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY.withViewShift(5.5f), manager, 5);
             LatentAdapter adapter = ChannelAffineAdapter.fromTensors(Map.of(
                     ChannelAffineAdapter.SCALE_NAME, new Tensor(ChannelAffineAdapter.SCALE_NAME, new int[] {C}, scale),
                     ChannelAffineAdapter.SHIFT_NAME, new Tensor(ChannelAffineAdapter.SHIFT_NAME, new int[] {C}, shift),
                     ReadoutWeights.GATE_NAME, new Tensor(ReadoutWeights.GATE_NAME, new int[] {1}, new float[] {1f})));
             OrtWorldStepper plain = OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD);
             ShownAdaptingStepper shown = new ShownAdaptingStepper(
                     OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD), adapter)) {
            float[] start = gaussian(7);
            plain.reset(FloatBuffer.wrap(start));
            shown.reset(FloatBuffer.wrap(start));
            FloatBuffer predicted = FloatBuffer.allocate(FRAME);
            FloatBuffer expected = FloatBuffer.allocate(FRAME);
            FloatBuffer next = FloatBuffer.allocate(FRAME + 3).position(3);
            for (OasisAction action : new OasisAction[] {OasisAction.builder().forward().build(),
                OasisAction.builder().look(0, 6).build(), OasisAction.NONE}) {
                plain.step(action, predicted.clear());
                adapter.apply(predicted, expected.clear());

                shown.step(action, next);

                assertEquals(3, next.position(), "the position is not moved");
                float[] got = new float[FRAME];
                next.get(3, got);
                assertArrayEquals(expected.array(), got, 1e-6f, "the output is the adapted prediction of a model whose "
                        + "context holds its own predictions");
                assertTrue(!Arrays.equals(predicted.array(), got), "the adapter changes the latent");
            }
            assertTrue(shown.describe().endsWith("shown adapted by channel-affine"), shown.describe());
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
