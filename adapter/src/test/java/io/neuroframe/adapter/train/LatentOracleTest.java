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
        try (FrozenCodec codec = new FrozenCodec(weights, engine)) {
            DatasetManifest manifest = DatasetManifest.read(TinySetup.dataset(dir.resolve("data"), 2, 2));
            LatentCache data = LatentCache.open(manifest, codec, 2, 2, dir.resolve("cache"),
                    new PrintWriter(new StringWriter()));
            float[] decoderBefore = codec.decodeImage(data.validation().latents()[0]);
            List<LatentOracle.FrameResult> reported = new ArrayList<>();

            List<LatentOracle.FrameResult> results = new LatentOracle(codec, engine, new LatentOracle.Options(15, 1e-2f))
                    .run(data.validation(), reported::add);

            assertEquals(2, results.size());
            assertEquals(results, reported, "progress hears about every frame");
            for (LatentOracle.FrameResult r : results) {
                assertTrue(r.optimisedMse() < 0.99 * r.codecMse(), "frame " + r.frame() + ": " + r);
            }
            assertArrayEquals(decoderBefore, codec.decodeImage(data.validation().latents()[0]),
                    "neither the codec nor the cached latent changed");
        }
    }

    @Test
    void refusesOptionsThatCannotOptimise() {
        assertThrows(IllegalArgumentException.class, () -> new LatentOracle.Options(0, 1e-2f));
        assertThrows(IllegalArgumentException.class, () -> new LatentOracle.Options(5, 0f));
    }
}
