package io.neuroframe.codec.reference;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.FloatBuffer;

/**
 * {@link Decoder} on the plain-Java {@link ReferenceVitVae}: the slow, readable definition that
 * tests check the fast backends against. Decoding computes
 * {@code clamp((decode(latent / SCALING_FACTOR) + 1) / 2, 0, 1)}, as Oasis does.
 */
public final class ReferenceDecoder implements Decoder {

    private final ReferenceVitVae model;
    private final float[] latent = new float[LatentContract.LATENT_FLOATS];
    private final float[] image = new float[LatentContract.IMAGE_FLOATS];

    /** A decoder over the decoder part of {@code weights}. */
    public ReferenceDecoder(VitVaeWeights weights) {
        this.model = new ReferenceVitVae(weights.decoderOnly());
    }

    @Override
    public void decode(FloatBuffer latentIn, FloatBuffer imageOut) {
        requireRemaining("latent", latentIn, LatentContract.LATENT_FLOATS);
        requireRemaining("image", imageOut, LatentContract.IMAGE_FLOATS);
        latentIn.get(latentIn.position(), latent);
        for (int i = 0; i < latent.length; i++) {
            latent[i] /= LatentContract.SCALING_FACTOR;
        }
        model.decode(latent, image);
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.max(0f, Math.min(1f, (image[i] + 1) / 2));
        }
        imageOut.put(imageOut.position(), image);
    }

    static void requireRemaining(String what, FloatBuffer buffer, int floats) {
        if (buffer.remaining() < floats) {
            throw new IllegalArgumentException(what + ": expected " + floats + " floats remaining, got "
                    + buffer.remaining());
        }
    }

    @Override
    public String describe() {
        return model.config().name() + " (java reference)";
    }

    @Override
    public void close() {
        // Holds Java arrays only.
    }
}
