package io.neuroframe.demo.dataset;

import io.neuroframe.codec.data.Split;
import io.neuroframe.demo.style.Style;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Shares a dataset's frames out into trajectories: an equal part of the frames per style (the first styles get one
 * more when it does not divide), cut into trajectories of the settings' length. Each trajectory starts at its own
 * spot thousands of blocks from every other, so no two trajectories see the same terrain; in each style with at
 * least two trajectories, the last tenth (at least one) is the validation split.
 */
public final class DatasetPlan {
    /** Fraction of each style's trajectories held out for validation. */
    public static final double VALIDATION_FRACTION = 0.1;
    private static final int SPAWN_SPACING = 4096;

    private DatasetPlan() {
    }

    /** The trajectories of a dataset, style by style, in the order they are rendered. */
    public static List<TrajectoryPlan> of(DatasetSettings settings) {
        List<TrajectoryPlan> plan = new ArrayList<>();
        List<Style> styles = settings.styles();
        for (int s = 0; s < styles.size(); s++) {
            Style style = styles.get(s);
            int styleFrames = settings.frames() / styles.size() + (s < settings.frames() % styles.size() ? 1 : 0);
            int count = (styleFrames + settings.trajectoryLength() - 1) / settings.trajectoryLength();
            int validation = count < 2 ? 0 : Math.max(1, (int) Math.round(count * VALIDATION_FRACTION));
            long worldSeed = settings.seed() * 1_000_003L + style.name().hashCode();
            for (int t = 0; t < count; t++) {
                int frames = Math.min(settings.trajectoryLength(), styleFrames - t * settings.trajectoryLength());
                Random random = new Random(worldSeed * 7919L + t);
                int spawnX = (t - count / 2) * SPAWN_SPACING + random.nextInt(1024) - 512;
                int spawnZ = random.nextInt(2 * SPAWN_SPACING) - SPAWN_SPACING;
                float yaw = random.nextInt(720) * 0.5f;
                Split split = t >= count - validation ? Split.VALIDATION : Split.TRAIN;
                plan.add(new TrajectoryPlan(style, t, frames, worldSeed, random.nextLong(), spawnX, spawnZ, yaw, split));
            }
        }
        return plan;
    }

    /** The styles of {@code plan} that have no validation trajectory (those with fewer than two trajectories). */
    public static List<Style> stylesWithoutValidation(List<TrajectoryPlan> plan) {
        Set<Style> all = new LinkedHashSet<>();
        Set<Style> validated = new HashSet<>();
        for (TrajectoryPlan trajectory : plan) {
            all.add(trajectory.style());
            if (trajectory.split() == Split.VALIDATION) {
                validated.add(trajectory.style());
            }
        }
        all.removeAll(validated);
        return List.copyOf(all);
    }
}
