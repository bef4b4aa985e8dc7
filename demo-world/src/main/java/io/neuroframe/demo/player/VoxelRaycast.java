package io.neuroframe.demo.player;

import com.jme3.math.Vector3f;
import io.neuroframe.demo.world.World;

/**
 * Finds the first targetable block along a ray by walking the voxel grid cell by cell (the Amanatides-Woo
 * traversal), so no block is skipped however thin the ray's path through it.
 */
public final class VoxelRaycast {
    private VoxelRaycast() {
    }

    /** A block hit by a ray and the face it was entered through ({@code normal*} is the face's outward normal). */
    public record Hit(int x, int y, int z, int normalX, int normalY, int normalZ, float distance) {
    }

    /**
     * Casts from {@code origin} along the unit vector {@code direction} for at most {@code maxDistance} blocks.
     *
     * @return the hit, or null when nothing targetable is within reach
     */
    public static Hit cast(World world, Vector3f origin, Vector3f direction, float maxDistance) {
        int x = (int) Math.floor(origin.x);
        int y = (int) Math.floor(origin.y);
        int z = (int) Math.floor(origin.z);
        int stepX = direction.x > 0 ? 1 : -1;
        int stepY = direction.y > 0 ? 1 : -1;
        int stepZ = direction.z > 0 ? 1 : -1;
        float deltaX = direction.x == 0 ? Float.POSITIVE_INFINITY : Math.abs(1 / direction.x);
        float deltaY = direction.y == 0 ? Float.POSITIVE_INFINITY : Math.abs(1 / direction.y);
        float deltaZ = direction.z == 0 ? Float.POSITIVE_INFINITY : Math.abs(1 / direction.z);
        float maxX = boundary(origin.x, x, stepX, deltaX);
        float maxY = boundary(origin.y, y, stepY, deltaY);
        float maxZ = boundary(origin.z, z, stepZ, deltaZ);
        int nx = 0;
        int ny = 0;
        int nz = 0;
        float travelled = 0;
        while (travelled <= maxDistance) {
            if (world.blockAt(x, y, z).isTargetable()) {
                return new Hit(x, y, z, nx, ny, nz, travelled);
            }
            if (maxX < maxY && maxX < maxZ) {
                x += stepX;
                travelled = maxX;
                maxX += deltaX;
                nx = -stepX;
                ny = 0;
                nz = 0;
            } else if (maxY < maxZ) {
                y += stepY;
                travelled = maxY;
                maxY += deltaY;
                nx = 0;
                ny = -stepY;
                nz = 0;
            } else {
                z += stepZ;
                travelled = maxZ;
                maxZ += deltaZ;
                nx = 0;
                ny = 0;
                nz = -stepZ;
            }
        }
        return null;
    }

    /** Ray parameter at which the ray first crosses a cell boundary along one axis. */
    private static float boundary(float origin, int cell, int step, float delta) {
        if (Float.isInfinite(delta)) {
            return Float.POSITIVE_INFINITY;
        }
        float next = step > 0 ? cell + 1 - origin : origin - cell;
        return next * delta;
    }
}
