package io.neuroframe.adapter;

import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.response.KernelBank;
import java.util.SplittableRandom;

/**
 * Non-biological reservoirs with the same shape and norm statistics as a biological one: for every site and
 * current level the control kernel has exactly the Euclidean norm of the biological kernel, so the controls
 * share the biology's amplitude profile and differ only in spatial structure. One random pattern per site is
 * scaled across levels, as a biological response keeps its site.
 */
public final class ControlReservoirs {

    private ControlReservoirs() {
    }

    /** Dense Gaussian random patterns over all electrodes (the frozen random reservoir). */
    public static KernelBank frozenRandom(KernelBank biology, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][][] kernels = new float[biology.levels()][biology.sites()][];
        for (int s = 0; s < biology.sites(); s++) {
            float[] pattern = new float[biology.electrodes()];
            for (int e = 0; e < pattern.length; e++) {
                pattern[e] = (float) random.nextGaussian();
            }
            scalePerLevel(biology, s, pattern, kernels);
        }
        return KernelBank.dense(biology.currentLevelsUa(), kernels);
    }

    /**
     * Spatially smooth random patterns: white noise over the array blurred by a Gaussian of
     * {@code smoothingPitches} electrode pitches (not centred on the site), norm-matched.
     */
    public static KernelBank smoothRandom(KernelBank biology, MeaGeometry geometry, double smoothingPitches, long seed) {
        if (!(smoothingPitches > 0)) {
            throw new IllegalArgumentException("smoothingPitches must be positive, got " + smoothingPitches);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] taps = gaussianTaps(smoothingPitches);
        float[][][] kernels = new float[biology.levels()][biology.sites()][];
        float[] noise = new float[geometry.electrodes()];
        float[] blurredRows = new float[geometry.electrodes()];
        for (int s = 0; s < biology.sites(); s++) {
            for (int e = 0; e < noise.length; e++) {
                noise[e] = (float) random.nextGaussian();
            }
            float[] pattern = new float[geometry.electrodes()];
            blur(noise, blurredRows, geometry.rows(), geometry.cols(), taps, true);
            blur(blurredRows, pattern, geometry.rows(), geometry.cols(), taps, false);
            scalePerLevel(biology, s, pattern, kernels);
        }
        return KernelBank.dense(biology.currentLevelsUa(), kernels);
    }

    /** The biological kernels with the electrodes permuted by a seeded random permutation. */
    public static KernelBank shuffled(KernelBank biology, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] permutation = new int[biology.electrodes()];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = tmp;
        }
        return biology.permuteElectrodes(permutation);
    }

    private static void scalePerLevel(KernelBank biology, int site, float[] pattern, float[][][] kernels) {
        double norm = 0;
        for (float v : pattern) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        for (int l = 0; l < biology.levels(); l++) {
            float scale = norm > 0 ? (float) (biology.norm(site, l) / norm) : 0f;
            float[] kernel = new float[pattern.length];
            for (int e = 0; e < pattern.length; e++) {
                kernel[e] = pattern[e] * scale;
            }
            kernels[l][site] = kernel;
        }
    }

    private static float[] gaussianTaps(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] taps = new float[2 * radius + 1];
        for (int i = -radius; i <= radius; i++) {
            taps[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
        }
        return taps;
    }

    /** One pass of a separable blur along columns ({@code alongRows == false}) or rows, edges clamped. */
    private static void blur(float[] in, float[] out, int rows, int cols, float[] taps, boolean alongRows) {
        int radius = taps.length / 2;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float sum = 0f;
                for (int k = -radius; k <= radius; k++) {
                    int rr = alongRows ? r : Math.max(0, Math.min(rows - 1, r + k));
                    int cc = alongRows ? Math.max(0, Math.min(cols - 1, c + k)) : c;
                    sum += taps[k + radius] * in[rr * cols + cc];
                }
                out[r * cols + c] = sum;
            }
        }
    }
}
