package io.neuroframe.world.dream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.world.model.WorldModelWeights;
import io.neuroframe.world.onnx.OrtWorldStepper;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Action guidance on the committed world model ({@code models/nf-world-small-direct.safetensors}) on ONNX Runtime. */
class ActionGuidedStepperTest {
    private static final Path WEIGHTS = Path.of("..", "models", "nf-world-small-direct.safetensors");
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    private static final OrtOptions ONE_THREAD = OrtOptions.defaults().withIntraOpThreads(1);
    private static final OasisAction TURN_WALKING = OasisAction.builder().forward().look(0, 6).build();

    @Test
    void aGuidedStepCarriesTheActionsChangeScaleTimesAsFarAndAStepWithoutInputAsItIs() throws IOException {
        float scale = 2.5f;
        try (OrtWorldStepper plain = open();
             WorldStepper guided = ActionGuidedStepper.guide(open(), scale)) {
            FloatBuffer start = FloatBuffer.wrap(latent(3));
            plain.reset(start);
            guided.reset(start);
            FloatBuffer underAction = FloatBuffer.allocate(FRAME);
            FloatBuffer withoutInput = FloatBuffer.allocate(FRAME);
            FloatBuffer next = FloatBuffer.allocate(FRAME + 3).position(3);

            plain.predict(TURN_WALKING, underAction);
            plain.predict(OasisAction.NONE, withoutInput);
            guided.step(TURN_WALKING, next);

            assertEquals(3, next.position(), "the position is not moved");
            double change = 0;
            for (int i = 0; i < FRAME; i++) {
                float none = withoutInput.get(i);
                assertEquals(none + scale * (underAction.get(i) - none), next.get(3 + i), 1e-4f, "value " + i);
                change += Math.abs(underAction.get(i) - none);
            }
            assertTrue(change > FRAME * 1e-3, "the action changes the model's prediction, so the comparison means "
                    + "something: " + change);
            assertEquals(2, guided.contextSize(), "the guided frame joined the context");

            plain.push(next.slice(3, FRAME), TURN_WALKING);
            plain.predict(OasisAction.NONE, withoutInput);
            guided.step(OasisAction.NONE, next);
            float[] got = new float[FRAME];
            next.get(3, got);
            assertArrayEquals(withoutInput.array(), got, 1e-5f, "no input leaves nothing to carry further");
            assertTrue(guided.describe().endsWith("action guidance 2.5"), guided.describe());
        }
    }

    @Test
    void predictingLeavesTheContextAsItWas() throws IOException {
        try (OrtWorldStepper stepper = open()) {
            stepper.reset(FloatBuffer.wrap(latent(5)));
            FloatBuffer first = FloatBuffer.allocate(FRAME);
            FloatBuffer second = FloatBuffer.allocate(FRAME);
            stepper.predict(TURN_WALKING, first);
            stepper.predict(OasisAction.NONE, second);
            stepper.predict(TURN_WALKING, second);
            assertEquals(1, stepper.contextSize());
            assertArrayEquals(first.array(), second.array(), "the same context and action predict the same frame");
            stepper.step(TURN_WALKING, second);
            assertEquals(2, stepper.contextSize(), "a step appends its frame");
        }
    }

    @Test
    void aScaleBelowOneOrNotFiniteIsRefused() throws IOException {
        for (float scale : new float[] {0.5f, Float.NaN, Float.POSITIVE_INFINITY}) {
            try (OrtWorldStepper stepper = open()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ActionGuidedStepper.guide(stepper, scale));
                assertTrue(e.getMessage().contains("action guidance must be finite and at least 1, got "), e.getMessage());
            }
        }
    }

    private static OrtWorldStepper open() throws IOException {
        return OrtWorldStepper.open(WEIGHTS, WorldModelWeights.recordedConfig(WEIGHTS), ONE_THREAD);
    }

    /** A latent with the spread of the codec's scaled latents. */
    private static float[] latent(long seed) {
        Random random = new Random(seed);
        float[] values = new float[FRAME];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * 0.5f;
        }
        return values;
    }
}
