package io.neuroframe.api;

import java.nio.FloatBuffer;

/**
 * Turns latent frames into images, following {@link LatentContract}.
 *
 * <p>A decoder belongs to one thread at a time. Implementations reuse their native buffers,
 * so {@link #decode} allocates nothing per call on the frame path. Close it to free native
 * sessions and buffers.
 */
public interface Decoder extends AutoCloseable {

    /**
     * Decodes one scaled latent frame into a planar RGB image.
     *
     * @param latent {@link LatentContract#LATENT_FLOATS} floats from its position; not modified
     * @param image receives {@link LatentContract#IMAGE_FLOATS} floats in [0, 1] at its position
     * @throws IllegalArgumentException if a buffer has too few floats remaining
     */
    void decode(FloatBuffer latent, FloatBuffer image);

    /**
     * Decodes {@code batch} latent frames stored one after another (training and evaluation).
     *
     * @return {@code batch * IMAGE_FLOATS} floats in [0, 1]
     */
    default float[] decodeBatch(float[] latents, int batch) {
        if (latents.length != batch * LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException("latents: expected " + batch + " x " + LatentContract.LATENT_FLOATS
                    + " floats, got " + latents.length);
        }
        float[] images = new float[batch * LatentContract.IMAGE_FLOATS];
        FloatBuffer in = FloatBuffer.wrap(latents);
        FloatBuffer out = FloatBuffer.wrap(images);
        for (int b = 0; b < batch; b++) {
            in.limit((b + 1) * LatentContract.LATENT_FLOATS).position(b * LatentContract.LATENT_FLOATS);
            out.limit((b + 1) * LatentContract.IMAGE_FLOATS).position(b * LatentContract.IMAGE_FLOATS);
            decode(in, out);
        }
        return images;
    }

    /** A short human-readable name, e.g. {@code "nf-small (onnxruntime, cpu)"}. */
    String describe();

    @Override
    void close();
}
