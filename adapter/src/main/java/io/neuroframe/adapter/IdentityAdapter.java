package io.neuroframe.adapter;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;

/** The no-adapter control: copies the latent unchanged (no parameters). */
public final class IdentityAdapter implements LatentAdapter {

    private final float[] latent = new float[LatentContract.LATENT_FLOATS];

    @Override
    public void apply(FloatBuffer input, FloatBuffer output) {
        input.get(0, latent);
        output.put(0, latent);
    }

    @Override
    public String describe() {
        return "identity";
    }

    @Override
    public void close() {
        // Holds heap arrays only.
    }
}
