package io.neuroframe.demo.world;

/**
 * An immutable copy of one chunk plus a one-block border from its eight neighbours: everything the mesher needs to
 * decide which faces are visible and how dark their corners are, without touching the live world from another
 * thread. Local coordinates run from -1 to {@code Chunk.SIZE} horizontally.
 */
public final class BlockNeighbourhood {
    static final int SPAN = Chunk.SIZE + 2;

    private final ChunkPos pos;
    private final int version;
    private final byte[] blocks = new byte[SPAN * SPAN * Chunk.HEIGHT];

    BlockNeighbourhood(ChunkPos pos, int version) {
        this.pos = pos;
        this.version = version;
    }

    /** Copies chunk {@code pos} and its border from {@code world}; columns of missing neighbours read as air. */
    static BlockNeighbourhood copyOf(World world, Chunk chunk) {
        ChunkPos pos = chunk.pos();
        BlockNeighbourhood n = new BlockNeighbourhood(pos, chunk.version());
        for (int lz = -1; lz <= Chunk.SIZE; lz++) {
            for (int lx = -1; lx <= Chunk.SIZE; lx++) {
                int wx = pos.minBlockX() + lx;
                int wz = pos.minBlockZ() + lz;
                Chunk source = (lx >= 0 && lx < Chunk.SIZE && lz >= 0 && lz < Chunk.SIZE)
                        ? chunk : world.chunkAt(ChunkPos.ofBlock(wx, wz));
                if (source != null) {
                    source.copyColumn(Math.floorMod(wx, Chunk.SIZE), Math.floorMod(wz, Chunk.SIZE), n.blocks,
                            index(lx, 0, lz), SPAN * SPAN);
                }
            }
        }
        return n;
    }

    /** A neighbourhood made from one chunk alone (its border is air), for tests and single-chunk meshes. */
    public static BlockNeighbourhood isolated(Chunk chunk) {
        BlockNeighbourhood n = new BlockNeighbourhood(chunk.pos(), chunk.version());
        for (int z = 0; z < Chunk.SIZE; z++) {
            for (int x = 0; x < Chunk.SIZE; x++) {
                chunk.copyColumn(x, z, n.blocks, index(x, 0, z), SPAN * SPAN);
            }
        }
        return n;
    }

    public ChunkPos pos() {
        return pos;
    }

    /** The chunk version this copy was taken from. */
    public int version() {
        return version;
    }

    /** The block at local coordinates (x, z in [-1, SIZE]); y outside [0, HEIGHT) is air. */
    public BlockType get(int x, int y, int z) {
        if (y < 0 || y >= Chunk.HEIGHT) {
            return BlockType.AIR;
        }
        return BlockType.byId(blocks[index(x, y, z)]);
    }

    private static int index(int x, int y, int z) {
        return (y * SPAN + (z + 1)) * SPAN + (x + 1);
    }
}
