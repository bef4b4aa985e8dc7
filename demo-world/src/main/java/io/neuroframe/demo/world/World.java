package io.neuroframe.demo.world;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded chunks of one world, addressed in block coordinates. Owned by the render thread: other threads get
 * copies ({@link #neighbourhood}).
 */
public final class World {
    private final Map<Long, Chunk> chunks = new HashMap<>();
    private final List<BlockChangeListener> listeners = new ArrayList<>();

    /** Called after a block was changed with {@link #setBlock}. */
    @FunctionalInterface
    public interface BlockChangeListener {
        void blockChanged(int x, int y, int z);
    }

    /** Registers a listener for block changes. */
    public void addBlockChangeListener(BlockChangeListener listener) {
        listeners.add(listener);
    }

    /** Unregisters a listener. */
    public void removeBlockChangeListener(BlockChangeListener listener) {
        listeners.remove(listener);
    }

    /** The chunk at {@code pos}, or null when it is not loaded. */
    public Chunk chunkAt(ChunkPos pos) {
        return chunks.get(pos.key());
    }

    /** Whether the chunk at chunk coordinates (x, z) is loaded. */
    public boolean isLoaded(int chunkX, int chunkZ) {
        return chunks.containsKey(ChunkPos.key(chunkX, chunkZ));
    }

    /** Whether the column holding block (x, z) is loaded. */
    public boolean isBlockLoaded(int blockX, int blockZ) {
        return isLoaded(Math.floorDiv(blockX, Chunk.SIZE), Math.floorDiv(blockZ, Chunk.SIZE));
    }

    /** Adds (or replaces) a chunk. */
    public void put(Chunk chunk) {
        chunks.put(chunk.pos().key(), chunk);
    }

    /** Removes the chunk at {@code pos}, if loaded. */
    public void remove(ChunkPos pos) {
        chunks.remove(pos.key());
    }

    /** Removes every chunk. */
    public void clear() {
        chunks.clear();
    }

    /** The loaded chunks (a live, unmodifiable view). */
    public Collection<Chunk> chunks() {
        return Collections.unmodifiableCollection(chunks.values());
    }

    /** The block at world coordinates; unloaded columns and y outside the world read as air. */
    public BlockType blockAt(int x, int y, int z) {
        Chunk chunk = chunks.get(ChunkPos.key(Math.floorDiv(x, Chunk.SIZE), Math.floorDiv(z, Chunk.SIZE)));
        if (chunk == null) {
            return BlockType.AIR;
        }
        return chunk.get(Math.floorMod(x, Chunk.SIZE), y, Math.floorMod(z, Chunk.SIZE));
    }

    /**
     * Sets a block in a loaded chunk.
     *
     * @return whether the block was set (false when its chunk is not loaded or y is outside the world)
     */
    public boolean setBlock(int x, int y, int z, BlockType type) {
        Chunk chunk = chunks.get(ChunkPos.key(Math.floorDiv(x, Chunk.SIZE), Math.floorDiv(z, Chunk.SIZE)));
        if (chunk == null || y < 0 || y >= Chunk.HEIGHT) {
            return false;
        }
        chunk.set(Math.floorMod(x, Chunk.SIZE), y, Math.floorMod(z, Chunk.SIZE), type);
        for (BlockChangeListener listener : listeners) {
            listener.blockChanged(x, y, z);
        }
        return true;
    }

    /** A copy of a loaded chunk and its one-block border, safe to hand to a worker thread. */
    public BlockNeighbourhood neighbourhood(Chunk chunk) {
        return BlockNeighbourhood.copyOf(this, chunk);
    }

    /** The y of the highest non-air block in column (x, z), or -1 when the column is empty or not loaded. */
    public int surfaceY(int x, int z) {
        for (int y = Chunk.HEIGHT - 1; y >= 0; y--) {
            if (blockAt(x, y, z) != BlockType.AIR) {
                return y;
            }
        }
        return -1;
    }
}
