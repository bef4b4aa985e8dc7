package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.train.AdamOptimizer;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.model.WorldModelConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldTrainerTest {
    static final WorldModelConfig TINY =
            new WorldModelConfig("tiny", 2, 32, 2, 2, 2, 3, WorldModelConfig.Objective.DIRECT, 0f);
    private static final WorldTrainer.Options OPTIONS = new WorldTrainer.Options(4, 3e-3f, 5, 7, 0f, null, 0f, 1, 0, 0f);

    @Test
    void lossDecreases() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(6, 8, 1);
        for (WorldModelConfig config : List.of(TINY, TINY.withObjective(WorldModelConfig.Objective.DIFFUSION))) {
            try (WorldTrainer trainer = WorldTrainer.start(config, OPTIONS, data, engine)) {
                float first = trainer.fixedBatchLoss(4);
                for (int i = 0; i < 60; i++) {
                    trainer.trainStep();
                }
                float last = trainer.fixedBatchLoss(4);
                assertTrue(last < 0.9f * first, config.objective() + ": loss went from " + first + " to " + last);
            }
        }
    }

    @Test
    void contextNoiseCorruptsOnlyTrainingWindowsAndAFineTuneStartsFromTheGivenWeights(@TempDir Path dir)
            throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(3, 6, 2);
        WorldTrainer.Options noisy = new WorldTrainer.Options(4, 3e-3f, 5, 7, 0.05f, null, 0f, 1, 0, 0f);
        Path weights = dir.resolve("tiny.safetensors");
        try (WorldTrainer clean = WorldTrainer.start(TINY, OPTIONS, data, engine);
             WorldTrainer corrupted = WorldTrainer.start(TINY, noisy, data, engine)) {
            assertEquals(clean.fixedBatchLoss(2), corrupted.fixedBatchLoss(2), 0f,
                    "the same initial weights, and evaluation windows are never corrupted");
            float cleanLoss = clean.trainStep();
            float corruptedLoss = corrupted.trainStep();
            assertTrue(corruptedLoss != cleanLoss, "the training windows are corrupted: " + corruptedLoss);
            clean.model().save(weights, Map.of(), SafetensorsDtype.F32);
            WorldTrainer.Options fromWeights = new WorldTrainer.Options(4, 3e-3f, 5, 7, 0.05f, weights.toString(), 0f, 1, 0, 0f);
            try (WorldTrainer fineTune = WorldTrainer.start(TINY, fromWeights, data, engine)) {
                assertEquals(0, fineTune.steps());
                assertEquals(clean.fixedBatchLoss(2), fineTune.fixedBatchLoss(2), 0f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new WorldTrainer.Options(4, 3e-3f, 5, 7, -0.1f, null, 0f, 1, 0, 0f));
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> WorldTrainer.start(TINY, new WorldTrainer.Options(4, 3e-3f, 5, 7, 0f,
                        dir.resolve("missing.safetensors").toString(), 0f, 1, 0, 0f), data, engine));
    }

    @Test
    void aViewShiftMatchingTheTurnLeavesOnlyTheUncoveredEdgeToLearnAndAFineTuneMayAddIt(@TempDir Path dir)
            throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(3, 6, 5);
        // the toy world's 5-degree turn (a quarter camera unit) moves its content 2 cells: 8 cells per unit
        WorldModelConfig shifted = TINY.withViewShift(8f);
        Path plainWeights = dir.resolve("plain.safetensors");
        try (WorldTrainer plain = WorldTrainer.start(TINY, OPTIONS, data, engine)) {
            plain.model().save(plainWeights, Map.of(), SafetensorsDtype.F32);
            WorldTrainer.Options fromPlain = new WorldTrainer.Options(4, 3e-3f, 5, 7, 0f, plainWeights.toString(), 0f, 1, 0, 0f);
            try (WorldTrainer moved = WorldTrainer.start(shifted, fromPlain, data, engine)) {
                assertEquals(shifted, moved.config());
                // a fresh network predicts no change: the loss is what copying the newest frame (moved or not) misses
                float copyLast = plain.fixedBatchLoss(4);
                float copyMoved = moved.fixedBatchLoss(4);
                assertTrue(copyMoved < 0.25f * copyLast, "moving the newest frame with the camera leaves only the "
                        + "uncovered edge: " + copyMoved + " against " + copyLast);
                assertTrue(Float.isFinite(moved.trainStep()));
            }
        }
    }

    @Test
    void theImageLossAddsTheDecodedErrorAndItsGradientsReachTheModel() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(2, 6, 3);
        VitVaeWeights codec = VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3);
        WorldTrainer.Options withImage = new WorldTrainer.Options(4, 3e-3f, 5, 7, 0f, null, 1f, 1, 0, 0f);
        try (WorldTrainer latentOnly = WorldTrainer.start(TINY, OPTIONS, data, engine);
             WorldTrainer imageToo = WorldTrainer.start(TINY, withImage, data, codec, engine)) {
            float latentLoss = latentOnly.trainStep();
            float both = imageToo.trainStep();
            assertTrue(both > latentLoss * 1.01f, "the image term adds to the same batch's latent loss: " + both
                    + " against " + latentLoss);
            assertFalse(sameWeights(latentOnly, imageToo), "the image loss's gradients change the step");
            assertTrue(imageToo.flopsPerStep() > latentOnly.flopsPerStep(), "its decodes are counted");
        }
        IllegalArgumentException noCodec = assertThrows(IllegalArgumentException.class,
                () -> WorldTrainer.start(TINY, withImage, data, engine));
        assertTrue(noCodec.getMessage().contains("needs the codec"), noCodec.getMessage());
        IllegalArgumentException diffusion = assertThrows(IllegalArgumentException.class,
                () -> WorldTrainer.start(TINY.withObjective(WorldModelConfig.Objective.DIFFUSION), withImage, data,
                        codec, engine));
        assertTrue(diffusion.getMessage().contains("direct objective"), diffusion.getMessage());
    }

    @Test
    void aRolloutTrainsOnTheModelsOwnPredictionsAndResumesExactly() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(2, 8, 3);
        WorldTrainer.Options rolled = new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 0f, 3, 0, 0f);
        List<Tensor> straight;
        try (WorldTrainer trainer = WorldTrainer.start(TINY, rolled, data, engine);
             WorldTrainer teacherForced = WorldTrainer.start(TINY, OPTIONS, data, engine)) {
            assertEquals(3 * teacherForced.flopsPerStep() / OPTIONS.batchSize() * rolled.batchSize(),
                    trainer.flopsPerStep(), 1e-6 * trainer.flopsPerStep(), "a step costs three passes");
            for (int i = 0; i < 4; i++) {
                assertTrue(Float.isFinite(trainer.trainStep()));
            }
            straight = trainer.model().toTensors();
        }
        Map<String, Tensor> saved = new LinkedHashMap<>();
        try (WorldTrainer trainer = WorldTrainer.start(TINY, rolled, data, engine)) {
            trainer.trainStep();
            trainer.trainStep();
            trainer.checkpoint().forEach(t -> saved.put(t.name(), t));
        }
        try (WorldTrainer resumed = WorldTrainer.resume(TINY, rolled, data, null, saved, "memory", engine)) {
            resumed.trainStep();
            resumed.trainStep();
            List<Tensor> continued = resumed.model().toTensors();
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i).data(), continued.get(i).data(), straight.get(i).name());
            }
        }
        assertEquals(1, new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 0f, 0, 0, 0f).rolloutSteps(),
                "options written before rollouts existed read 0: one step");
        assertThrows(IllegalArgumentException.class, () -> new WorldTrainer.Options(3, 3e-3f, 2, 7, 0.05f, null, 0f,
                3, 0, 0f), "a rollout takes no context noise");
        IllegalArgumentException diffusion = assertThrows(IllegalArgumentException.class, () -> WorldTrainer.start(
                TINY.withObjective(WorldModelConfig.Objective.DIFFUSION), rolled, data, engine));
        assertTrue(diffusion.getMessage().contains("direct objective"), diffusion.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> WorldTrainer.start(
                TINY, new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 0f, 8, 0, 0f), data, engine));
        assertTrue(tooShort.getMessage().contains("rolled out 8 steps"), tooShort.getMessage());
    }

    @Test
    void theWeightAverageFollowsEveryStepResumesExactlyAndIsWhatTheRunAdopts() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(2, 8, 3);
        WorldTrainer.Options averaged = new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 0f, 2, 0, 0.9f);
        Map<String, Tensor> straight = new LinkedHashMap<>();
        try (WorldTrainer trainer = WorldTrainer.start(TINY, averaged, data, engine)) {
            Map<String, float[]> before = held(trainer);
            trainer.trainStep();
            Map<String, float[]> after = held(trainer);
            Map<String, Tensor> first = byName(trainer.checkpoint());
            float keep = 2f / 11f;
            for (String name : before.keySet()) {
                float[] w0 = before.get(name);
                float[] w1 = after.get(name);
                float[] avg = first.get(ParameterAverage.PREFIX + name).data();
                for (int i = 0; i < w0.length; i++) {
                    assertEquals(keep * w0[i] + (1 - keep) * w1[i], avg[i], 1e-6f, name + "[" + i + "] after step 1");
                }
            }
            for (int i = 0; i < 3; i++) {
                trainer.trainStep();
            }
            straight.putAll(byName(trainer.checkpoint()));
            Map<String, float[]> last = held(trainer);
            trainer.adoptAverage();
            Map<String, float[]> adopted = held(trainer);
            for (String name : adopted.keySet()) {
                assertArrayEquals(straight.get(ParameterAverage.PREFIX + name).data(), adopted.get(name), name);
                assertFalse(Arrays.equals(last.get(name), adopted.get(name)),
                        name + ": the average is not the last step's weights");
            }
        }
        Map<String, Tensor> half;
        try (WorldTrainer trainer = WorldTrainer.start(TINY, averaged, data, engine)) {
            trainer.trainStep();
            trainer.trainStep();
            half = byName(trainer.checkpoint());
        }
        try (WorldTrainer resumed = WorldTrainer.resume(TINY, averaged, data, null, half, "memory", engine)) {
            resumed.trainStep();
            resumed.trainStep();
            Map<String, Tensor> continued = byName(resumed.checkpoint());
            for (String name : straight.keySet()) {
                assertArrayEquals(straight.get(name).data(), continued.get(name).data(), name);
            }
        }
        Map<String, Tensor> withoutAverage = new LinkedHashMap<>(half);
        withoutAverage.keySet().removeIf(name -> name.startsWith(ParameterAverage.PREFIX));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> WorldTrainer.resume(
                TINY, averaged, data, null, withoutAverage, "old.safetensors", engine));
        assertTrue(missing.getMessage().contains("old.safetensors") && missing.getMessage().contains("average"),
                missing.getMessage());
        for (float bad : new float[] {-0.1f, 1f, Float.NaN}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 0f, 2, 0, bad), "decay " + bad);
        }
    }

    /** The model's parameters as the trainer holds them (linear weights transposed), by name. */
    private static Map<String, float[]> held(WorldTrainer trainer) {
        Map<String, float[]> out = new LinkedHashMap<>();
        trainer.model().parameters().forEach((name, p) -> out.put(name, p.toFloatArray()));
        return out;
    }

    private static Map<String, Tensor> byName(List<Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach(t -> out.put(t.name(), t));
        return out;
    }

    @Test
    void aRolledOutStepTakesTheImageLossAtEveryStep() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(2, 8, 3);
        VitVaeWeights codec = VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3);
        WorldTrainer.Options rolled = new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 0f, 3, 0, 0f);
        WorldTrainer.Options rolledWithImage = new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 1f, 3, 0, 0f);
        WorldTrainer.Options oneStepWithImage = new WorldTrainer.Options(3, 3e-3f, 2, 7, 0f, null, 1f, 1, 0, 0f);
        try (WorldTrainer latentOnly = WorldTrainer.start(TINY, rolled, data, engine);
             WorldTrainer imageToo = WorldTrainer.start(TINY, rolledWithImage, data, codec, engine);
             WorldTrainer oneStep = WorldTrainer.start(TINY, oneStepWithImage, data, codec, engine)) {
            float latentLoss = latentOnly.trainStep();
            float both = imageToo.trainStep();
            assertTrue(Float.isFinite(both) && both > latentLoss * 1.01f, "the image term adds to the same windows'"
                    + " latent loss: " + both + " against " + latentLoss);
            assertFalse(sameWeights(latentOnly, imageToo), "the image loss's gradients change the step");
            double decodes = oneStep.flopsPerStep() - latentOnly.flopsPerStep() / 3;
            assertEquals(latentOnly.flopsPerStep() + 3 * decodes, imageToo.flopsPerStep(),
                    1e-6 * imageToo.flopsPerStep(), "three rollout steps decode three times");
        }
    }

    @Test
    void resumeContinuesExactly() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(3, 6, 2);
        WorldModelConfig config = TINY.withObjective(WorldModelConfig.Objective.DIFFUSION);
        List<Tensor> straight;
        StringBuilder history = new StringBuilder("straight:");
        try (WorldTrainer trainer = WorldTrainer.start(config, OPTIONS, data, engine)) {
            for (int i = 0; i < 6; i++) {
                history.append(' ').append(trainer.trainStep()).append('/').append(JniUtils.getNumThreads());
            }
            history.append(" skipped ").append(trainer.skippedSteps());
            straight = trainer.model().toTensors();
        }
        history.append("; first half:");
        Map<String, Tensor> saved = new LinkedHashMap<>();
        try (WorldTrainer trainer = WorldTrainer.start(config, OPTIONS, data, engine)) {
            for (int i = 0; i < 3; i++) {
                history.append(' ').append(trainer.trainStep()).append('/').append(JniUtils.getNumThreads());
            }
            history.append(" skipped ").append(trainer.skippedSteps()).append("; resumed:");
            trainer.checkpoint().forEach(t -> saved.put(t.name(), t));
        }
        try (WorldTrainer resumed = WorldTrainer.resume(config, OPTIONS, data, null, saved, "memory", engine)) {
            assertEquals(3, resumed.steps());
            for (int i = 0; i < 3; i++) {
                history.append(' ').append(resumed.trainStep()).append('/').append(JniUtils.getNumThreads());
            }
            history.append(" skipped ").append(resumed.skippedSteps());
            List<Tensor> continued = resumed.model().toTensors();
            // the losses and PyTorch thread counts per step say which run took another path when this fails
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i).data(), continued.get(i).data(),
                        straight.get(i).name() + " (step loss/threads: " + history + ")");
            }
        }
    }

    @Test
    void nonFiniteStepsAreSkippedAndTrainingGoesOnFromCleanGradients() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(2, 6, 3);
        try (WorldTrainer trainer = WorldTrainer.start(TINY, OPTIONS, data, engine)) {
            trainer.trainStep();
            List<Tensor> before = trainer.model().toTensors();
            float[][] saved = new float[data.size()][];
            for (int i = 0; i < data.size(); i++) {
                saved[i] = data.get(i).latents().clone();
                Arrays.fill(data.get(i).latents(), Float.NaN);
            }
            assertTrue(Float.isNaN(trainer.trainStep()));
            assertEquals(1, trainer.skippedSteps());
            List<Tensor> afterSkip = trainer.model().toTensors();
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i).data(), afterSkip.get(i).data(), before.get(i).name());
            }
            for (int i = 0; i < data.size(); i++) {
                System.arraycopy(saved[i], 0, data.get(i).latents(), 0, saved[i].length);
            }
            assertTrue(Float.isFinite(trainer.trainStep()));
            boolean changed = false;
            for (Tensor t : trainer.model().toTensors()) {
                for (float v : t.data()) {
                    assertTrue(Float.isFinite(v), t.name() + " is not finite after a skipped step");
                }
            }
            List<Tensor> after = trainer.model().toTensors();
            for (int i = 0; i < before.size() && !changed; i++) {
                changed = !Arrays.equals(before.get(i).data(), after.get(i).data());
            }
            assertTrue(changed, "the step after a skipped one must update the weights");
            assertEquals(3, trainer.steps());
        }
    }

    @Test
    void manyNonFiniteStepsInARowStopTraining() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        List<LatentTrajectory> data = ShiftingPatternWorld.trajectories(2, 6, 4);
        data.forEach(t -> Arrays.fill(t.latents(), Float.POSITIVE_INFINITY));
        try (WorldTrainer trainer = WorldTrainer.start(TINY, OPTIONS, data, engine)) {
            for (int i = 0; i < AdamOptimizer.MAX_CONSECUTIVE_SKIPS; i++) {
                trainer.trainStep();
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    trainer::trainStep);
            assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        }
    }

    /** Whether two trainers' models hold the same values, tensor by tensor. */
    private static boolean sameWeights(WorldTrainer a, WorldTrainer b) {
        List<Tensor> first = a.model().toTensors();
        List<Tensor> second = b.model().toTensors();
        for (int i = 0; i < first.size(); i++) {
            if (!Arrays.equals(first.get(i).data(), second.get(i).data())) {
                return false;
            }
        }
        return true;
    }
}
