package io.neuroframe.api;

import java.nio.FloatBuffer;

/**
 * A trained adapter on the frame path: reads one scaled latent frame and writes the sharpened one
 * ({@code io.neuroframe.api.LatentContract}: 576 tokens x 16 channels).
 *
 * <p>An adapter belongs to one thread at a time and allocates nothing per call.
 */
public interface LatentAdapter extends AutoCloseable {

    /** Writes {@code input + gate * readout(response(stimulation(input)))} into {@code output}. */
    void apply(FloatBuffer input, FloatBuffer output);

    /** A short human-readable name, e.g. {@code "local-kernel sigma=2 A=1"}. */
    String describe();

    @Override
    void close();
}
