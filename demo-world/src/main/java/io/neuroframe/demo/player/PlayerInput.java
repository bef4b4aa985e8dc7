package io.neuroframe.demo.player;

import io.neuroframe.api.OasisAction;
import java.nio.FloatBuffer;

/**
 * What the player does during one simulation step: held movement keys, a change of view in degrees, and
 * block actions. Filled by the keyboard and mouse or by a script, then read by {@link PlayerSimulation}.
 * Mutable and reused; {@link #toAction()} gives the same step as an Oasis action vector.
 */
public final class PlayerInput {
    public boolean forward;
    public boolean back;
    public boolean left;
    public boolean right;
    public boolean jump;
    public boolean sprint;
    /** Break the block in view. */
    public boolean attack;
    /** Place a block against the block in view. */
    public boolean use;
    /** Change of pitch this step in degrees, positive looks down. */
    public float pitchDegrees;
    /** Change of yaw this step in degrees, positive turns right. */
    public float yawDegrees;

    /** Releases everything. */
    public void clear() {
        forward = back = left = right = jump = sprint = attack = use = false;
        pitchDegrees = 0;
        yawDegrees = 0;
    }

    /**
     * Writes this step as Oasis's 25-value action into {@code into} from index 0 (absolute puts), as
     * {@link #toAction()} gives it, without allocating.
     */
    public void writeAction(FloatBuffer into) {
        for (int i = 0; i < OasisAction.SIZE; i++) {
            into.put(i, 0f);
        }
        into.put(OasisAction.FORWARD, forward ? 1f : 0f);
        into.put(OasisAction.BACK, back ? 1f : 0f);
        into.put(OasisAction.LEFT, left ? 1f : 0f);
        into.put(OasisAction.RIGHT, right ? 1f : 0f);
        into.put(OasisAction.JUMP, jump ? 1f : 0f);
        into.put(OasisAction.SPRINT, sprint ? 1f : 0f);
        into.put(OasisAction.ATTACK, attack ? 1f : 0f);
        into.put(OasisAction.USE, use ? 1f : 0f);
        into.put(OasisAction.CAMERA_PITCH, OasisAction.encodeCamera(pitchDegrees));
        into.put(OasisAction.CAMERA_YAW, OasisAction.encodeCamera(yawDegrees));
    }

    /**
     * This step as Oasis's 25-value action (camera quantized to 0.5-degree buckets, at most 20 degrees per step;
     * see {@link OasisAction}).
     */
    public OasisAction toAction() {
        OasisAction.Builder b = OasisAction.builder();
        if (forward) {
            b.forward();
        }
        if (back) {
            b.back();
        }
        if (left) {
            b.left();
        }
        if (right) {
            b.right();
        }
        if (jump) {
            b.jump();
        }
        if (sprint) {
            b.sprint();
        }
        if (attack) {
            b.attack();
        }
        if (use) {
            b.use();
        }
        return b.look(pitchDegrees, yawDegrees).build();
    }
}
