package io.neuroframe.world.dream;

import io.neuroframe.api.OasisAction;

/**
 * The scripted play that drives the world model without a player: {@value #PHASE_STEPS} world
 * steps each of walking forward, turning left, turning right, looking up, looking down and
 * standing still, then the same again. The turns and the looks undo each other, so after one
 * cycle the view faces where it started.
 *
 * <p>Headless dream mode plays one cycle in the demo, and {@code eval-world} plays it for as many
 * steps as its horizon, so the two see the same input. Step {@code s} (from 0) is the input that
 * leads from frame {@code s} to frame {@code s + 1}.
 */
public final class ScriptedPlay {
    /** World steps per phase. */
    public static final int PHASE_STEPS = 20;
    /** Degrees turned per world step while turning (about what the training data's turns hold). */
    public static final float TURN_DEGREES_PER_STEP = 4f;
    /** Degrees of pitch per world step while looking up or down (the training data's players look by at most 3). */
    public static final float LOOK_DEGREES_PER_STEP = 2f;
    private static final Phase[] PHASES = Phase.values();
    /** World steps in one cycle of all phases. */
    public static final int CYCLE_STEPS = PHASES.length * PHASE_STEPS;

    /** One phase of the script: what the player holds and how the view changes at each of its steps. */
    public enum Phase {
        WALK("walk", true, 0f, 0f),
        TURN_LEFT("turn left", false, 0f, -TURN_DEGREES_PER_STEP),
        TURN_RIGHT("turn right", false, 0f, TURN_DEGREES_PER_STEP),
        LOOK_UP("look up", false, -LOOK_DEGREES_PER_STEP, 0f),
        LOOK_DOWN("look down", false, LOOK_DEGREES_PER_STEP, 0f),
        STAND_STILL("stand still", false, 0f, 0f);

        private final String label;
        private final boolean forward;
        private final float pitchDegrees;
        private final float yawDegrees;
        private final OasisAction action;

        Phase(String label, boolean forward, float pitchDegrees, float yawDegrees) {
            this.label = label;
            this.forward = forward;
            this.pitchDegrees = pitchDegrees;
            this.yawDegrees = yawDegrees;
            OasisAction.Builder b = OasisAction.builder().look(pitchDegrees, yawDegrees);
            this.action = forward ? b.forward().build() : b.build();
        }

        /** A short name for captions and reports, e.g. {@code "turn left"}. */
        public String label() {
            return label;
        }

        /** Whether the forward key is held. */
        public boolean forward() {
            return forward;
        }

        /** Change of pitch per step in degrees, positive looks down. */
        public float pitchDegrees() {
            return pitchDegrees;
        }

        /** Change of yaw per step in degrees, positive turns right. */
        public float yawDegrees() {
            return yawDegrees;
        }

        /** Each step of this phase as an Oasis action. */
        public OasisAction action() {
            return action;
        }
    }

    private ScriptedPlay() {
    }

    /**
     * The phase of step {@code step}; the script repeats every {@link #CYCLE_STEPS} steps.
     *
     * @throws IllegalArgumentException if {@code step} is negative
     */
    public static Phase phaseAt(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("scripted play: step must be at least 0, got " + step);
        }
        return PHASES[step % CYCLE_STEPS / PHASE_STEPS];
    }

    /** The input of step {@code step} as an Oasis action (see {@link #phaseAt}). */
    public static OasisAction actionAt(int step) {
        return phaseAt(step).action();
    }

    /** The phases in order with their steps, e.g. {@code "walk, turn left, ... (20 steps each)"}. */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        for (Phase p : PHASES) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p.label());
        }
        return sb.append(" (").append(PHASE_STEPS).append(" steps each)").toString();
    }
}
