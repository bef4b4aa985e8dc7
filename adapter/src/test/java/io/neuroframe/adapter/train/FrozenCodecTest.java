package io.neuroframe.adapter.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.model.VitVaeWeights;
import java.util.Collections;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrozenCodecTest {

    @Test
    void wholeFramesDecodeOnOnnxRuntimeAsTheTrainingDecoderDoes() {
        Engine engine = PyTorchRuntime.engine(1);
        int count = 2;
        float[] latents = new float[count * LatentContract.LATENT_FLOATS];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) random.nextGaussian() * 0.15f;
        }
        try (FrozenCodec codec = new FrozenCodec(VitVaeWeights.random(TinySetup.CODEC, 3), engine, 1);
             NDManager manager = engine.newBaseManager()) {
            NDArray scaled = manager.create(latents, new Shape(count, LatentContract.TOKENS, LatentContract.CHANNELS));
            float[] training = codec.decodeScaled(scaled, Collections.nCopies(count, TokenWindow.FULL))
                    .clip(-1f, 1f).add(1f).div(2f).toFloatArray();

            float[] frames = codec.decodeImages(latents, count);

            assertEquals(count * LatentContract.IMAGE_FLOATS, frames.length);
            double largest = 0;
            for (int i = 0; i < frames.length; i++) {
                largest = Math.max(largest, Math.abs(frames[i] - training[i]));
            }
            assertTrue(largest < 1e-4, "largest difference " + largest);
        }
    }
}
