package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.ChannelAffineAdapter;
import io.neuroframe.adapter.ReadoutWeights;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.dream.RememberingStepper;
import io.neuroframe.world.dream.RewritingStepper;
import io.neuroframe.world.dream.ViewMemory;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.model.WorldModelWeights;
import io.neuroframe.world.onnx.OrtWorldStepper;

import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.djl.PyTorchRuntime;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * {@link RewritingStepper}s (re-encoding, a latent adapter and the view memory, each on the step's output and on the
 * context) and the adapter on the output alone ({@link ShownAdaptingStepper}).
 */
class RewritingStepperTest {
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    private static final int C = LatentContract.CHANNELS;
    private static final OrtOptions ONE_THREAD = OrtOptions.defaults().withIntraOpThreads(1);
    /** The committed world model (5.5 cells per camera unit), whose steps change the frame. */
    private static final Path COMMITTED = Path.of("..", "models", "nf-world-small-direct.safetensors");

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
            FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            assertEachPredictionIsRewritten(plain, reprojecting, (action, predicted, expected) -> {
                decoder.decode(predicted, image.clear());
                encoder.encode(image, expected);
            });
            assertTrue(reprojecting.describe().endsWith("re-encoded each step"), reprojecting.describe());
        }
    }

    @Test
    void eachPredictionIsAdaptedAndThatLatentIsTheNextContext() {
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY.withViewShift(5.5f), manager, 5);
             LatentAdapter adapter = channelAffine();
             OrtWorldStepper plain = OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD);
             AdaptingStepper adapting = new AdaptingStepper(
                     OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD), adapter)) {
            assertEachPredictionIsRewritten(plain, adapting, (action, predicted, expected) -> adapter.apply(predicted, expected));
            assertTrue(adapting.describe().endsWith("adapted each step by channel-affine"), adapting.describe());
            assertThrows(IllegalArgumentException.class, () -> adapting.step(OasisAction.NONE, FloatBuffer.allocate(FRAME - 1)));
        }
    }

    @Test
    void aShownAdapterAdaptsEachOutputAndTheModelBuildsOnItsOwnPrediction() {
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY.withViewShift(5.5f), manager, 5);
             LatentAdapter adapter = channelAffine();
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
                assertFalse(Arrays.equals(predicted.array(), got), "the adapter changes the latent");
            }
            assertTrue(shown.describe().endsWith("shown adapted by channel-affine"), shown.describe());
        }
    }

    /** A per-channel affine adapter that halves and flips every channel and shifts it a little. */
    private static LatentAdapter channelAffine() {
        float[] scale = new float[C];
        float[] shift = new float[C];
        Arrays.fill(scale, -0.5f);
        Arrays.fill(shift, 0.02f);
        return ChannelAffineAdapter.fromTensors(Map.of(
                ChannelAffineAdapter.SCALE_NAME, new Tensor(ChannelAffineAdapter.SCALE_NAME, new int[] {C}, scale),
                ChannelAffineAdapter.SHIFT_NAME, new Tensor(ChannelAffineAdapter.SHIFT_NAME, new int[] {C}, shift),
                ReadoutWeights.GATE_NAME, new Tensor(ReadoutWeights.GATE_NAME, new int[] {1}, new float[] {1f})));
    }

    @Test
    void eachPredictionIsTurnedByTheViewMemoryAndThatLatentIsTheNextContext() {
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY.withViewShift(5.5f), manager, 5);
             OrtWorldStepper plain = OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD);
             RememberingStepper remembering = new RememberingStepper(
                     OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD), false)) {
            ViewMemory memory = new ViewMemory(5.5f);
            memory.start(FloatBuffer.wrap(gaussian(7)));
            assertEachPredictionIsRewritten(plain, remembering, RewritingStepperTest::withoutCamera,
                    (action, predicted, expected) -> {
                memory.moveFrame(action, predicted, expected);
                memory.move(action);
                memory.remember(expected);
            });
            assertTrue(remembering.describe().endsWith("turned by a view memory"), remembering.describe());
        }
    }

    @Test
    void inAStillWorldAStepWithNoInputButTheCameraMovesTheNewestFrameWithoutTheModel() throws IOException {
        try (WorldStepper still = RememberingStepper.turn(OrtWorldStepper.open(COMMITTED,
                WorldModelWeights.recordedConfig(COMMITTED), ONE_THREAD), true)) {
            ViewMemory memory = new ViewMemory(5.5f);
            float[] start = gaussian(8);
            memory.start(FloatBuffer.wrap(start));
            still.reset(FloatBuffer.wrap(start));
            FloatBuffer next = FloatBuffer.allocate(FRAME);
            FloatBuffer expected = FloatBuffer.allocate(FRAME);
            OasisAction look = OasisAction.builder().look(-4, 6).build();

            still.predict(look, expected);
            still.step(look, next);
            assertArrayEquals(expected.array(), next.array(), "predicting gives what the step gives");
            memory.moveFrame(look, FloatBuffer.wrap(start), expected.clear());
            assertArrayEquals(expected.array(), next.array(), "the start frame, moved by the memory");
            assertEquals(2, still.contextSize(), "the kept frame joins the model's context");

            float[] kept = next.array().clone();
            still.step(OasisAction.builder().forward().build(), next);
            assertFalse(Arrays.equals(kept, next.array()), "walking steps the model, which changes the frame");
            assertTrue(still.describe().endsWith("in a still world"), still.describe());
        }
    }

    @Test
    void aViewMemoryNeedsAModelWithAViewShiftAndDreamModeTurnsOnlySuchModels() {
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 5);
             OrtWorldStepper stepper = OrtWorldStepper.create(model.config(), model.toTensors(), ONE_THREAD)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RememberingStepper(stepper, false));
            assertTrue(e.getMessage().contains("has no view shift"), e.getMessage());
            assertSame(stepper, RememberingStepper.turn(stepper, true), "dream mode runs a model without one as it is");
        }
    }

    private static OasisAction withoutCamera(OasisAction action) {
        float[] vector = action.toArray();
        vector[OasisAction.CAMERA_YAW] = 0;
        vector[OasisAction.CAMERA_PITCH] = 0;
        return OasisAction.of(vector);
    }

    /** How a rewriting stepper rewrites the frame {@code action} led to, done by hand. */
    @FunctionalInterface
    private interface Rewrite {
        void apply(OasisAction action, FloatBuffer predicted, FloatBuffer out);
    }

    /**
     * Steps {@code rewriting} and, beside it, {@code plain} with its newest frame rewritten by hand ({@code rewrite}),
     * from the same start under the same actions: the outputs must agree, and the rewrite must change the latents.
     */
    private static void assertEachPredictionIsRewritten(OrtWorldStepper plain, RewritingStepper rewriting,
                                                        Rewrite rewrite) {
        assertEachPredictionIsRewritten(plain, rewriting, UnaryOperator.identity(), rewrite);
    }

    /** As above, the model stepped under {@code modelAction} of each action. */
    private static void assertEachPredictionIsRewritten(OrtWorldStepper plain, RewritingStepper rewriting,
                                                        UnaryOperator<OasisAction> modelAction, Rewrite rewrite) {
        float[] start = gaussian(7);
        plain.reset(FloatBuffer.wrap(start));
        rewriting.reset(FloatBuffer.wrap(start));
        FloatBuffer predicted = FloatBuffer.allocate(FRAME);
        FloatBuffer expected = FloatBuffer.allocate(FRAME);
        FloatBuffer next = FloatBuffer.allocate(FRAME + 3).position(3);
        OasisAction[] actions = {OasisAction.builder().forward().build(), OasisAction.builder().look(0, 6).build(),
            OasisAction.NONE, OasisAction.builder().forward().look(-2, 3).build()};
        double moved = 0;
        for (OasisAction action : actions) {
            plain.step(modelAction.apply(action), predicted);
            rewrite.apply(action, predicted, expected.clear());
            plain.replaceNewest(expected);

            rewriting.step(action, next);

            assertEquals(3, next.position(), "the position is not moved");
            float[] got = new float[FRAME];
            next.get(3, got);
            assertArrayEquals(expected.array(), got, 1e-6f, "the step's output is the rewritten prediction");
            for (int i = 0; i < FRAME; i++) {
                moved += Math.abs(predicted.get(i) - expected.get(i));
            }
            assertEquals(plain.contextSize(), rewriting.contextSize());
        }
        assertTrue(moved > FRAME * 1e-3, "rewriting changes the latents, so the comparison means something: " + moved);
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
