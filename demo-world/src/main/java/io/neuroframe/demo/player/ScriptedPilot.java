package io.neuroframe.demo.player;

import java.util.Random;

/**
 * A scripted player: a seeded sequence of behaviours, each held for a random number of steps: walking (sometimes
 * sprinting), turning, looking up or down and back, jumping along, strafing, and stopping to break the blocks in
 * front. It reacts to the body: jumps when a wall stops it and swims up in fluids. View changes are whole 0.5-degree
 * buckets and at most 20 degrees per step, so the Oasis action vector describes them exactly. Deterministic for a
 * seed and the same sequence of body states.
 */
public final class ScriptedPilot {
    private enum Behaviour { WALK, TURN, LOOK, JUMP_ALONG, STRAFE, BREAK, LOOK_AROUND }

    private final Random random;
    private Behaviour behaviour = Behaviour.WALK;
    private int stepsLeft;
    private int stepInBehaviour;
    private float yawRate;
    private float pitchTarget;
    private boolean sprint;
    private boolean strafeLeft;

    public ScriptedPilot(long seed) {
        this.random = new Random(seed);
        choose();
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
        if (r < 0.34) {
            behaviour = Behaviour.WALK;
            stepsLeft = 20 + random.nextInt(60);
            yawRate = random.nextDouble() < 0.5 ? 0f : (float) (random.nextGaussian() * 1.0);
        } else if (r < 0.52) {
            behaviour = Behaviour.TURN;
            stepsLeft = 8 + random.nextInt(25);
            yawRate = (random.nextBoolean() ? 1 : -1) * (2f + random.nextInt(14) * 0.5f);
        } else if (r < 0.62) {
            behaviour = Behaviour.LOOK;
            stepsLeft = 30 + random.nextInt(20);
            pitchTarget = random.nextBoolean() ? -(15f + random.nextInt(40)) : 20f + random.nextInt(45);
        } else if (r < 0.74) {
            behaviour = Behaviour.JUMP_ALONG;
            stepsLeft = 15 + random.nextInt(30);
            yawRate = (float) (random.nextGaussian() * 1.5);
        } else if (r < 0.82) {
            behaviour = Behaviour.STRAFE;
            stepsLeft = 10 + random.nextInt(20);
            strafeLeft = random.nextBoolean();
            yawRate = (float) (random.nextGaussian() * 1.0);
        } else if (r < 0.92) {
            behaviour = Behaviour.BREAK;
            stepsLeft = 30 + random.nextInt(25);
            pitchTarget = 30f + random.nextInt(30);
        } else {
            behaviour = Behaviour.LOOK_AROUND;
            stepsLeft = 30 + random.nextInt(30);
            yawRate = 3f + random.nextInt(8);
            pitchTarget = -10f + random.nextInt(25);
        }
    }

    private static float clamp(float v, float max) {
        return Math.max(-max, Math.min(max, v));
    }

    /** Rounds to the 0.5-degree buckets of the Oasis camera action. */
    private static float quantize(float degrees) {
        return Math.round(degrees * 2f) / 2f;
    }
}
