package io.neuroframe.capture;

import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.Split;
import java.util.Locale;
import java.util.Set;

/**
 * One planned trajectory of a dataset: a run of consecutive frames of one style in one split. Says where its
 * frames go in the dataset folder and what their manifest rows hold.
 */
public interface PlannedTrajectory {

    /** The name in the manifest's {@code style} field: the world style or game, e.g. {@code meadow}. */
    String styleName();

    /** Index of the trajectory within its style, from 0. */
    int index();

    /** Number of frames. */
    int frames();

    /** Train or validation, for all frames of the trajectory. */
    Split split();

    /** The unique name, e.g. {@code meadow-003}. */
    default String name() {
        return String.format(Locale.ROOT, "%s-%03d", styleName(), index());
    }

    /** Path of frame {@code frame}'s PNG relative to the dataset folder. */
    default String framePath(int frame) {
        return String.format(Locale.ROOT, "frames/%s/%s/%06d.png", styleName(), name(), frame);
    }

    /** Whether every frame's file is in {@code done} (the files an earlier run wrote). */
    default boolean isComplete(Set<String> done) {
        for (int f = 0; f < frames(); f++) {
            if (!done.contains(framePath(f))) {
                return false;
            }
        }
        return true;
    }

    /** The manifest row of frame {@code frame}, reached by {@code action}, seen from {@code pose}. */
    default DatasetFrame row(int frame, long seed, OasisAction action, CameraPose pose) {
        return new DatasetFrame(framePath(frame), styleName(), seed, name(), frame, split(), action, pose);
    }
}
