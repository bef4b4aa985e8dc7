package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.DjlDecoder;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WorldEvaluatorTest {

    /** A trajectory that always turns right, so the copy-last-frame baseline is wrong at every horizon. */
    private static LatentTrajectory turning(int frames) {
        float[] latents = new float[frames * LatentContract.LATENT_FLOATS];
        float[] actions = new float[frames * OasisAction.SIZE];
        float[] frame = ShiftingPatternWorld.pattern(new Random(21));
        for (int f = 0; f < frames; f++) {
            if (f > 0) {
                ShiftingPatternWorld.TURN_RIGHT.copyTo(actions, f * OasisAction.SIZE);
                frame = ShiftingPatternWorld.step(frame, ShiftingPatternWorld.TURN_RIGHT);
            }
            System.arraycopy(frame, 0, latents, f * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS);
        }
        return new LatentTrajectory("turning", frames, latents, actions);
    }

    @Test
    void comparesDecodedPredictionsAndTheBaselineAtEachHorizon() {
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 1);
             WorldModelStepper stepper = new WorldModelStepper(model, 1, 0);
             DjlDecoder decoder = DjlDecoder.create(VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3), engine)) {
            // an untrained DIRECT model predicts no change, so it must score exactly like copying the last frame
            List<WorldEvaluator.Row> rows = WorldEvaluator.evaluate(stepper, WorldTrainerTest.TINY.contextFrames(),
                    List.of(turning(8)), new int[] {1, 3}, 2, decoder);
            assertEquals(2, rows.size());
            for (WorldEvaluator.Row r : rows) {
                assertEquals(2, r.samples());
                assertTrue(r.baselineLatentMse() > 0.01, "the scene moves, so copying is wrong: " + r);
                assertEquals(r.baselineLatentMse(), r.modelLatentMse(), 1e-9);
                assertEquals(r.baselinePsnr(), r.modelPsnr(), 1e-6);
                assertTrue(r.modelPsnr() > 0 && r.modelPsnr() < 100, r.toString());
                assertTrue(r.modelSsim() > -1 && r.modelSsim() < 1, r.toString());
            }
            String table = WorldEvaluator.table(rows);
            assertTrue(table.startsWith("horizon") && table.lines().count() == 3, table);
        }
    }

    @Test
    void horizonsNoTrajectoryReachesAreLeftOutAndNoneReachableIsRefused() {
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 1);
             WorldModelStepper stepper = new WorldModelStepper(model, 1, 0)) {
            List<LatentTrajectory> shortOnes = List.of(turning(4), turning(6));
            List<WorldEvaluator.Row> rows = WorldEvaluator.evaluate(stepper, WorldTrainerTest.TINY.contextFrames(),
                    shortOnes, new int[] {1, 5, 8}, 2, null);
            assertEquals(List.of(1, 5), rows.stream().map(WorldEvaluator.Row::horizon).toList());
            for (WorldEvaluator.Row r : rows) {
                assertEquals(1, r.samples(), "only the 6-frame trajectory leaves room for 5 steps, from one start");
                assertTrue(Double.isFinite(r.modelLatentMse()), r.toString());
            }
            assertTrue(WorldEvaluator.table(rows).contains("- / -"), "unmeasured pixel figures print as -");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorldEvaluator.evaluate(
                    stepper, WorldTrainerTest.TINY.contextFrames(), shortOnes, new int[] {8, 32}, 2, null));
            assertEquals("no held-out trajectory reaches any horizon of [8, 32]: the longest has 6 frames, so it "
                    + "reaches 5 steps ahead", e.getMessage());
        }
    }

    @Test
    void aModelWhoseLatentTurnsNonFiniteIsRefusedRatherThanAveragedIntoNaN() {
        Engine engine = PyTorchRuntime.engine(1);
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 1);
             DivergingStepper stepper = new DivergingStepper(new WorldModelStepper(model, 1, 0), 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorldEvaluator.evaluate(
                    stepper, WorldTrainerTest.TINY.contextFrames(), List.of(turning(6)), new int[] {1, 3}, 1, null));
            assertEquals("the model's latent became non-finite 2 steps ahead of frame 0 of turning; a diverged model "
                    + "has no figures", e.getMessage());
        }
    }
}
