package io.neuroframe.games;

import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import io.neuroframe.codec.data.CameraPose;

/** Places a camera at an eye position looking along a yaw and pitch in the dataset's convention. */
final class FirstPersonCamera {
    private static final float FIELD_OF_VIEW = 70f;
    private static final float NEAR = 0.25f;
    private static final float FAR = 3000f;

    private FirstPersonCamera() {
    }

    /** Gives {@code camera} the dataset's lens: 70 degrees vertical field of view, near 0.25, far 3000. */
    static void applyLens(Camera camera) {
        camera.setFrustumPerspective(FIELD_OF_VIEW, (float) camera.getWidth() / camera.getHeight(), NEAR, FAR);
    }

    /** The unit view direction: yaw 0 looks towards -z, positive yaw turns right, positive pitch looks down. */
    static Vector3f direction(float yawDegrees, float pitchDegrees) {
        float yaw = yawDegrees * FastMath.DEG_TO_RAD;
        float pitch = pitchDegrees * FastMath.DEG_TO_RAD;
        return new Vector3f(FastMath.sin(yaw) * FastMath.cos(pitch), -FastMath.sin(pitch),
                -FastMath.cos(yaw) * FastMath.cos(pitch));
    }

    /** Places {@code camera} at the eye looking along yaw and pitch; returns the pose. */
    static CameraPose place(Camera camera, Vector3f eye, float yawDegrees, float pitchDegrees) {
        camera.setLocation(eye);
        camera.lookAtDirection(direction(yawDegrees, pitchDegrees), Vector3f.UNIT_Y);
        return new CameraPose(eye.x, eye.y, eye.z, yawDegrees, pitchDegrees);
    }
}
