package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.DjlDecoder;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.model.WorldModelConfig;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TurnResponse} on a real encoded frame decoded by the committed codec, with steppers whose turns are known:
 * the free-running turn is measured in each direction on its own.
 */
class TurnResponseTest {
    private static final Path CODEC = Path.of("..", "models", "nf-small.safetensors");
    private static final int FRAMES = 4;
    private static LatentTrajectory heldOut;

    @BeforeAll
    static void turningTrajectory() throws Exception {
        Path file = Path.of(TurnResponseTest.class.getResource("/meadow-009-frame-068.safetensors").toURI());
        float[] frame;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            frame = f.read("latent").data();
        }
        float[] latents = new float[FRAMES * LatentContract.LATENT_FLOATS];
        float[] actions = new float[FRAMES * OasisAction.SIZE];
        for (int f = 0; f < FRAMES; f++) {
            if (f > 0) {
                ShiftingPatternWorld.TURN_RIGHT.copyTo(actions, f * OasisAction.SIZE);
                frame = ShiftingPatternWorld.step(frame, ShiftingPatternWorld.TURN_RIGHT);
            }
            System.arraycopy(frame, 0, latents, f * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS);
        }
        heldOut = new LatentTrajectory("meadow-002", FRAMES, latents, actions);
    }

    @Test
    void aModelThatTurnsOnlyToTheRightIsSeenTurningRightAndStandingStillToTheLeft() throws Exception {
        try (DjlDecoder decoder = DjlDecoder.create(VitVaeWeights.load(CODEC, VitVaeConfig.NF_SMALL),
                PyTorchRuntime.engine(1))) {
            // real frames: 2 tokens (40 pixels) per 5-degree turn, 8 pixels per degree; the steppers move 2 tokens
            // per 4-degree step of the free-running turn: 10 pixels per degree, 1.25 times the real rate
            TurnResponse.Result both = TurnResponse.measure(new GridTurningStepper(true, 0), 3, List.of(heldOut), decoder, 2,
                    2);
            assertEquals(2, both.turns(), "a turn each way from frames 2 and 3, the first two with a full context");
            assertEquals(8, both.realPixelsPerDegree(), 0.8);
            assertEquals(1.25, both.rightTurnRatio(), 0.15);
            assertEquals(1.25, both.leftTurnRatio(), 0.15);
            assertEquals(1, both.oneStepRatio(), 0.05, "one step ahead it moves exactly as the real frames do");
            assertEquals(both.oneStepRatio(), both.oneStepRightRatio(), 1e-9, "every real turning step turns right");
            assertTrue(Double.isNaN(both.oneStepLeftRatio()), "no left turn to measure one step ahead");
            assertEquals(0, both.standStillRatio(), 0.05);

            TurnResponse.Result rightOnly = TurnResponse.measure(new GridTurningStepper(false, 0), 3, List.of(heldOut),
                    decoder, 2, 1);
            assertEquals(1, rightOnly.turns());
            assertEquals(1.25, rightOnly.rightTurnRatio(), 0.15);
            assertEquals(0, rightOnly.leftTurnRatio(), 0.05, "a left turn that moves nothing counts 0, not 1.25");
            // step by step: 40 pixels for each 4-degree step (1.25), and for the last, 2-degree one (2.5)
            double[] right = rightOnly.rightTurnSteps();
            assertEquals(23, right.length);
            for (int k = 0; k < right.length - 1; k++) {
                assertEquals(1.25, right[k], 0.15, "right turn, step " + (k + 1));
                assertEquals(0, rightOnly.leftTurnSteps()[k], 0.05, "left turn, step " + (k + 1));
            }
            assertEquals(2.5, right[right.length - 1], 0.3, "the last step turns 2 degrees");
            assertEquals(0, rightOnly.standStillRatio(), 0.05);

            // a drift of one column (20 pixels) a step, as if turning right: 23 steps of 20 pixels over 90 x 8
            TurnResponse.Result drifting = TurnResponse.measure(new GridTurningStepper(true, 1), 3, List.of(heldOut),
                    decoder, 2, 1);
            assertEquals(23 * 20 / 720.0, drifting.standStillRatio(), 0.1);
            assertEquals(1.25 + drifting.standStillRatio(), drifting.rightTurnRatio(), 0.2, "the drift adds to right turns");
            assertEquals(1.25 - drifting.standStillRatio(), drifting.leftTurnRatio(), 0.2, "and takes from left turns");
        }
    }

    /**
     * Moves its newest frame's content {@link ShiftingPatternWorld#SHIFT} token columns against every right turn
     * and, when {@code turnsLeft}, every left turn, and {@code drift} columns to the left at every step whatever
     * the input.
     */
    private static final class GridTurningStepper implements WorldStepper {
        private final boolean turnsLeft;
        private final int drift;
        private float[] newest;

        GridTurningStepper(boolean turnsLeft, int drift) {
            this.turnsLeft = turnsLeft;
            this.drift = drift;
        }

        @Override
        public void reset(FloatBuffer latent) {
            newest = new float[LatentContract.LATENT_FLOATS];
            latent.get(latent.position(), newest);
        }

        @Override
        public void push(FloatBuffer latent, OasisAction action) {
            reset(latent);
        }

        @Override
        public void replaceNewest(FloatBuffer latent) {
            reset(latent);
        }

        @Override
        public int contextSize() {
            return 1;
        }

        @Override
        public void predict(OasisAction action, FloatBuffer next) {
            float[] predicted = newest;
            if (action.yawDegrees() > 0 || turnsLeft) {
                predicted = ShiftingPatternWorld.step(predicted, action);
            }
            next.put(next.position(), ShiftingPatternWorld.shiftColumns(predicted, -drift));
        }

        @Override
        public WorldModelConfig config() {
            return WorldModelConfig.preset("nf-world-small-direct");
        }

        @Override
        public String describe() {
            return "grid-turning test stepper";
        }

        @Override
        public void close() {
        }
    }
}
