package io.neuroframe.demo.headless;

import com.google.gson.JsonObject;
import java.util.Arrays;

/** Frame times collected into a preallocated array, summarised as mean, percentiles and frames per second. */
public final class FrameTimeStats {
    private final double[] millis;
    private int count;

    /** Room for {@code capacity} frames; further frames are ignored. */
    public FrameTimeStats(int capacity) {
        millis = new double[capacity];
    }

    /** Records one frame time in milliseconds. */
    public void add(double frameMillis) {
        if (count < millis.length) {
            millis[count++] = frameMillis;
        }
    }

    public int count() {
        return count;
    }

    /** Sum of all frame times in milliseconds. */
    public double totalMillis() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += millis[i];
        }
        return sum;
    }

    /** Frames per second over the recorded frames. */
    public double fps() {
        double total = totalMillis();
        return total == 0 ? 0 : count * 1000.0 / total;
    }

    public double mean() {
        return count == 0 ? 0 : totalMillis() / count;
    }

    /** The {@code p}-th percentile (0..100) by the nearest-rank method. */
    public double percentile(double p) {
        if (count == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    public double max() {
        return percentile(100);
    }

    /** Mean, p50, p95, p99 and max in milliseconds, rounded to hundredths, for a summary file. */
    public JsonObject toJson() {
        JsonObject ms = new JsonObject();
        ms.addProperty("mean", round(mean()));
        ms.addProperty("p50", round(percentile(50)));
        ms.addProperty("p95", round(percentile(95)));
        ms.addProperty("p99", round(percentile(99)));
        ms.addProperty("max", round(max()));
        return ms;
    }

    /** {@code v} rounded to hundredths. */
    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
