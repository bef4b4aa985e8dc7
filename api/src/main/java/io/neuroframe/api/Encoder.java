package io.neuroframe.api;

import java.nio.FloatBuffer;

/**
 * Turns images into scaled latent frames (the mean of the posterior times
 * {@link LatentContract#SCALING_FACTOR}), following {@link LatentContract}.
 *
 * <p>An encoder belongs to one thread at a time; close it to free native resources.
 */
public interface Encoder extends AutoCloseable {

    /**
     * Encodes one planar RGB image.
     *
     * @param image {@link LatentContract#IMAGE_FLOATS} floats in [0, 1] from its position; not modified
     * @param latent receives {@link LatentContract#LATENT_FLOATS} floats at its position
     */
    void encode(FloatBuffer image, FloatBuffer latent);

    /** A short human-readable name, e.g. {@code "nf-small (onnxruntime, cpu)"}. */
    String describe();

    @Override
    void close();
}
