package io.neuroframe.games;

/**
 * Where a scripted player stands and looks after a step.
 *
 * @param x position on the ground plane, scene units (east)
 * @param z position on the ground plane, scene units (south)
 * @param yawDegrees heading, 0 looks towards -z, positive turns right
 * @param pitchDegrees look angle, positive looks down
 * @param moving whether the player moved during the step (characters play their run cycle)
 */
public record PlayerState(float x, float z, float yawDegrees, float pitchDegrees, boolean moving) {
}
