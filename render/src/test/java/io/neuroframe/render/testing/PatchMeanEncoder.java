package io.neuroframe.render.testing;

import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;

/** A small real encoder: channel c (c < 3) of each token is its patch's mean colour c minus 0.5; other channels 0. */
public final class PatchMeanEncoder implements Encoder {
    public volatile boolean closed;

    @Override
    public void encode(FloatBuffer image, FloatBuffer latent) {
        int in = image.position();
        int out = latent.position();
        float area = LatentContract.PATCH_SIZE * LatentContract.PATCH_SIZE;
        for (int row = 0; row < LatentContract.TOKEN_ROWS; row++) {
            for (int col = 0; col < LatentContract.TOKEN_COLS; col++) {
                int token = out + LatentContract.latentIndex(row, col, 0);
                for (int c = 0; c < LatentContract.IMAGE_CHANNELS; c++) {
                    float sum = 0;
                    for (int y = row * LatentContract.PATCH_SIZE; y < (row + 1) * LatentContract.PATCH_SIZE; y++) {
                        int base = in + LatentContract.imageIndex(c, y, col * LatentContract.PATCH_SIZE);
                        for (int x = 0; x < LatentContract.PATCH_SIZE; x++) {
                            sum += image.get(base + x);
                        }
                    }
                    latent.put(token + c, sum / area - 0.5f);
                }
                for (int k = LatentContract.IMAGE_CHANNELS; k < LatentContract.CHANNELS; k++) {
                    latent.put(token + k, 0f);
                }
            }
        }
    }

    @Override
    public String describe() {
        return "patch-mean";
    }

    @Override
    public void close() {
        closed = true;
    }
}
