package io.neuroframe.world.train;

import java.util.function.ToDoubleFunction;

/**
 * The figures by which a dream "holds together": how far a set of decoded frames is from the real
 * frames of its style in colour, brightness, contrast, sharpness and patch grid (see
 * {@link FrameStatistics} for how each is taken on a frame).
 *
 * <p>{@link #difference} is what the figure compares: the absolute difference of two frames' (or two
 * means') values, and for the colour histogram the total variation distance of the two histograms.
 */
public enum CoherenceStatistic {
    COLOUR_HISTOGRAM("colourHistogram", "colour histogram distance", null),
    LUMINANCE("luminance", "mean luminance", FrameStatistics::luminance),
    CONTRAST("contrast", "RMS contrast", FrameStatistics::contrast),
    SHARPNESS("sharpness", "gradient energy", FrameStatistics::sharpness),
    PATCH_GRID("patchGrid", "20-pixel patch grid", FrameStatistics::patchGrid);

    private final String key;
    private final String label;
    private final ToDoubleFunction<FrameStatistics> value;

    CoherenceStatistic(String key, String label, ToDoubleFunction<FrameStatistics> value) {
        this.key = key;
        this.label = label;
        this.value = value;
    }

    /** The name in JSON reports, e.g. {@code "patchGrid"}. */
    public String key() {
        return key;
    }

    /** A short description for tables and plots, e.g. {@code "RMS contrast"}. */
    public String label() {
        return label;
    }

    /**
     * How far apart {@code a} and {@code b} are in this figure: never negative, 0 for equal figures.
     */
    public double difference(FrameStatistics a, FrameStatistics b) {
        return value == null ? a.histogramDistance(b) : Math.abs(value.applyAsDouble(a) - value.applyAsDouble(b));
    }

    /**
     * The figure of {@code frame} as a report shows it next to its reference {@code reference}: the value
     * itself, and for the colour histogram its distance to the reference's histogram.
     */
    public double value(FrameStatistics frame, FrameStatistics reference) {
        return value == null ? frame.histogramDistance(reference) : value.applyAsDouble(frame);
    }
}
