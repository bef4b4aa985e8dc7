package io.neuroframe.demo.world;

/**
 * A kind of plant or rock formation the terrain generator scatters over the surface, and how often: in each
 * 6x6-block cell, one jittered column gets it with probability {@code chance}.
 */
public record Flora(Kind kind, double chance) {

    /** The shapes the generator can grow. All fit within {@link #REACH} blocks of their column. */
    public enum Kind {
        /** Round-crowned tree of LOG and LEAVES. */
        OAK,
        /** Conical tree of SPRUCE_LOG and SPRUCE_LEAVES. */
        SPRUCE,
        /** A column of CACTUS. */
        CACTUS,
        /** A BASALT pillar capped with glowing MAGMA. */
        BASALT_SPIRE,
        /** A tall glowing mushroom: MUSHROOM_STEM with a MUSHROOM_CAP disc. */
        GLOW_MUSHROOM,
        /** A short glowing CRYSTAL spike. */
        CRYSTAL_SPIKE
    }

    /** Largest horizontal distance in blocks from a plant's column to any of its blocks. */
    public static final int REACH = 3;

    public Flora {
        if (!(chance >= 0 && chance <= 1)) {
            throw new IllegalArgumentException("flora chance must be in [0, 1], got " + chance);
        }
    }
}
