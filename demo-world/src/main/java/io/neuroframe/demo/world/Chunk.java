package io.neuroframe.demo.world;

/**
 * A 16 x {@value #HEIGHT} x 16 column of blocks. Blocks are stored as ids in one array indexed
 * {@code (y * SIZE + z) * SIZE + x}. The {@link #version()} grows with every change, so a mesh built from an
 * older version is known to be stale.
 */
public final class Chunk {
    /** Width and depth of a chunk in blocks. */
    public static final int SIZE = 16;
    /** Height of the world in blocks. */
    public static final int HEIGHT = 128;

    private final ChunkPos pos;
    private final byte[] blocks = new byte[SIZE * SIZE * HEIGHT];
    private int version;

    public Chunk(ChunkPos pos) {
        this.pos = pos;
    }

    public ChunkPos pos() {
        return pos;
    }

    /** The block at local coordinates; y outside [0, HEIGHT) is air. */
    public BlockType get(int x, int y, int z) {
        if (y < 0 || y >= HEIGHT) {
            return BlockType.AIR;
        }
        return BlockType.byId(blocks[index(x, y, z)]);
    }

    /** Sets the block at local coordinates (y must be in [0, HEIGHT)). */
    public void set(int x, int y, int z, BlockType type) {
        blocks[index(x, y, z)] = type.id();
        version++;
    }

    /** A counter that changes with every {@link #set}. */
    public int version() {
        return version;
    }

    /** Copies the column of block ids at local (x, z), y from 0 up, into {@code dst} with the given stride. */
    void copyColumn(int x, int z, byte[] dst, int offset, int stride) {
        for (int y = 0; y < HEIGHT; y++) {
            dst[offset + y * stride] = blocks[index(x, y, z)];
        }
    }

    private static int index(int x, int y, int z) {
        return (y * SIZE + z) * SIZE + x;
    }
}
