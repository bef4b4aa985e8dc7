package io.neuroframe.adapter.response;

import io.neuroframe.adapter.mea.MeaGeometry;

/**
 * The first-order approximation of local connectivity: stimulating a site evokes activity that falls off
 * with distance as a Gaussian, {@code A(I) * exp(-d^2 / (2 sigma(I)^2))}, d in electrode pitches.
 *
 * <p>Stronger stimulation reaches further and drives more activity (the reference work's figure 2):
 * {@code sigma(I) = sigma * (I / Itop)^spreadExponent} and {@code A(I) = A * I / Itop}, where {@code Itop} is
 * the highest current level. The default exponent 0.5 follows Stoney's current-distance relation
 * (activation radius grows with the square root of current). sigma and A are the swept parameters.
 * The kernel is cut at {@link #CUTOFF_SIGMAS} sigma (where it is below 0.04 % of its peak).
 *
 * <p>Trial variability: each electrode's value is multiplied by {@code max(0, 1 + cv * N(0, 1))}, the noise
 * a hash of (trial key, site, electrode), so one trial has the same noise at every level.
 */
public final class LocalKernelResponse implements ResponseModel {

    /** Kernel radius in units of sigma beyond which activity is zero. */
    public static final double CUTOFF_SIGMAS = 4.0;
    /** Default current levels in microamperes. */
    public static final float[] DEFAULT_LEVELS_UA = {1f, 2f, 3f, 4f};

    private final MeaGeometry geometry;
    private final double sigmaPitches;
    private final float amplitude;
    private final float[] levels;
    private final double spreadExponent;
    private final double trialCv;

    /**
     * @param geometry the array
     * @param sigmaPitches spatial scale at the top current, in electrode pitches (positive)
     * @param amplitude peak activity at the top current (positive)
     * @param levelsUa current levels in microamperes, ascending
     * @param spreadExponent how sigma grows with current, {@code sigma(I) ~ I^spreadExponent} (0 = fixed)
     * @param trialCv coefficient of variation of the per-electrode trial noise (0 = none)
     */
    public LocalKernelResponse(MeaGeometry geometry, double sigmaPitches, float amplitude, float[] levelsUa,
            double spreadExponent, double trialCv) {
        if (!(sigmaPitches > 0) || !(amplitude > 0) || !(spreadExponent >= 0) || !(trialCv >= 0)) {
            throw new IllegalArgumentException("local kernel: sigma and A must be positive, spreadExponent and "
                    + "trialCv non-negative; got sigma=" + sigmaPitches + " A=" + amplitude + " spreadExponent="
                    + spreadExponent + " trialCv=" + trialCv);
        }
        this.geometry = geometry;
        this.sigmaPitches = sigmaPitches;
        this.amplitude = amplitude;
        this.levels = CurrentLevels.validated(levelsUa, "local kernel");
        this.spreadExponent = spreadExponent;
        this.trialCv = trialCv;
    }

    /** The default levels, spread exponent 0.5 and trial CV 0.3 with the given sigma and A. */
    public static LocalKernelResponse of(MeaGeometry geometry, double sigmaPitches, float amplitude) {
        return new LocalKernelResponse(geometry, sigmaPitches, amplitude, DEFAULT_LEVELS_UA, 0.5, 0.3);
    }

    @Override
    public MeaGeometry geometry() {
        return geometry;
    }

    @Override
    public float[] currentLevelsUa() {
        return levels.clone();
    }

    /** Spatial scale in pitches at level {@code level}. */
    public double sigmaAt(int level) {
        return sigmaPitches * Math.pow(levels[level] / levels[levels.length - 1], spreadExponent);
    }

    /** Peak activity at level {@code level}. */
    public double amplitudeAt(int level) {
        return amplitude * levels[level] / levels[levels.length - 1];
    }

    @Override
    public void addMeanResponse(int site, int level, float scale, float[] activity) {
        addKernel(site, level, scale, false, 0L, activity);
    }

    @Override
    public void addTrialResponse(int site, int level, float scale, long trialKey, float[] activity) {
        addKernel(site, level, scale, true, trialKey ^ (site * 0x9E3779B97F4A7C15L), activity);
    }

    private void addKernel(int site, int level, float scale, boolean noisy, long noiseKey, float[] activity) {
        double sigma = sigmaAt(level);
        double peak = amplitudeAt(level) * scale;
        int radius = (int) Math.ceil(CUTOFF_SIGMAS * sigma);
        int row0 = geometry.row(site);
        int col0 = geometry.col(site);
        double inv2s2 = 1.0 / (2 * sigma * sigma);
        double cutoff2 = CUTOFF_SIGMAS * CUTOFF_SIGMAS * sigma * sigma;
        for (int row = Math.max(0, row0 - radius); row <= Math.min(geometry.rows() - 1, row0 + radius); row++) {
            for (int col = Math.max(0, col0 - radius); col <= Math.min(geometry.cols() - 1, col0 + radius); col++) {
                double d2 = (row - row0) * (row - row0) + (col - col0) * (col - col0);
                if (d2 > cutoff2) {
                    continue;
                }
                double value = peak * Math.exp(-d2 * inv2s2);
                int electrode = row * geometry.cols() + col;
                if (noisy) {
                    value *= Math.max(0, 1 + trialCv * hashedGaussian(noiseKey + electrode * 0xBF58476D1CE4E5B9L));
                }
                activity[electrode] += (float) value;
            }
        }
    }

    /** A standard normal value that depends only on {@code key} (SplitMix64 hashing and Box-Muller). */
    private static double hashedGaussian(long key) {
        long a = mix(key);
        long b = mix(a);
        double u1 = ((a >>> 11) + 1) * 0x1.0p-53;
        double u2 = (b >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String describe() {
        return "local-kernel sigma=" + sigmaPitches + " A=" + amplitude;
    }
}
