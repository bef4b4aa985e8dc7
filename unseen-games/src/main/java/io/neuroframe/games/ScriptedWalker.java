package io.neuroframe.games;

import io.neuroframe.api.OasisAction;
import io.neuroframe.capture.CaptureSettings;
import java.util.Random;

/**
 * A seeded player that moves the way people play: walks and sprints with slight steering, stops to turn or to
 * look around, strafes and backs off, and turns back towards the middle when it reaches the edge of its walk
 * area. Turns and looks change by whole 0.5-degree buckets, so the recorded Oasis actions describe the motion
 * exactly. Depends only on its seed and start: the same inputs give the same steps.
 */
final class ScriptedWalker {
    /** Simulated seconds per step: one frame of the dataset. */
    private static final float STEP_SECONDS = CaptureSettings.STEP_SECONDS;
    private static final float BUCKET = OasisAction.CAMERA_BUCKET_DEGREES;
    private static final float MAX_PITCH = 30f;
    private static final float SPRINT_FACTOR = 1.8f;
    private static final float STRAFE_FACTOR = 0.7f;
    private static final int START_ATTEMPTS = 1000;

    private enum Behaviour { WALK, SPRINT, TURN, LOOK_AROUND, STRAFE, BACK_OFF, STAND }

    private final Random random;
    private final WalkArea area;
    private final GameScene scene;
    private final float speed;
    private float x;
    private float z;
    private float yaw;
    private float pitch;
    private Behaviour behaviour = Behaviour.STAND;
    private int stepsLeft;
    private int yawRate;
    private int pitchRate;
    private boolean strafeRight;

    /**
     * @param seed drives every choice
     * @param area where the player may walk; it starts inside, on a free spot
     * @param scene the built level, which says where solid things stand
     */
    ScriptedWalker(long seed, WalkArea area, GameScene scene) {
        this.random = new Random(seed);
        this.area = area;
        this.scene = scene;
        this.speed = scene.walkSpeed();
        int attempts = 0;
        do {
            if (++attempts > START_ATTEMPTS) {
                throw new IllegalStateException("no free spot to start in " + area + " of "
                        + scene.getClass().getSimpleName() + " after " + START_ATTEMPTS + " tries");
            }
            x = area.minX() + random.nextFloat() * (area.maxX() - area.minX());
            z = area.minZ() + random.nextFloat() * (area.maxZ() - area.minZ());
        } while (scene.blocks(x, z));
        this.yaw = random.nextInt(720) * BUCKET;
    }

    /** The state before the first step. */
    PlayerState state() {
        return new PlayerState(x, z, yaw, pitch, false);
    }

    /** Advances one step; fills {@code action} with the input that made it and returns the new state. */
    PlayerState step(OasisAction.Builder action) {
        if (stepsLeft <= 0) {
            chooseBehaviour();
        }
        stepsLeft--;
        float forward = 0;
        float sideways = 0;
        switch (behaviour) {
            case WALK -> {
                forward = speed;
                action.forward();
            }
            case SPRINT -> {
                forward = speed * SPRINT_FACTOR;
                action.forward().sprint();
            }
            case STRAFE -> {
                sideways = (strafeRight ? 1 : -1) * speed * STRAFE_FACTOR;
                if (strafeRight) {
                    action.right();
                } else {
                    action.left();
                }
            }
            case BACK_OFF -> {
                forward = -speed * STRAFE_FACTOR;
                action.back();
            }
            case TURN, LOOK_AROUND, STAND -> {
                // standing still
            }
            default -> throw new IllegalStateException("unknown behaviour " + behaviour);
        }
        int yawBuckets = yawRate;
        int pitchBuckets = pitchRate;
        if (behaviour == Behaviour.LOOK_AROUND && random.nextInt(12) == 0) {
            pitchRate = -pitchRate;
            yawRate = -yawRate;
        }
        if (behaviour == Behaviour.WALK || behaviour == Behaviour.SPRINT) {
            pitchBuckets = -Math.round(Math.signum(pitch)) * (Math.abs(pitch) >= BUCKET ? 1 : 0);
        }
        float newPitch = pitch + pitchBuckets * BUCKET;
        if (Math.abs(newPitch) > MAX_PITCH) {
            pitchBuckets = 0;
            pitchRate = -pitchRate;
            newPitch = pitch;
        }
        float yawRadians = (float) Math.toRadians(yaw);
        float dx = (float) (Math.sin(yawRadians) * forward + Math.cos(yawRadians) * sideways) * STEP_SECONDS;
        float dz = (float) (-Math.cos(yawRadians) * forward + Math.sin(yawRadians) * sideways) * STEP_SECONDS;
        boolean moved = forward != 0 || sideways != 0;
        if (moved && (!area.contains(x + dx, z + dz) || scene.blocks(x + dx, z + dz))) {
            turnBy(area.contains(x + dx, z + dz) ? 100 + random.nextInt(160) : headingDeltaToCentre());
            dx = 0;
            dz = 0;
            moved = false;
        } else if (moved && behaviour != Behaviour.STRAFE && behaviour != Behaviour.BACK_OFF && nearEdge()) {
            yawBuckets = steerTowardsCentre();
        }
        x += dx;
        z += dz;
        yaw = normalise(yaw + yawBuckets * BUCKET);
        pitch = newPitch;
        action.look(pitchBuckets * BUCKET, yawBuckets * BUCKET);
        return new PlayerState(x, z, yaw, pitch, moved);
    }

