package io.neuroframe.world.train;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

/**
 * The left-right mirror of a recorded frame and its action: the image flipped about its vertical
 * centre line, the camera's yaw change negated and the strafe keys swapped. A mirrored trajectory is a
 * valid run of the mirrored world, so training on it doubles the data and makes turning left and
 * turning right the same amount of evidence.
 */
final class LeftRightMirror {
    private static final String MARK = "-mirrored";

    private LeftRightMirror() {
    }

    /** Flips a planar RGB image ({@link LatentContract#IMAGE_FLOATS} values) left to right, in place. */
    static void flipImage(float[] image) {
        int width = LatentContract.IMAGE_WIDTH;
        for (int row = 0; row < LatentContract.IMAGE_CHANNELS * LatentContract.IMAGE_HEIGHT; row++) {
            int start = row * width;
            for (int left = start, right = start + width - 1; left < right; left++, right--) {
                float swap = image[left];
                image[left] = image[right];
                image[right] = swap;
            }
        }
    }

    /** Mirrors the action vector at {@code actions[offset .. offset + 25)}, in place. */
    static void mirrorAction(float[] actions, int offset) {
        actions[offset + OasisAction.CAMERA_YAW] = -actions[offset + OasisAction.CAMERA_YAW];
        float left = actions[offset + OasisAction.LEFT];
        actions[offset + OasisAction.LEFT] = actions[offset + OasisAction.RIGHT];
        actions[offset + OasisAction.RIGHT] = left;
    }

    /**
     * The name of a trajectory's mirror: {@code meadow-003} becomes {@code meadow-mirrored-003}, a style of its
     * own ({@link LatentTrajectory#style()}), so evaluation never takes a mirrored run as a real reference.
     */
    static String name(String trajectory) {
        int dash = trajectory.lastIndexOf('-');
        return dash <= 0 ? trajectory + MARK : trajectory.substring(0, dash) + MARK + trajectory.substring(dash);
    }

    /** Whether {@code trajectory} is the mirror of a recorded one (named by {@link #name}). */
    static boolean isMirror(LatentTrajectory trajectory) {
        return trajectory.style().endsWith(MARK);
    }
}
