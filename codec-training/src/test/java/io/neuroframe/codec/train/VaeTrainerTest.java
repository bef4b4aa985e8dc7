package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeTrainerTest {
    /** Width 32, one encoder and one decoder block of two 16-wide heads. */
    static final VitVaeConfig TINY = new VitVaeConfig("test-tiny", 16, 20, 32, 1, 2, 32, 1, 2, 4);

    private static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = PyTorchRuntime.engine(1);
    }

    private static TrainingOptions options(int steps) {
        return new TrainingOptions(steps, 4, 3, 4, 3e-3f, 1e-4f, 7);
    }

    @Test
    void lossFallsOnCropsAndFullFramesImprove() throws IOException {
        FrameStore frames = SyntheticFrames.store(dir, 3, 1);
        int[] all = {0, 1, 2};
        try (VaeTrainer trainer = VaeTrainer.start(TINY, options(60), engine)) {
            double before = trainer.validate(frames, all, 3).mse();
            TrainerChecks.assertHalves("crop MSE", 60, 5, () -> trainer.step(frames).mse());
            double after = trainer.validate(frames, all, 3).mse();
            assertTrue(after < 0.5 * before, "full-frame MSE went from " + before + " to " + after);
            assertEquals(60, trainer.completedSteps());
        }
    }

    @Test
    void aResumedRunContinuesExactly() throws IOException {
        FrameStore frames = SyntheticFrames.store(dir, 2, 2);
        TrainerChecks.assertResumesExactly(6, () -> VaeTrainer.start(TINY, options(6), engine),
                file -> VaeTrainer.resume(file, null, engine), trainer -> trainer.step(frames),
                trainer -> trainer.weights().tensors(), 0f, dir.resolve("checkpoint.safetensors"));
    }

    @Test
    void refusesAFileThatIsNotACheckpoint() throws IOException {
        Path weightsOnly = dir.resolve("weights.safetensors");
        SafetensorsWriter.write(weightsOnly, VitVaeWeights.random(TINY, 1).tensors().values(), Map.of(),
                SafetensorsDtype.F32);
        IOException e = assertThrows(IOException.class, () -> VaeTrainer.resume(weightsOnly, null, engine));
        assertTrue(e.getMessage().contains("not a ViT-VAE training checkpoint"), e.getMessage());
    }

    @Test
    void learningRateWarmsUpThenDecaysToATenth() {
        TrainingOptions o = new TrainingOptions(1000, 1, 1, 1, 1f, 0f, 0);
        assertEquals(50, o.warmupSteps());
        assertEquals(1f / 50, o.learningRateAt(0), 1e-6);
        assertEquals(1f, o.learningRateAt(49), 1e-6);
        assertEquals(0.1f, o.learningRateAt(1000), 1e-6);
        assertTrue(List.of(100, 400, 800).stream().allMatch(s -> o.learningRateAt(s) > o.learningRateAt(s + 50)));
    }
}
