package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.FloatBuffer;
import java.util.Collections;

/**
 * {@link Encoder} on DJL's PyTorch engine: {@code mean(encode(2x - 1)) * scaling}. Each call works
 * in a manager of its own that is closed before returning.
 */
public final class DjlEncoder extends DjlCodecPart<DjlVitVae> implements Encoder {

    private DjlEncoder(VitVaeWeights weights, Engine engine) {
        super(engine, manager -> DjlVitVae.of(weights.encoderOnly(), manager));
    }

    /**
     * An encoder with the encoder part of {@code weights} on {@code engine} (see {@link PyTorchRuntime}).
     *
     * @throws IllegalStateException if the weights hold only the decoder
     */
    public static DjlEncoder create(VitVaeWeights weights, Engine engine) {
        return new DjlEncoder(weights, engine);
    }

    @Override
    public void encode(FloatBuffer image, FloatBuffer latent) {
        DjlDecoding.requireRemaining("image", image, LatentContract.IMAGE_FLOATS);
        DjlDecoding.requireRemaining("latent", latent, LatentContract.LATENT_FLOATS);
        latent.duplicate().put(encodeBatch(DjlDecoding.read(image, LatentContract.IMAGE_FLOATS), 1));
    }

    /** Encodes {@code batch} planar images stored one after another; returns their scaled latents. */
    public float[] encodeBatch(float[] images, int batch) {
        if (batch <= 0 || images.length != batch * LatentContract.IMAGE_FLOATS) {
            throw new IllegalArgumentException("images: expected " + batch + " x " + LatentContract.IMAGE_FLOATS
                    + " floats, got " + images.length);
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(images, new Shape(batch, LatentContract.IMAGE_CHANNELS,
                    LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH)).mul(2f).sub(1f);
            NDArray mean = net.encodeMoments(x, Collections.nCopies(batch, TokenWindow.FULL)).get(0);
            return mean.mul(LatentContract.SCALING_FACTOR).toFloatArray();
        }
    }
}
