package io.neuroframe.perf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.perf.calibration.JavaGemm;
import io.neuroframe.perf.scenario.ReplayDecodeScenarios;
import io.neuroframe.render.RgbaPacker;
import io.neuroframe.render.RowOrder;
import io.neuroframe.render.timing.Stage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The harness on real work and the real clock, with the default tolerances and machine-speed
 * yardstick: clean repeats pass, a stage doing twice the work fails. The injected slowdown is
 * work, not sleep, so it slows down with the machine the way a real regression does.
 */
class RealWorkRegressionTest {
    /** A decoder small enough for quick tests, speaking the full latent contract. */
    private static final VitVaeConfig TINY = new VitVaeConfig("tiny", 16, 20, 64, 1, 1, 64, 1, 1, 4);

    @TempDir
    Path dir;

    private FrameTimeHarness harness(int frames, boolean update) {
        return FrameTimeHarness.with(FrameTimeConfig.builder().frames(frames).warmupFrames(20)
                .outputDir(dir.resolve("out")).updateBaselines(update).build());
    }

    /** Decode = a 192 x 192 matrix multiply done {@code factor} times; pack = real RGBA packing of a frame. */
    private static Supplier<FrameScenario> gemmAndPack(int factor) {
        return () -> {
            JavaGemm gemm = new JavaGemm(192, 7);
            FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            ByteBuffer rgba = ByteBuffer.allocateDirect(RgbaPacker.RGBA_BYTES);
            return SequentialScenario.builder("gemm-pack")
                    .stage(Stage.DECODE, frame -> {
                        for (int i = 0; i < factor; i++) {
                            image.put(i, gemm.multiply());
                        }
                    })
                    .stage(Stage.PACK, frame -> RgbaPacker.pack(image, rgba, RowOrder.TOP_DOWN))
                    .build();
        };
    }

    @Test
    void cleanRunsPassThreeTimesInARowAndADoubledStageFails() {
        Path baseline = dir.resolve("gemm-pack.json");
        assertNull(harness(150, true).assertNoRegression(gemmAndPack(1), baseline));
        for (int run = 0; run < 3; run++) {
            assertFalse(harness(150, false).assertNoRegression(gemmAndPack(1), baseline).failed());
        }
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> harness(150, false).assertNoRegression(gemmAndPack(2), baseline));
        assertTrue(failure.getMessage().matches("(?s).*\\ndecode +p50 .*REGRESSED.*"), failure.getMessage());
        assertFalse(failure.getMessage().matches("(?s).*\\npack +p50 [^\\n]*REGRESSED.*"), failure.getMessage());
    }

    @Test
    void aPipelineWithARealDecoderPassesCleanAndFailsWhenDecodeDoubles() throws IOException {
        Path recording = ReplayDecodeScenarios.writeSyntheticRecording(dir.resolve("walk.nflat"), 50, 60, 3);
        VitVaeWeights weights = VitVaeWeights.random(TINY, 11);
        Supplier<FrameScenario> clean = () -> ReplayDecodeScenarios.replayDecode("replay-tiny", recording,
                () -> OrtDecoder.create(weights), 400);
        Supplier<FrameScenario> doubled = () -> ReplayDecodeScenarios.replayDecode("replay-tiny", recording,
                () -> new RepeatedDecoder(OrtDecoder.create(weights), 2), 400);
        Path baseline = dir.resolve("replay-tiny.json");
        assertNull(harness(120, true).assertNoRegression(clean, baseline));
        assertFalse(harness(120, false).assertNoRegression(clean, baseline).failed());
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> harness(120, false).assertNoRegression(doubled, baseline));
        assertTrue(failure.getMessage().matches("(?s).*\\ndecode +p50 .*REGRESSED.*"), failure.getMessage());
    }
}