    private void chooseBehaviour() {
        int roll = random.nextInt(100);
        yawRate = 0;
        pitchRate = 0;
        if (roll < 38) {
            behaviour = Behaviour.WALK;
            stepsLeft = 20 + random.nextInt(40);
            yawRate = random.nextInt(5) - 2;
        } else if (roll < 50) {
            behaviour = Behaviour.SPRINT;
            stepsLeft = 15 + random.nextInt(25);
            yawRate = random.nextInt(3) - 1;
        } else if (roll < 65) {
            behaviour = Behaviour.TURN;
            stepsLeft = 6 + random.nextInt(18);
            yawRate = (random.nextBoolean() ? 1 : -1) * (3 + random.nextInt(8));
        } else if (roll < 80) {
            behaviour = Behaviour.LOOK_AROUND;
            stepsLeft = 15 + random.nextInt(30);
            yawRate = random.nextInt(7) - 3;
            pitchRate = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(3));
        } else if (roll < 90) {
            behaviour = Behaviour.STRAFE;
            stepsLeft = 8 + random.nextInt(20);
            strafeRight = random.nextBoolean();
        } else if (roll < 95) {
            behaviour = Behaviour.BACK_OFF;
            stepsLeft = 5 + random.nextInt(10);
        } else {
            behaviour = Behaviour.STAND;
            stepsLeft = 5 + random.nextInt(15);
        }
    }

    /** Stops and turns on the spot by about {@code delta} degrees (positive turns right). */
    private void turnBy(float delta) {
        behaviour = Behaviour.TURN;
        yawRate = (delta >= 0 ? 1 : -1) * (6 + random.nextInt(6));
        stepsLeft = Math.max(1, Math.round(Math.abs(delta) / (Math.abs(yawRate) * BUCKET)));
    }

    private int steerTowardsCentre() {
        float delta = headingDeltaToCentre();
        return Math.abs(delta) < 10 ? 0 : (delta > 0 ? 4 : -4);
    }

    private boolean nearEdge() {
        float marginX = (area.maxX() - area.minX()) * 0.15f;
        float marginZ = (area.maxZ() - area.minZ()) * 0.15f;
        return x < area.minX() + marginX || x > area.maxX() - marginX
                || z < area.minZ() + marginZ || z > area.maxZ() - marginZ;
    }

    /** Signed degrees to turn right to face the centre, in (-180, 180]. */
    private float headingDeltaToCentre() {
        float target = (float) Math.toDegrees(Math.atan2(area.centerX() - x, -(area.centerZ() - z)));
        float delta = normalise(target - yaw);
        return delta > 180 ? delta - 360 : delta;
    }

    private static float normalise(float degrees) {
        float d = degrees % 360f;
        return d < 0 ? d + 360f : d;
    }
}
