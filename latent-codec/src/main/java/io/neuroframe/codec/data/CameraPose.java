package io.neuroframe.codec.data;

/**
 * Where the camera was when a dataset frame was rendered.
 *
 * @param x eye position, blocks (east)
 * @param y eye position, blocks (up)
 * @param z eye position, blocks (south)
 * @param yawDegrees heading in degrees, 0 looks towards -z (north), positive turns right (clockwise seen from above)
 * @param pitchDegrees look angle in degrees, positive looks down, in [-90, 90]
 */
public record CameraPose(float x, float y, float z, float yawDegrees, float pitchDegrees) {
}
