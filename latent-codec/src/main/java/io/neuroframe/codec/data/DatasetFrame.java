package io.neuroframe.codec.data;

import io.neuroframe.api.OasisAction;
import java.util.Objects;

/**
 * One row of a dataset manifest: a rendered frame, the action that led to it and the camera pose it shows.
 *
 * <p>Frame {@code frame} of a trajectory shows the world after the player's input {@code action} was applied
 * for one simulation step (1/20 s) starting from frame {@code frame - 1}; frame 0 follows the first step after
 * the player was placed.
 *
 * @param file path of the PNG relative to the dataset folder, with {@code /} separators
 * @param style name of the world style the frame was rendered in
 * @param seed the dataset seed
 * @param trajectory name of the trajectory, unique in the dataset (e.g. {@code meadow-003})
 * @param frame index of the frame within its trajectory, from 0
 * @param split train or validation; all frames of one trajectory share it
 * @param action the Oasis 25-value action vector (see {@link OasisAction} for the layout)
 * @param pose the camera pose
 */
public record DatasetFrame(String file, String style, long seed, String trajectory, int frame, Split split,
                           OasisAction action, CameraPose pose) {

    public DatasetFrame {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pose, "pose");
        if (frame < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + frame);
        }
    }
}
