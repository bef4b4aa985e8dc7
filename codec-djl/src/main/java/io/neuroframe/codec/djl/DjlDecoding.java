package io.neuroframe.codec.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;

import java.nio.FloatBuffer;
import java.util.function.UnaryOperator;

/**
 * What the DJL codecs share around their networks: buffer checks and copies, and the decode of a
 * batch of scaled latents, {@code clamp((net(z / scaling) + 1) / 2, 0, 1)}.
 */
final class DjlDecoding {
    private DjlDecoding() {
    }

    /** {@link Decoder#decode} through {@code decoder}'s {@link Decoder#decodeBatch} of one frame. */
    static void decodeOne(Decoder decoder, FloatBuffer latent, FloatBuffer image) {
        requireRemaining("latent", latent, LatentContract.LATENT_FLOATS);
        requireRemaining("image", image, LatentContract.IMAGE_FLOATS);
        image.duplicate().put(decoder.decodeBatch(read(latent, LatentContract.LATENT_FLOATS), 1));
    }

    /**
     * Decodes {@code batch} scaled latents in a sub-manager of {@code manager} that is closed before returning.
     *
     * @param net maps unscaled latents {@code (batch, tokens, channels)} to images in [-1, 1]
     */
    static float[] decodeBatch(NDManager manager, float[] latents, int batch, UnaryOperator<NDArray> net) {
        if (batch <= 0 || latents.length != batch * LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException("latents: expected " + batch + " x " + LatentContract.LATENT_FLOATS
                    + " floats, got " + latents.length);
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray z = call.create(latents, new Shape(batch, LatentContract.TOKENS, LatentContract.CHANNELS))
                    .div(LatentContract.SCALING_FACTOR);
            return net.apply(z).add(1f).div(2f).clip(0f, 1f).toFloatArray();
        }
    }

    /** A copy of {@code count} floats from {@code buffer}'s position (not moved). */
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
}
