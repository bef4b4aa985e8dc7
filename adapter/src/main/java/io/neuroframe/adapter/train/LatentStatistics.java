package io.neuroframe.adapter.train;

import io.neuroframe.api.LatentContract;
import java.util.Arrays;

/**
 * Per-channel statistics of a codec's scaled latents, for mapping latent values to stimulation currents from the
 * codec's own range rather than from a fixed saturation.
 *
 * <p>{@link #channelPercentiles} gives, per channel, a percentile of |z| over every token of the given latents (the
 * training frames': never validation frames). Used as the per-channel saturation of the stimulation encoding, the
 * 99th percentile maps a channel's typical values across the whole recorded current range: for a Gaussian channel
 * the median |z| then gets about a quarter of the top current, and 1 % of the values saturate.
 */
public final class LatentStatistics {

    /** Percentile of |z| used as each channel's saturation. */
    public static final double SATURATION_PERCENTILE = 99.0;

    private LatentStatistics() {
    }

    /**
     * The {@code percentile} (0..100) of |z| per channel over all tokens of {@code latents} (nearest rank; NaN values
     * are skipped).
     *
     * @throws IllegalArgumentException if there are no latents, a latent is not 9216 values, or a channel has no
     *     non-zero finite value (its percentile would be 0), naming the channel
     */
    public static float[] channelPercentiles(float[][] latents, double percentile) {
        if (latents.length == 0) {
            throw new IllegalArgumentException("latent statistics need at least one latent");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        int c16 = LatentContract.CHANNELS;
        float[][] magnitudes = new float[c16][latents.length * LatentContract.TOKENS];
        int[] counts = new int[c16];
        for (int f = 0; f < latents.length; f++) {
            float[] z = latents[f];
            if (z.length != LatentContract.LATENT_FLOATS) {
                throw new IllegalArgumentException("latent " + f + " has " + z.length + " values, expected "
                        + LatentContract.LATENT_FLOATS);
            }
            for (int i = 0; i < z.length; i++) {
                float m = Math.abs(z[i]);
                if (Float.isFinite(m)) {
                    int c = i % c16;
                    magnitudes[c][counts[c]++] = m;
                }
            }
        }
        float[] out = new float[c16];
        for (int c = 0; c < c16; c++) {
            float[] values = Arrays.copyOf(magnitudes[c], counts[c]);
            Arrays.sort(values);
            int rank = (int) Math.ceil(percentile / 100.0 * values.length) - 1;
            out[c] = values.length == 0 ? 0f : values[Math.max(0, Math.min(values.length - 1, rank))];
            if (!(out[c] > 0)) {
                throw new IllegalArgumentException("latent channel " + c + " has no non-zero finite value over "
                        + latents.length + " latents: its " + percentile + "th percentile of |z| is " + out[c]);
            }
        }
        return out;
    }
}
