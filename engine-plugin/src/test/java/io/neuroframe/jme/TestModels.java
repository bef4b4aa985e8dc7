package io.neuroframe.jme;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.render.source.LatentRecorder;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Random;

/** Small real models and recordings for the plugin's tests. */
final class TestModels {
    /** A ViT-VAE with the latent contract's shapes but a tiny width, so a decode takes milliseconds. */
    static final VitVaeConfig TINY = new VitVaeConfig("test-tiny", 16, 20, 32, 1, 1, 32, 1, 1, 2);

    private TestModels() {
    }

    /** Random weights of {@link #TINY}. */
    static VitVaeWeights tinyWeights() {
        return VitVaeWeights.random(TINY, 7);
    }

    /** Writes a recording of {@code frames} random latents (a smooth pattern plus noise). */
    static Path recording(Path folder, int frames) throws IOException {
        Path file = folder.resolve("test.nflat");
        Random random = new Random(3);
        FloatBuffer latent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        FloatBuffer action = FloatBuffer.allocate(25);
        try (LatentRecorder recorder = LatentRecorder.create(file)) {
            for (int f = 0; f < frames; f++) {
                latent.clear();
                for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
                    latent.put((float) (0.1 * Math.sin(i * 0.01 + f * 0.2) + 0.02 * random.nextGaussian()));
                }
                latent.flip();
                recorder.append(f * 50_000_000L, action, latent);
            }
        }
        return file;
    }
}
