package io.neuroframe.games;

/**
 * The rectangle of a level a scripted player may walk in, in scene units on the ground plane.
 *
 * @param minX west edge
 * @param maxX east edge
 * @param minZ north edge
 * @param maxZ south edge
 */
public record WalkArea(float minX, float maxX, float minZ, float maxZ) {

    public WalkArea {
        if (!(minX < maxX) || !(minZ < maxZ)) {
            throw new IllegalArgumentException("a walk area needs min < max, got x [" + minX + ", " + maxX
                    + "], z [" + minZ + ", " + maxZ + "]");
        }
    }

    /** Whether the point lies inside. */
    public boolean contains(float x, float z) {
        return x >= minX && x <= maxX && z >= minZ && z <= maxZ;
    }

    public float centerX() {
        return (minX + maxX) / 2;
    }

    public float centerZ() {
        return (minZ + maxZ) / 2;
    }
}
