package io.neuroframe.demo.world;

/** The position of a chunk column in chunk units: block x = {@code x * Chunk.SIZE + localX}. */
public record ChunkPos(int x, int z) {

    /** The chunk holding block column ({@code blockX}, {@code blockZ}). */
    public static ChunkPos ofBlock(int blockX, int blockZ) {
        return new ChunkPos(Math.floorDiv(blockX, Chunk.SIZE), Math.floorDiv(blockZ, Chunk.SIZE));
    }

    /** A single long key for hash maps. */
    public long key() {
        return key(x, z);
    }

    /** The key of chunk ({@code x}, {@code z}) without making a position. */
    public static long key(int x, int z) {
        return ((long) x << 32) ^ (z & 0xFFFFFFFFL);
    }

    /** Squared distance in chunks to another chunk. */
    public int distanceSquared(int otherX, int otherZ) {
        int dx = x - otherX;
        int dz = z - otherZ;
        return dx * dx + dz * dz;
    }

    /** Block x of this chunk's west edge. */
    public int minBlockX() {
        return x * Chunk.SIZE;
    }

    /** Block z of this chunk's north edge. */
    public int minBlockZ() {
        return z * Chunk.SIZE;
    }
}
