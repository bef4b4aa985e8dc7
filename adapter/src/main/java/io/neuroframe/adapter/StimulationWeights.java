package io.neuroframe.adapter;

import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.CurrentLevels;
import io.neuroframe.api.LatentContract;
import java.util.Arrays;

/**
 * Turns a latent frame into per-level stimulation weights {@code U[level][site][channel]}: the response of
 * channel c's stimulation pattern is {@code sum over level, site of U[level][site][c] * kernel(site, level)}.
 *
 * <p>For site s (token s) and channel c with latent value z, the current {@code I = encoding.currentUa(z, c)} is
 * split over the two levels around it ({@link CurrentLevels}) and multiplied by {@code encoding.polarity(z)}.
 * Tokens outside the region and unselected channels get zero weight. Latents are inputs, not parameters,
 * so a trainer can compute these weights once per cached latent.
 */
public final class StimulationWeights {

    private StimulationWeights() {
    }

    /** Number of floats {@link #compute} writes for {@code levels} current levels. */
    public static int size(int levels) {
        return levels * LatentContract.TOKENS * LatentContract.CHANNELS;
    }

    /**
     * Writes the weights for {@code latent} (576 x 16, token-major) into {@code out}
     * ({@code [levels][576][16]}, cleared first). Allocates nothing.
     */
    public static void compute(StimulationEncoding encoding, int[] activeTokens, int[] channels, float[] levels,
            float[] latent, float[] out) {
        Arrays.fill(out, 0, size(levels.length), 0f);
        int levelStride = LatentContract.TOKENS * LatentContract.CHANNELS;
        for (int token : activeTokens) {
            for (int c : channels) {
                float z = latent[token * LatentContract.CHANNELS + c];
                float current = encoding.currentUa(z, c);
                if (current == 0f) {
                    continue;
                }
                float polarity = encoding.polarity(z);
                int upper = CurrentLevels.upperLevel(levels, current);
                float weight = CurrentLevels.upperWeight(levels, upper, current);
                int cell = token * LatentContract.CHANNELS + c;
                out[upper * levelStride + cell] = polarity * weight;
                if (upper > 0) {
                    out[(upper - 1) * levelStride + cell] = polarity * (1f - weight);
                }
            }
        }
    }

    /** {@link #compute} with the encoding's own region and channel selection (allocates two small arrays). */
    public static void compute(StimulationEncoding encoding, float[] levels, float[] latent, float[] out) {
        compute(encoding, encoding.activeTokens(), encoding.channels(), levels, latent, out);
    }
}
