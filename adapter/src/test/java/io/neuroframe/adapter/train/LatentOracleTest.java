package io.neuroframe.adapter.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentOracleTest {

    @TempDir
    Path dir;

    @Test
    void optimisingEachLatentLowersEveryFramesErrorAndLeavesTheCodecAlone() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        VitVaeWeights weights = VitVaeWeights.random(TinySetup.CODEC, 3);
        try (FrozenCodec codec = new FrozenCodec(weights, engine, 1)) {
            DatasetManifest manifest = DatasetManifest.read(TinySetup.dataset(dir.resolve("data"), 2, 2));
            LatentCache data = LatentCache.open(manifest, codec, 2, 2, dir.resolve("cache"),
                    new PrintWriter(new StringWriter()));
            float[] decoderBefore = codec.decodeImages(data.validation().latents()[0], 1);
            List<LatentOracle.FrameResult> reported = new ArrayList<>();

            List<LatentOracle.FrameResult> results = new LatentOracle(codec, engine, new LatentOracle.Options(15, 1e-2f))
                    .run(data.validation(), reported::add);

            assertEquals(2, results.size());
            assertEquals(results, reported, "progress hears about every frame");
            for (LatentOracle.FrameResult r : results) {
                assertTrue(r.optimisedMse() < 0.99 * r.codecMse(), "frame " + r.frame() + ": " + r);
            }
            assertArrayEquals(decoderBefore, codec.decodeImages(data.validation().latents()[0], 1),
                    "neither the codec nor the cached latent changed");
        }
    }

    @Test
    void nonFiniteStepsAreSkippedAndAConvergedFrameStopsEarly() throws IOException {
        Engine engine = PyTorchRuntime.engine(1);
        try (FrozenCodec codec = new FrozenCodec(VitVaeWeights.random(TinySetup.CODEC, 3), engine, 1)) {
            DatasetManifest manifest = DatasetManifest.read(TinySetup.dataset(dir.resolve("data"), 2, 2));
            LatentCache.Part validation = LatentCache.open(manifest, codec, 2, 2, dir.resolve("cache"),
                    new PrintWriter(new StringWriter())).validation();
            float[] broken = validation.latents()[0].clone();
            broken[5] = Float.NaN;
            LatentCache.Part part = new LatentCache.Part(validation.frames(), validation.frameIndices(),
                    new float[][] {broken, validation.latents()[1]});

            List<LatentOracle.FrameResult> results = new LatentOracle(codec, engine,
                    new LatentOracle.Options(400, 1e-2f, 5)).run(part, r -> { });

            assertEquals(results.get(0).steps(), results.get(0).skippedSteps(), "every step of the NaN frame skipped");
            assertTrue(results.get(0).steps() <= 5, "no finite MSE: no progress, stopped after the patience");
            LatentOracle.FrameResult clean = results.get(1);
            assertEquals(0, clean.skippedSteps());
            assertTrue(Double.isFinite(clean.optimisedMse()) && clean.optimisedMse() < clean.codecMse(), clean.toString());
            assertTrue(clean.steps() < 400, "converged before the most steps: " + clean);
        }
    }

    @Test
    void refusesOptionsThatCannotOptimise() {
        assertThrows(IllegalArgumentException.class, () -> new LatentOracle.Options(0, 1e-2f));
        assertThrows(IllegalArgumentException.class, () -> new LatentOracle.Options(5, 0f));
    }
}
