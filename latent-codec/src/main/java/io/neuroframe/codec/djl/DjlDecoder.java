package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.codec.Decoder;
import io.neuroframe.codec.LatentContract;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.FloatBuffer;
import java.util.Collections;

/**
 * {@link Decoder} on DJL's PyTorch engine: {@code clamp((decode(z / scaling) + 1) / 2, 0, 1)}.
 * Each call works in a manager of its own that is closed before returning.
 */
public final class DjlDecoder implements Decoder {
    private final NDManager manager;
    private final DjlVitVae model;

    private DjlDecoder(VitVaeWeights weights, Engine engine) {
        this.manager = engine.newBaseManager();
        this.model = DjlVitVae.of(weights.decoderOnly(), manager);
    }

    /**
     * A decoder with the decoder part of {@code weights} on {@code engine} (see {@link PyTorchRuntime}).
     *
     * @throws IllegalStateException if the weights hold only the encoder
     */
    public static DjlDecoder create(VitVaeWeights weights, Engine engine) {
        return new DjlDecoder(weights, engine);
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        requireRemaining("latent", latent, LatentContract.LATENT_FLOATS);
        requireRemaining("image", image, LatentContract.IMAGE_FLOATS);
        float[] out = decodeBatch(read(latent, LatentContract.LATENT_FLOATS), 1);
        image.duplicate().put(out);
    }

    @Override
    public float[] decodeBatch(float[] latents, int batch) {
        if (batch <= 0 || latents.length != batch * LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException("latents: expected " + batch + " x " + LatentContract.LATENT_FLOATS
                    + " floats, got " + latents.length);
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray z = call.create(latents, new Shape(batch, LatentContract.TOKENS, LatentContract.CHANNELS))
                    .div(LatentContract.SCALING_FACTOR);
            NDArray images = model.decode(z, Collections.nCopies(batch, TokenWindow.FULL));
            return images.add(1f).div(2f).clip(0f, 1f).toFloatArray();
        }
    }

    static float[] read(FloatBuffer buffer, int count) {
        float[] values = new float[count];
        buffer.duplicate().get(values);
        return values;
    }

    static void requireRemaining(String what, FloatBuffer buffer, int count) {
        if (buffer.remaining() < count) {
            throw new IllegalArgumentException(what + ": expected at least " + count + " floats remaining, got "
                    + buffer.remaining());
        }
    }

    @Override
    public String describe() {
        return model.config().name() + " (djl pytorch, cpu)";
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
