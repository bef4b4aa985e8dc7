package io.neuroframe.demo.player;

import java.util.Random;

/**
 * A scripted player: a seeded sequence of behaviours, each held for a random number of steps: walking (sometimes
 * sprinting), turning, looking up or down and back, jumping along, strafing, and stopping to break the blocks in
 * front. It reacts to the body: jumps when a wall stops it and swims up in fluids. View changes are whole 0.5-degree
 * buckets and at most 20 degrees per step, so the Oasis action vector describes them exactly. Deterministic for a
 * seed and the same sequence of body states. A pilot made {@linkplain #only(Behaviour, long) for one behaviour}
 * repeats that behaviour with fresh random parameters each time (frame-time scenarios: walking, turning, breaking).
 */
public final class ScriptedPilot {
    /** What the pilot does for a while. */
    public enum Behaviour {
        /** Walks forward (sometimes sprinting), turning slowly or not at all. */
        WALK,
        /** Turns on the spot or while walking, 2 to 8.5 degrees per step. */
        TURN,
        /** Looks up or down, then back. */
        LOOK,
        /** Walks forward jumping. */
        JUMP_ALONG,
        /** Steps sideways. */
        STRAFE,
        /** Looks down at the ground in front and breaks blocks there. */
        BREAK,
        /** Sweeps the view from side to side. */
        LOOK_AROUND
    }

    private final Random random;
    private final Behaviour only;
    private Behaviour behaviour = Behaviour.WALK;
    private int stepsLeft;
    private int stepInBehaviour;
    private float yawRate;
    private float pitchTarget;
    private boolean sprint;
    private boolean strafeLeft;

    /** A pilot mixing every behaviour, deterministic for {@code seed}. */
    public ScriptedPilot(long seed) {
        this(seed, null);
    }

    private ScriptedPilot(long seed, Behaviour only) {
        this.random = new Random(seed);
        this.only = only;
        choose();
    }

    /** A pilot that does nothing but {@code behaviour}, deterministic for {@code seed}. */
    public static ScriptedPilot only(Behaviour behaviour, long seed) {
        if (behaviour == null) {
            throw new IllegalArgumentException("behaviour must not be null");
        }
        return new ScriptedPilot(seed, behaviour);
    }

    /** Fills {@code input} with the next step's actions for a player in the state {@code body}. */
    public void next(PlayerBody body, PlayerInput input) {
        input.clear();
        if (stepsLeft <= 0) {
            choose();
        }
        stepsLeft--;
        stepInBehaviour++;
        float pitchGoal = 4f;
        switch (behaviour) {
            case WALK -> {
                input.forward = true;
                input.sprint = sprint;
                input.yawDegrees = yawRate;
            }
            case TURN -> {
                input.yawDegrees = yawRate;
                input.forward = sprint;
            }
            case LOOK -> pitchGoal = stepsLeft > 10 ? pitchTarget : 4f;
            case JUMP_ALONG -> {
                input.forward = true;
                input.jump = true;
                input.yawDegrees = yawRate;
            }
            case STRAFE -> {
                input.left = strafeLeft;
                input.right = !strafeLeft;
                input.yawDegrees = yawRate;
            }
            case BREAK -> {
                pitchGoal = pitchTarget;
                input.attack = Math.abs(body.pitch() - pitchTarget) < 1f && stepInBehaviour % 6 == 0;
            }
            case LOOK_AROUND -> {
                input.yawDegrees = yawRate * (float) Math.sin(stepInBehaviour * 0.15);
                pitchGoal = pitchTarget;
            }
            default -> throw new IllegalStateException("unknown behaviour " + behaviour);
        }
        input.pitchDegrees = quantize(clamp(pitchGoal - body.pitch(), 3f));
        input.yawDegrees = quantize(clamp(input.yawDegrees, 20f));
        if ((input.forward || input.left || input.right) && body.wasBlockedHorizontally()) {
            input.jump = true;
        }
        if (body.isInFluid()) {
            input.jump = true;
            input.forward = true;
        }
    }

    private void choose() {
        double r = random.nextDouble();
        stepInBehaviour = 0;
        sprint = random.nextDouble() < 0.35;
        yawRate = 0f;
        behaviour = only != null ? only : behaviourFor(r);
        switch (behaviour) {
            case WALK -> {
                stepsLeft = 20 + random.nextInt(60);
                yawRate = random.nextDouble() < 0.5 ? 0f : (float) (random.nextGaussian() * 1.0);
            }
            case TURN -> {
                stepsLeft = 8 + random.nextInt(25);
                yawRate = (random.nextBoolean() ? 1 : -1) * (2f + random.nextInt(14) * 0.5f);
            }
            case LOOK -> {
                stepsLeft = 30 + random.nextInt(20);
                pitchTarget = random.nextBoolean() ? -(15f + random.nextInt(40)) : 20f + random.nextInt(45);
            }
            case JUMP_ALONG -> {
                stepsLeft = 15 + random.nextInt(30);
                yawRate = (float) (random.nextGaussian() * 1.5);
            }
            case STRAFE -> {
                stepsLeft = 10 + random.nextInt(20);
                strafeLeft = random.nextBoolean();
                yawRate = (float) (random.nextGaussian() * 1.0);
            }
            case BREAK -> {
                stepsLeft = 30 + random.nextInt(25);
                pitchTarget = 30f + random.nextInt(30);
            }
            case LOOK_AROUND -> {
                stepsLeft = 30 + random.nextInt(30);
                yawRate = 3f + random.nextInt(8);
                pitchTarget = -10f + random.nextInt(25);
            }
            default -> throw new IllegalStateException("unknown behaviour " + behaviour);
        }
    }

    /** The mixed pilot's choice for a uniform draw {@code r} in [0, 1). */
    private static Behaviour behaviourFor(double r) {
        if (r < 0.34) {
            return Behaviour.WALK;
        } else if (r < 0.52) {
            return Behaviour.TURN;
        } else if (r < 0.62) {
            return Behaviour.LOOK;
        } else if (r < 0.74) {
            return Behaviour.JUMP_ALONG;
        } else if (r < 0.82) {
            return Behaviour.STRAFE;
        } else if (r < 0.92) {
            return Behaviour.BREAK;
        }
        return Behaviour.LOOK_AROUND;
    }

    private static float clamp(float v, float max) {
        return Math.max(-max, Math.min(max, v));
    }

    /** Rounds to the 0.5-degree buckets of the Oasis camera action. */
    private static float quantize(float degrees) {
        return Math.round(degrees * 2f) / 2f;
    }
}
