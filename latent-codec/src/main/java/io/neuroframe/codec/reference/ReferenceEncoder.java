package io.neuroframe.codec.reference;

import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.FloatBuffer;

/**
 * {@link Encoder} on the plain-Java {@link ReferenceVitVae}. Encoding computes
 * {@code mean(encode(2 * image - 1)) * SCALING_FACTOR}, as Oasis does.
 */
public final class ReferenceEncoder implements Encoder {

    private final ReferenceVitVae model;
    private final float[] image = new float[LatentContract.IMAGE_FLOATS];
    private final float[] mean = new float[LatentContract.LATENT_FLOATS];

    /** An encoder over the encoder part of {@code weights}. */
    public ReferenceEncoder(VitVaeWeights weights) {
        this.model = new ReferenceVitVae(weights.encoderOnly());
    }

    @Override
    public void encode(FloatBuffer imageIn, FloatBuffer latentOut) {
        ReferenceDecoder.requireRemaining("image", imageIn, LatentContract.IMAGE_FLOATS);
        ReferenceDecoder.requireRemaining("latent", latentOut, LatentContract.LATENT_FLOATS);
        imageIn.get(imageIn.position(), image);
        for (int i = 0; i < image.length; i++) {
            image[i] = image[i] * 2 - 1;
        }
        model.encode(image, mean, null);
        for (int i = 0; i < mean.length; i++) {
            mean[i] *= LatentContract.SCALING_FACTOR;
        }
        latentOut.put(latentOut.position(), mean);
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
