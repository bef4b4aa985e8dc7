package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecoderDistillerTest {
    /** Stem of 16 channels, one x4 stage of 16 channels, x5 output. */
    private static final ConvDecoderConfig SMALL = new ConvDecoderConfig("test-conv", 16, 1,
            List.of(new ConvDecoderConfig.Stage(4, 16, 1)), 5);

    private static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = PyTorchRuntime.engine(1);
    }

    /**
     * Frames whose latent is a coarse summary of them (each token's 16 channels: the mean of each
     * colour over the patch and a few fixed projections), and a blurred copy as the teacher image.
     */
    private DistillationData data(int count, long seed) throws IOException {
        FrameStore frames = SyntheticFrames.store(dir, count, seed);
        LatentStore latents = LatentStore.openOrBuild(dir.resolve("latents.f32"), count, seed,
                i -> summary(frames.frame(i)), (done, total) -> { });
        FrameStore teacher = FrameStore.openOrBuild(dir.resolve("teacher.u8"), count, seed, i -> {
            float[] f = frames.frame(i);
            for (int k = 0; k < f.length; k++) {
                f[k] = 0.9f * f[k] + 0.05f;
            }
            return f;
        }, (done, total) -> { });
        return new DistillationData(frames, latents, teacher);
    }

    private static float[] summary(float[] frame) {
        SplittableRandom random = new SplittableRandom(5);
        float[] projection = new float[LatentContract.CHANNELS * 3];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = (float) random.nextGaussian();
        }
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        int p = LatentContract.PATCH_SIZE;
        for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
            for (int c = 0; c < LatentContract.TOKEN_COLS; c++) {
                float[] mean = new float[3];
                for (int ch = 0; ch < 3; ch++) {
                    for (int y = 0; y < p; y++) {
                        for (int x = 0; x < p; x++) {
                            mean[ch] += frame[LatentContract.imageIndex(ch, r * p + y, c * p + x)] / (p * p);
                        }
                    }
                }
                for (int k = 0; k < LatentContract.CHANNELS; k++) {
                    float v = 0;
                    for (int ch = 0; ch < 3; ch++) {
                        v += projection[k * 3 + ch] * (mean[ch] - 0.5f);
                    }
                    latent[LatentContract.latentIndex(r, c, k)] = v * LatentContract.SCALING_FACTOR;
                }
            }
        }
        return latent;
    }

    private static DistillOptions options(int steps, float teacherWeight) {
        return new DistillOptions(steps, 2, 1e-2f, teacherWeight, 11);
    }

    @Test
    void lossFallsAndWholeFramesImprove() throws IOException {
        DistillationData data = data(3, 1);
        int[] all = {0, 1, 2};
        try (DecoderDistiller distiller = DecoderDistiller.start(SMALL, options(40, 0.5f), engine)) {
            DecoderDistiller.Validation before = distiller.validate(data, all, 2);
            TrainerChecks.assertHalves("loss", 40, 4, () -> distiller.step(data).loss());
            DecoderDistiller.Validation after = distiller.validate(data, all, 2);
            assertTrue(after.framePsnr() > before.framePsnr() + 3, "PSNR went from " + before.framePsnr() + " to "
                    + after.framePsnr());
            assertEquals(40, distiller.completedSteps());
        }
    }

    @Test
    void theTeacherWeightChoosesTheTarget() throws IOException {
        DistillationData data = data(2, 3);
        try (DecoderDistiller toTeacher = DecoderDistiller.start(SMALL, options(1, 1f), engine);
             DecoderDistiller toFrames = DecoderDistiller.start(SMALL, options(1, 0f), engine)) {
            DecoderDistiller.StepResult a = toTeacher.step(data);
            DecoderDistiller.StepResult b = toFrames.step(data);
            assertEquals(a.teacherMse(), a.loss(), 1e-6f);
            assertEquals(b.frameMse(), b.loss(), 1e-6f);
            assertTrue(Math.abs(a.teacherMse() - a.frameMse()) > 1e-4f, "the targets differ");
        }
    }

    @Test
    void aResumedRunContinuesExactly() throws IOException {
        DistillationData data = data(2, 2);
        TrainerChecks.assertResumesExactly(6, () -> DecoderDistiller.start(SMALL, options(6, 0.5f), engine),
                file -> DecoderDistiller.resume(file, null, engine), distiller -> distiller.step(data),
                distiller -> distiller.weights().tensors(), 1e-6f, dir.resolve("checkpoint.safetensors"));
    }

    @Test
    void aFileThatIsNotACheckpointIsRejectedByName() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        ConvDecoderWeights.random(SMALL, 1).save(file, io.neuroframe.codec.safetensors.SafetensorsDtype.F32);
        IOException e = assertThrows(IOException.class, () -> DecoderDistiller.resume(file, null, engine));
        assertTrue(e.getMessage().contains("not a decoder distillation checkpoint"), e.getMessage());
    }
}
