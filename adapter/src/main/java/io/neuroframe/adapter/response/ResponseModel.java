package io.neuroframe.adapter.response;

import io.neuroframe.adapter.mea.MeaGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fixed middle of the adapter: how the culture on the array answers electrical stimulation.
 *
 * <p>A model knows the evoked activity of every electrode when one site is stimulated at one of a few
 * {@linkplain #currentLevelsUa() current levels}. A stimulation pattern (a current per site) is answered by
 * superposing the single-site responses (no interaction between simultaneously stimulated sites, as in the
 * reference work's recombination of recorded events). Between levels the response is interpolated linearly;
 * below the first level it is interpolated from zero (no current, no response), above the last it is the
 * last level's response. Because the spread of a response grows with current, the result is non-linear in
 * amplitude, but linear in the per-level interpolation weights, which lets the frame path fold the readout
 * into the responses once ({@link KernelBank}).
 */
public interface ResponseModel {

    /** The array the responses are defined on. */
    MeaGeometry geometry();

    /** Currents in microamperes at which responses are defined: positive, strictly ascending (a copy). */
    float[] currentLevelsUa();

    /**
     * Adds {@code scale} times the trial-averaged response of every electrode to stimulating electrode
     * {@code site} at current level {@code level} into {@code activity} (one value per electrode).
     */
    void addMeanResponse(int site, int level, float scale, float[] activity);

    /**
     * Adds {@code scale} times one trial's response. The same {@code trialKey} selects the same trial at every
     * level, so interpolating between two levels stays within one trial.
     */
    void addTrialResponse(int site, int level, float scale, long trialKey, float[] activity);

    /** A short description for reports, e.g. {@code local-kernel sigma=2 A=1}. */
    String describe();

    /**
     * Answers a stimulation pattern: {@code activity} (cleared first) receives the superposed responses to
     * stimulating {@code sites[i]} with signed current {@code signedCurrentsUa[i]} (the sign multiplies the
     * response). With {@code trials == null} the trial-averaged responses are used (deterministic); otherwise
     * each site draws one trial from {@code trials} (trial-to-trial variability, reproducible for a seed).
     */
    default void respond(int[] sites, float[] signedCurrentsUa, SplittableRandom trials, float[] activity) {
        if (sites.length != signedCurrentsUa.length) {
            throw new IllegalArgumentException(sites.length + " sites but " + signedCurrentsUa.length + " currents");
        }
        Arrays.fill(activity, 0f);
        float[] levels = currentLevelsUa();
        for (int i = 0; i < sites.length; i++) {
            float current = Math.abs(signedCurrentsUa[i]);
            if (!(current > 0)) {
                continue;
            }
            float sign = signedCurrentsUa[i] < 0 ? -1f : 1f;
            int upper = CurrentLevels.upperLevel(levels, current);
            float weight = CurrentLevels.upperWeight(levels, upper, current);
            long trialKey = trials == null ? 0L : trials.nextLong();
            addLevel(sites[i], upper, sign * weight, trials != null, trialKey, activity);
            if (upper > 0 && weight < 1f) {
                addLevel(sites[i], upper - 1, sign * (1f - weight), trials != null, trialKey, activity);
            }
        }
    }

    private void addLevel(int site, int level, float scale, boolean trial, long trialKey, float[] activity) {
        if (trial) {
            addTrialResponse(site, level, scale, trialKey, activity);
        } else {
            addMeanResponse(site, level, scale, activity);
        }
    }
}
