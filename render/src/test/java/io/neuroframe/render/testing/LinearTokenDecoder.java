package io.neuroframe.render.testing;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real decoder: each 20x20 patch gets the colour {@code clamp(0.5 + W z)} of its token's
 * 16 channels {@code z}, with {@code W = [I3 | fixed small weights]}. With {@link PatchMeanEncoder}
 * it reproduces a patch-constant image exactly.
 */
public class LinearTokenDecoder implements Decoder {
    private static final float[][] W = new float[LatentContract.IMAGE_CHANNELS][LatentContract.CHANNELS];

    static {
        for (int c = 0; c < LatentContract.IMAGE_CHANNELS; c++) {
            W[c][c] = 1f;
            for (int k = LatentContract.IMAGE_CHANNELS; k < LatentContract.CHANNELS; k++) {
                W[c][k] = 0.01f * ((c * 7 + k * 3) % 5 - 2);
            }
        }
    }

    private final String name;
    public final AtomicInteger decodes = new AtomicInteger();
    public volatile boolean closed;
    public volatile String closedOnThread;
    public volatile String decodedOnThread;

    public LinearTokenDecoder(String name) {
        this.name = name;
    }

    public LinearTokenDecoder() {
        this("linear-token");
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        if (latent.remaining() < LatentContract.LATENT_FLOATS || image.remaining() < LatentContract.IMAGE_FLOATS) {
            throw new IllegalArgumentException("buffers too small");
        }
        decodedOnThread = Thread.currentThread().getName();
        int in = latent.position();
        int out = image.position();
        for (int row = 0; row < LatentContract.TOKEN_ROWS; row++) {
            for (int col = 0; col < LatentContract.TOKEN_COLS; col++) {
                int token = in + LatentContract.latentIndex(row, col, 0);
                for (int c = 0; c < LatentContract.IMAGE_CHANNELS; c++) {
                    float v = 0.5f;
                    for (int k = 0; k < LatentContract.CHANNELS; k++) {
                        v += W[c][k] * latent.get(token + k);
                    }
                    v = Math.max(0f, Math.min(1f, v));
                    for (int y = row * LatentContract.PATCH_SIZE; y < (row + 1) * LatentContract.PATCH_SIZE; y++) {
                        int base = out + LatentContract.imageIndex(c, y, col * LatentContract.PATCH_SIZE);
                        for (int x = 0; x < LatentContract.PATCH_SIZE; x++) {
                            image.put(base + x, v);
                        }
                    }
                }
            }
        }
        decodes.incrementAndGet();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
        closedOnThread = Thread.currentThread().getName();
    }
}
