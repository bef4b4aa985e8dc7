package io.neuroframe.adapter.response;

/**
 * Piecewise-linear interpolation over ascending current levels, with an implicit zero-response level at
 * zero current. A current {@code c} with {@code levels[k-1] < c <= levels[k]} puts weight
 * {@code (c - levels[k-1]) / (levels[k] - levels[k-1])} on level k and the rest on level k-1 (or on the
 * implicit zero level for k = 0); currents above the last level put weight 1 on the last level.
 */
public final class CurrentLevels {

    private CurrentLevels() {
    }

    /** Index k of the level at or above {@code current} (the last level when it is above them all). */
    public static int upperLevel(float[] levels, float current) {
        int k = 0;
        while (k < levels.length - 1 && levels[k] < current) {
            k++;
        }
        return k;
    }

    /** Interpolation weight of level {@code upper} for {@code current}; the rest goes to level upper-1. */
    public static float upperWeight(float[] levels, int upper, float current) {
        float low = upper == 0 ? 0f : levels[upper - 1];
        float high = levels[upper];
        if (current >= high) {
            return 1f;
        }
        return (current - low) / (high - low);
    }

    /** Checks that {@code levels} are positive, finite and strictly ascending; returns a copy. */
    public static float[] validated(float[] levels, String what) {
        if (levels.length == 0) {
            throw new IllegalArgumentException(what + ": at least one current level is needed");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0) || Float.isInfinite(levels[i]) || (i > 0 && levels[i] <= levels[i - 1])) {
                throw new IllegalArgumentException(what + ": current levels must be positive, finite and strictly "
                        + "ascending, got " + java.util.Arrays.toString(levels));
            }
        }
        return levels.clone();
    }
}
