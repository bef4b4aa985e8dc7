package io.neuroframe.adapter.response;

import io.neuroframe.adapter.mea.MeaGeometry;

/** Summary statistics of an activity map around a site, for spatial-behaviour assertions. */
public record SpatialStats(double total, double peak, double rmsRadiusPitches) {

    /** Statistics of {@code activity} around electrode {@code site}, counting electrodes within {@code radius}. */
    public static SpatialStats of(MeaGeometry g, float[] activity, int site, double radius) {
        double total = 0;
        double peak = 0;
        double second = 0;
        for (int e = 0; e < activity.length; e++) {
            double d = g.distancePitches(e, site);
            if (d <= radius) {
                total += activity[e];
                peak = Math.max(peak, activity[e]);
                second += activity[e] * d * d;
            }
        }
        return new SpatialStats(total, peak, total > 0 ? Math.sqrt(second / total) : 0);
    }
}
