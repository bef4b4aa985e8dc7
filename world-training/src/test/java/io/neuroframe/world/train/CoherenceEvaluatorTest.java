package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.djl.DjlDecoder;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.train.CoherenceCurve.Driver;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rollouts of a real (untrained, tiny) DJL world model through a real (random) DJL decoder. */
class CoherenceEvaluatorTest {
    private static final int FRAMES = 8;
    private static final int HORIZON = 12;
    private static Engine engine;
    private static DjlDecoder decoder;
    private static List<LatentTrajectory> toys;

    @BeforeAll
    static void openDecoder() {
        engine = PyTorchRuntime.engine(1);
        decoder = DjlDecoder.create(VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3), engine);
        toys = ShiftingPatternWorld.trajectories(3, FRAMES, 5);
    }

    @AfterAll
    static void closeDecoder() {
        decoder.close();
    }

    private static CoherenceReport evaluate(WorldStepper stepper, List<LatentTrajectory> training, StringWriter log) {
        return CoherenceEvaluator.evaluate(stepper, decoder, training, List.of(toys.get(2)),
                new CoherenceEvaluator.Settings(HORIZON, 1, 3), new PrintWriter(log, true));
    }

    @Test
    void recordedActionsGoAsFarAsTheHeldOutTrajectoryAndScriptedPlayToTheHorizon() {
        StringWriter log = new StringWriter();
        CoherenceReport report;
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 1);
             WorldModelStepper stepper = new WorldModelStepper(model, 1, 0)) {
            report = evaluate(stepper, toys.subList(0, 2), log);
        }
        assertEquals(1, report.styles().size());
        CoherenceReport.StyleResult toy = report.styles().get(0);
        assertEquals("toy", toy.reference().style());
        assertEquals(List.of("toy-0", "toy-1"), toy.reference().trajectories());
        assertEquals(FRAMES, toy.curves().get(Driver.REAL).steps(), "the held-out frames 0 to 7");
        assertEquals(FRAMES, toy.curves().get(Driver.RECORDED).steps(), "its 7 recorded actions, no further");
        assertEquals(HORIZON + 1, toy.curves().get(Driver.SCRIPTED).steps(), "scripted play to the horizon");
        // an untrained direct model predicts no change: every rolled-out frame is the start frame
        CoherenceCurve real = toy.curves().get(Driver.REAL);
        for (Driver d : List.of(Driver.RECORDED, Driver.SCRIPTED)) {
            CoherenceCurve c = toy.curves().get(d);
            assertEquals(1, c.runs());
            for (CoherenceStatistic s : CoherenceStatistic.values()) {
                assertEquals(real.ratio(s, 0), c.ratio(s, c.steps() - 1), 1e-9, d + " " + s);
            }
        }
        assertTrue(log.toString().contains("holds together: style toy, reference toy-0, toy-1, 1 held-out trajectories, "
                + "recorded actions up to 7 steps, scripted play 12 steps"), log.toString());
        assertTrue(report.breaches(HORIZON, Double.MAX_VALUE).isEmpty(), "the check can be made at the horizon");
    }

    @Test
    void aRolloutThatTurnsNonFiniteEndsAndNoneReachingTheHorizonIsRefused() {
        StringWriter log = new StringWriter();
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 1);
             WorldStepper stepper = new DivergingStepper(new WorldModelStepper(model, 1, 0), 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> evaluate(stepper, toys.subList(0, 2), log));
            assertEquals("no scripted rollout of style toy reaches step 12: the model's latent became non-finite by step 3 "
                    + "in all 1 of them", e.getMessage());
        }
        assertTrue(log.toString().contains("the rollout from toy-2 with recorded actions ended at step 3: the model's "
                + "latent is not finite"), log.toString());
    }

    @Test
    void withoutTwoTrainingTrajectoriesOfTheStyleNothingIsMeasured() {
        StringWriter log = new StringWriter();
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.create(WorldTrainerTest.TINY, manager, 1);
             WorldModelStepper stepper = new WorldModelStepper(model, 1, 0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> evaluate(stepper, toys.subList(0, 1), log));
            assertEquals("no style has both held-out trajectories and two training trajectories to measure the "
                    + "real-to-real spread with: held-out styles [toy], training trajectories per style {toy=1}",
                    e.getMessage());
        }
        assertTrue(log.toString().contains("style toy left out: it has 1 training trajectories"), log.toString());
    }
}
