package io.neuroframe.demo.player;

import io.neuroframe.codec.OasisAction;

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
