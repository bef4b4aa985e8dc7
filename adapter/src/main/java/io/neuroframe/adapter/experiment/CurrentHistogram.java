package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.api.LatentContract;

/**
 * The stimulation currents an encoding actually delivers on a set of latents: every selected channel of every
 * token in the region, as shares of sites per {@value #BIN_UA} uA bin from 0 to the top current (a current of
 * exactly the top falls in the last bin).
 */
final class CurrentHistogram {

    /** Bin width in microamperes. */
    static final float BIN_UA = 0.25f;

    private final long[] counts;
    private long total;
    private long aboveOneUa;

    private CurrentHistogram(float maxCurrentUa) {
        this.counts = new long[(int) Math.ceil(maxCurrentUa / BIN_UA)];
    }

    /** The currents {@code encoding} delivers for {@code latents}. */
    static CurrentHistogram of(StimulationEncoding encoding, float[][] latents) {
        CurrentHistogram h = new CurrentHistogram(encoding.maxCurrentUa());
        int[] tokens = encoding.activeTokens();
        int[] channels = encoding.channels();
        for (float[] latent : latents) {
            for (int token : tokens) {
                for (int c : channels) {
                    float current = encoding.currentUa(latent[token * LatentContract.CHANNELS + c], c);
                    h.counts[Math.min(h.counts.length - 1, (int) (current / BIN_UA))]++;
                    h.total++;
                    if (current > 1f) {
                        h.aboveOneUa++;
                    }
                }
            }
        }
        return h;
    }

    /** Number of bins. */
    int bins() {
        return counts.length;
    }

    /** Lower edge of bin {@code i} in microamperes. */
    float binStartUa(int i) {
        return i * BIN_UA;
    }

    /** Share of sites in bin {@code i}. */
    double share(int i) {
        return total == 0 ? 0 : (double) counts[i] / total;
    }

    /** Share of sites stimulated with more than 1 uA. */
    double shareAboveOneUa() {
        return total == 0 ? 0 : (double) aboveOneUa / total;
    }

    /** Stimulated sites counted (selected channels x tokens in the region x latents). */
    long total() {
        return total;
    }
}
