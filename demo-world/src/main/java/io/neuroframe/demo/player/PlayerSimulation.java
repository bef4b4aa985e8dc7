package io.neuroframe.demo.player;

import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.World;

/**
 * One player in one world: steps the body with an input, breaks and places blocks where the player looks, waits
 * for the terrain under a requested spawn point to load before placing the player there, and moves a camera to
 * the eyes. Render thread only.
 */
public final class PlayerSimulation {
    /** Sees every input the player is stepped with (dream mode hands it to the world model). */
    @FunctionalInterface
    public interface StepObserver {
        /** Called on the render thread at the start of {@link #step}; {@code input} is only valid during the call. */
        void stepped(PlayerInput input, float dt);
    }

    /** How far the player reaches to break or place blocks, in blocks. */
    public static final float REACH = 6f;
    private static final int SPAWN_SEARCH_RADIUS = 24;

    private final World world;
    private final PlayerBody body = new PlayerBody();
    private final Vector3f eye = new Vector3f();
    private final Vector3f look = new Vector3f();
    private BlockType placeBlock = BlockType.PLANKS;
    private boolean spawnPending;
    private int spawnX;
    private int spawnZ;
    private int blocksBroken;
    private int blocksPlaced;
    private StepObserver observer;

    public PlayerSimulation(World world) {
        this.world = world;
    }

    public PlayerBody body() {
        return body;
    }

    /** Whether the player is placed in loaded terrain and moving. */
    public boolean isPlaced() {
        return !spawnPending && world.isBlockLoaded((int) Math.floor(body.position().x),
                (int) Math.floor(body.position().z));
    }

    /** Number of blocks broken so far. */
    public int blocksBroken() {
        return blocksBroken;
    }

    /** Number of blocks placed so far. */
    public int blocksPlaced() {
        return blocksPlaced;
    }

    /** Sets who sees each step's input (null for nobody). */
    public void setStepObserver(StepObserver observer) {
        this.observer = observer;
    }

    /** The block that {@code use} places. */
    public void setPlaceBlock(BlockType block) {
        placeBlock = block;
    }

    /**
     * Asks to place the player on dry land near column (x, z) once that terrain is loaded; until then the body
     * waits there (the chunk streamer loads around it).
     */
    public void requestSpawn(int x, int z, float yawDegrees, float pitchDegrees) {
        spawnPending = true;
        spawnX = x;
        spawnZ = z;
        body.teleport(x + 0.5f, 100f, z + 0.5f);
        body.setLook(yawDegrees, pitchDegrees);
    }

    /**
     * Advances one step: look, walk, fall and collide, then break ({@code attack}) or place ({@code use}) the block
     * in view. Does nothing but look while the terrain around the player is not loaded.
     */
    public void step(PlayerInput input, float dt) {
        if (observer != null) {
            observer.stepped(input, dt);
        }
        if (spawnPending && !trySpawn()) {
            body.setLook(body.yaw() + input.yawDegrees, body.pitch() + input.pitchDegrees);
            return;
        }
        if (!isPlaced()) {
            body.setLook(body.yaw() + input.yawDegrees, body.pitch() + input.pitchDegrees);
            return;
        }
        body.step(input, dt, world);
        if (input.attack) {
            breakBlockInView();
        }
        if (input.use) {
            placeBlockInView();
        }
    }

    /** The block the player looks at within reach, or null. */
    public VoxelRaycast.Hit blockInView() {
        return VoxelRaycast.cast(world, body.eye(eye), body.lookDirection(look), REACH);
    }

    /** Breaks the block in view; returns whether one was broken. */
    public boolean breakBlockInView() {
        VoxelRaycast.Hit hit = blockInView();
        if (hit == null || !world.setBlock(hit.x(), hit.y(), hit.z(), BlockType.AIR)) {
            return false;
        }
        blocksBroken++;
        return true;
    }

    /** Places the current block against the face in view, unless it would overlap the player. */
    public boolean placeBlockInView() {
        VoxelRaycast.Hit hit = blockInView();
        if (hit == null) {
            return false;
        }
        int x = hit.x() + hit.normalX();
        int y = hit.y() + hit.normalY();
        int z = hit.z() + hit.normalZ();
        if (world.blockAt(x, y, z).isSolid() || overlapsBody(x, y, z)) {
            return false;
        }
        if (world.setBlock(x, y, z, placeBlock)) {
            blocksPlaced++;
            return true;
        }
        return false;
    }

    /** Puts the camera at the eyes, looking where the player looks. */
    public void applyTo(Camera camera) {
        camera.setLocation(body.eye(eye));
        camera.lookAtDirection(body.lookDirection(look), Vector3f.UNIT_Y);
    }

    private boolean overlapsBody(int x, int y, int z) {
        Vector3f p = body.position();
        float half = PlayerBody.WIDTH / 2;
        return x + 1 > p.x - half && x < p.x + half && z + 1 > p.z - half && z < p.z + half
                && y + 1 > p.y && y < p.y + PlayerBody.HEIGHT;
    }

    private boolean trySpawn() {
        for (int dz = -1; dz <= 1; dz++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (!world.isBlockLoaded(spawnX + dx * SPAWN_SEARCH_RADIUS, spawnZ + dz * SPAWN_SEARCH_RADIUS)) {
                    return false;
                }
            }
        }
        int[] land = findLand();
        body.teleport(land[0] + 0.5f, land[1] + 1, land[2] + 0.5f);
        spawnPending = false;
        return true;
    }

    /** The nearest column (spiralling outwards) whose top is solid ground with two free blocks above. */
    private int[] findLand() {
        for (int r = 0; r <= SPAWN_SEARCH_RADIUS; r++) {
            for (int dz = -r; dz <= r; dz++) {
                for (int dx = -r; dx <= r; dx++) {
                    if (Math.max(Math.abs(dx), Math.abs(dz)) != r) {
                        continue;
                    }
                    int x = spawnX + dx;
                    int z = spawnZ + dz;
                    int y = world.surfaceY(x, z);
                    BlockType top = y < 0 ? BlockType.AIR : world.blockAt(x, y, z);
                    if (isGround(top)) {
                        return new int[] {x, y, z};
                    }
                }
            }
        }
        return new int[] {spawnX, Math.max(0, world.surfaceY(spawnX, spawnZ)), spawnZ};
    }

    private static boolean isGround(BlockType top) {
        return top.isSolid() && switch (top) {
            case LEAVES, SPRUCE_LEAVES, LOG, SPRUCE_LOG, CACTUS, MUSHROOM_CAP, MUSHROOM_STEM, CRYSTAL, MAGMA, BASALT -> false;
            default -> true;
        };
    }
}
