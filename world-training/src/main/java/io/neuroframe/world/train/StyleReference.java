package io.neuroframe.world.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The real frames of one style, as the yardstick of how far generated frames are from that style:
 * their mean figures, and the real-to-real spread of each {@link CoherenceStatistic}.
 *
 * <p>Real trajectories of a style do not drift (the scripted players' world and time of day stay as
 * they are), so the reference is the mean over every frame of every real trajectory given. The
 * spread of a figure is how far two different real trajectories are apart in it at the same steps:
 * for each pair of trajectories and each step {@code j} both reach, the {@link CoherenceStatistic#difference}
 * of their means over the window of steps ending at {@code j} (the same window generated frames are
 * averaged over), averaged over pairs and steps. {@link #ratio} puts generated frames on that scale:
 * 0 is the style's mean, 1 is as far as one real trajectory typically is from another.
 */
public final class StyleReference {
    private final String style;
    private final List<String> trajectories;
    private final FrameStatistics mean;
    private final double[] spread = new double[CoherenceStatistic.values().length];

    private StyleReference(String style, List<String> trajectories, FrameStatistics mean) {
        this.style = style;
        this.trajectories = trajectories;
        this.mean = mean;
    }

    /**
     * The reference of {@code style} from its real trajectories.
     *
     * @param real decoded real trajectories by name, at least two
     * @param window steps each side of a spread comparison is averaged over (at least 1)
     * @throws IllegalArgumentException if there are fewer than two trajectories, or two trajectories never
     *     differ in some figure (no spread to measure against)
     */
    public static StyleReference of(String style, Map<String, StepSeries> real, int window) {
        if (real.size() < 2) {
            throw new IllegalArgumentException("style " + style + ": the real-to-real spread needs two real trajectories, got "
                    + real.size() + " " + real.keySet());
        }
        List<String> names = List.copyOf(real.keySet());
        List<StepSeries> series = names.stream().map(real::get).toList();
        List<FrameStatistics> frames = new ArrayList<>();
        for (StepSeries s : series) {
            for (int step = 0; step < s.steps(); step++) {
                frames.addAll(s.frames(step));
            }
        }
        StyleReference reference = new StyleReference(style, names, FrameStatistics.mean(frames));
        CoherenceStatistic[] statistics = CoherenceStatistic.values();
        long comparisons = 0;
        for (int a = 0; a < series.size(); a++) {
            for (int b = a + 1; b < series.size(); b++) {
                int steps = Math.min(series.get(a).steps(), series.get(b).steps());
                for (int j = 0; j < steps; j++) {
                    FrameStatistics x = series.get(a).windowMean(j, window);
                    FrameStatistics y = series.get(b).windowMean(j, window);
                    for (CoherenceStatistic s : statistics) {
                        reference.spread[s.ordinal()] += s.difference(x, y);
                    }
                    comparisons++;
                }
            }
        }
        for (CoherenceStatistic s : statistics) {
            reference.spread[s.ordinal()] /= comparisons;
            if (!(reference.spread[s.ordinal()] > 0)) {
                throw new IllegalArgumentException("style " + style + ": the real trajectories " + names
                        + " do not differ in " + s.label() + ", so there is no real-to-real spread to measure against");
            }
        }
        return reference;
    }

    /** The style's name. */
    public String style() {
        return style;
    }

    /** The names of the real trajectories the reference was made from. */
    public List<String> trajectories() {
        return trajectories;
    }

    /** The mean figures of every real frame. */
    public FrameStatistics mean() {
        return mean;
    }

    /** The real-to-real spread of {@code statistic} (always above 0). */
    public double spread(CoherenceStatistic statistic) {
        return spread[statistic.ordinal()];
    }

    /**
     * How far {@code frames} (the mean figures of some generated frames) are from the style's real frames
     * in {@code statistic}, in units of the real-to-real spread.
     */
    public double ratio(CoherenceStatistic statistic, FrameStatistics frames) {
        return statistic.difference(frames, mean) / spread[statistic.ordinal()];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StyleReference[").append(style).append(" from ").append(trajectories);
        for (CoherenceStatistic s : CoherenceStatistic.values()) {
            sb.append(String.format(Locale.ROOT, ", %s spread %.4g", s.key(), spread(s)));
        }
        return sb.append(']').toString();
    }
}
