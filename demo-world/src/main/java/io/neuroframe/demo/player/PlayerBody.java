package io.neuroframe.demo.player;

import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.World;

/**
 * The player's body: an axis-aligned box {@value #WIDTH} wide and {@value #HEIGHT} tall, moved by walking,
 * gravity and jumping, and stopped by solid blocks one axis at a time (vertical first), so it slides along walls.
 * Fluids slow it and let it swim up. Units: blocks and seconds; yaw 0 looks north (-z), positive yaw turns right,
 * positive pitch looks down.
 */
public final class PlayerBody {
    public static final float WIDTH = 0.6f;
    public static final float HEIGHT = 1.8f;
    public static final float EYE_HEIGHT = 1.62f;
    public static final float WALK_SPEED = 4.3f;
    public static final float SPRINT_SPEED = 5.6f;
    public static final float JUMP_SPEED = 8.4f;
    public static final float GRAVITY = 28f;
    private static final float SWIM_SPEED_FACTOR = 0.55f;
    private static final float MAX_FALL_SPEED = 50f;
    private static final float EPSILON = 1e-4f;
    private static final float MAX_SUBSTEP_DISTANCE = 0.4f;

    private final Vector3f position = new Vector3f();
    private final Vector3f velocity = new Vector3f();
    private float yaw;
    private float pitch;
    private boolean onGround;
    private boolean inFluid;
    private boolean blockedHorizontally;

    /** Feet position (centre of the box's bottom). */
    public Vector3f position() {
        return position;
    }

    public Vector3f velocity() {
        return velocity;
    }

    /** Heading in degrees, wrapped to [0, 360). */
    public float yaw() {
        return yaw;
    }

    /** Look angle in degrees, positive down, in [-89.5, 89.5]. */
    public float pitch() {
        return pitch;
    }

    public boolean isOnGround() {
        return onGround;
    }

    public boolean isInFluid() {
        return inFluid;
    }

    /** Whether the last step was stopped by a wall. */
    public boolean wasBlockedHorizontally() {
        return blockedHorizontally;
    }

    /** Places the feet at {@code (x, y, z)} at rest. */
    public void teleport(float x, float y, float z) {
        position.set(x, y, z);
        velocity.zero();
        onGround = false;
    }

    /** Sets the view direction (degrees). */
    public void setLook(float yawDegrees, float pitchDegrees) {
        yaw = ((yawDegrees % 360f) + 360f) % 360f;
        pitch = FastMath.clamp(pitchDegrees, -89.5f, 89.5f);
    }

    /** The eye position, written into {@code store}. */
    public Vector3f eye(Vector3f store) {
        return store.set(position.x, position.y + EYE_HEIGHT, position.z);
    }

    /** The unit view direction, written into {@code store}. */
    public Vector3f lookDirection(Vector3f store) {
        float yawRad = yaw * FastMath.DEG_TO_RAD;
        float pitchRad = pitch * FastMath.DEG_TO_RAD;
        float cos = FastMath.cos(pitchRad);
        return store.set(FastMath.sin(yawRad) * cos, -FastMath.sin(pitchRad), -FastMath.cos(yawRad) * cos);
    }

    /** Advances one step of {@code dt} seconds with {@code input} (look, walk, jump) in {@code world}. */
    public void step(PlayerInput input, float dt, World world) {
        setLook(yaw + input.yawDegrees, pitch + input.pitchDegrees);
        inFluid = touchesFluid(world);

        float ahead = (input.forward ? 1 : 0) - (input.back ? 1 : 0);
        float side = (input.right ? 1 : 0) - (input.left ? 1 : 0);
        float yawRad = yaw * FastMath.DEG_TO_RAD;
        float sin = FastMath.sin(yawRad);
        float cos = FastMath.cos(yawRad);
        float wx = sin * ahead + cos * side;
        float wz = -cos * ahead + sin * side;
        float length = FastMath.sqrt(wx * wx + wz * wz);
        float speed = (input.sprint && ahead > 0 ? SPRINT_SPEED : WALK_SPEED) * (inFluid ? SWIM_SPEED_FACTOR : 1f);
        if (length > 0) {
            velocity.x = wx / length * speed;
            velocity.z = wz / length * speed;
        } else {
            velocity.x = 0;
            velocity.z = 0;
        }
        if (inFluid) {
            velocity.y = input.jump ? 3.5f : Math.max(velocity.y - 6f * dt, -2.5f);
        } else {
            if (input.jump && onGround) {
                velocity.y = JUMP_SPEED;
            }
            velocity.y = Math.max(velocity.y - GRAVITY * dt, -MAX_FALL_SPEED);
        }
        move(dt, world);
    }

    private void move(float dt, World world) {
        float distance = velocity.length() * dt;
        int substeps = Math.max(1, (int) Math.ceil(distance / MAX_SUBSTEP_DISTANCE));
        float h = dt / substeps;
        onGround = false;
        blockedHorizontally = false;
        for (int i = 0; i < substeps; i++) {
            if (moveAxis(1, velocity.y * h, world)) {
                if (velocity.y < 0) {
                    onGround = true;
                }
                velocity.y = 0;
            }
            if (moveAxis(0, velocity.x * h, world)) {
                blockedHorizontally = true;
            }
            if (moveAxis(2, velocity.z * h, world)) {
                blockedHorizontally = true;
            }
        }
    }

    /** Moves along one axis (0 x, 1 y, 2 z) by {@code d}; returns whether a solid block stopped the move. */
    private boolean moveAxis(int axis, float d, World world) {
        if (d == 0) {
            return false;
        }
        float old = position.get(axis);
        position.set(axis, old + d);
        float half = WIDTH / 2;
        int x0 = (int) Math.floor(position.x - half + EPSILON);
        int x1 = (int) Math.floor(position.x + half - EPSILON);
        int y0 = (int) Math.floor(position.y + EPSILON);
        int y1 = (int) Math.floor(position.y + HEIGHT - EPSILON);
        int z0 = (int) Math.floor(position.z - half + EPSILON);
        int z1 = (int) Math.floor(position.z + half - EPSILON);
        boolean hit = false;
        float limit = d > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        for (int y = y0; y <= y1; y++) {
            for (int z = z0; z <= z1; z++) {
                for (int x = x0; x <= x1; x++) {
                    if (!world.blockAt(x, y, z).isSolid()) {
                        continue;
                    }
                    hit = true;
                    int block = axis == 0 ? x : axis == 1 ? y : z;
                    limit = d > 0 ? Math.min(limit, block) : Math.max(limit, block + 1);
                }
            }
        }
        if (!hit) {
            return false;
        }
        float extentBelow = axis == 1 ? 0 : half;
        float extentAbove = axis == 1 ? HEIGHT : half;
        float resolved = d > 0 ? limit - extentAbove - EPSILON : limit + extentBelow + EPSILON;
        // never move backwards past where the step started (the box was already touching)
        position.set(axis, d > 0 ? Math.max(old, Math.min(resolved, old + d)) : Math.min(old, Math.max(resolved, old + d)));
        return true;
    }

    private boolean touchesFluid(World world) {
        int x = (int) Math.floor(position.x);
        int z = (int) Math.floor(position.z);
        BlockType feet = world.blockAt(x, (int) Math.floor(position.y + 0.1f), z);
        BlockType chest = world.blockAt(x, (int) Math.floor(position.y + 1.0f), z);
        return feet.isFluid() || chest.isFluid();
    }
}
