package io.neuroframe.demo.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.demo.world.BlockNeighbourhood;
import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.Chunk;
import io.neuroframe.demo.world.ChunkPos;
import org.junit.jupiter.api.Test;

class ChunkMesherTest {
    private final ChunkMesher mesher = new ChunkMesher();

    private ChunkMeshData mesh(Chunk chunk) {
        return mesher.mesh(BlockNeighbourhood.isolated(chunk));
    }

    @Test
    void aLoneBlockHasSixFaces() {
        Chunk chunk = new Chunk(new ChunkPos(0, 0));
        chunk.set(5, 10, 5, BlockType.STONE);
        ChunkMeshData data = mesh(chunk);
        assertEquals(6, data.opaque().faceCount());
        assertEquals(0, data.translucent().faceCount());
        assertEquals(24, data.opaque().vertexCount());
        assertEquals(36, data.opaque().indices().length);
    }

    @Test
    void touchingBlocksHideTheFacesBetweenThem() {
        Chunk chunk = new Chunk(new ChunkPos(0, 0));
        chunk.set(5, 10, 5, BlockType.STONE);
        chunk.set(6, 10, 5, BlockType.DIRT);
        assertEquals(10, mesh(chunk).opaque().faceCount());
    }

    @Test
    void aSolidCubeShowsOnlyItsSurface() {
        Chunk chunk = new Chunk(new ChunkPos(0, 0));
        for (int y = 20; y < 23; y++) {
            for (int z = 3; z < 6; z++) {
                for (int x = 3; x < 6; x++) {
                    chunk.set(x, y, z, BlockType.STONE);
                }
            }
        }
        assertEquals(6 * 9, mesh(chunk).opaque().faceCount());
        chunk.set(4, 21, 4, BlockType.AIR);
        // culling looks only at direct neighbours, so the six faces around an enclosed hole are still drawn
        assertEquals(6 * 9 + 6, mesh(chunk).opaque().faceCount());
    }

    @Test
    void theBottomOfTheWorldIsNeverDrawn() {
        Chunk chunk = new Chunk(new ChunkPos(0, 0));
        chunk.set(0, 0, 0, BlockType.STONE);
        assertEquals(5, mesh(chunk).opaque().faceCount());
    }

    @Test
    void waterIsTranslucentAndHidesOnlyFacesBetweenWater() {
        Chunk chunk = new Chunk(new ChunkPos(0, 0));
        chunk.set(5, 10, 5, BlockType.WATER);
        chunk.set(6, 10, 5, BlockType.WATER);
        chunk.set(5, 9, 5, BlockType.STONE);
        ChunkMeshData data = mesh(chunk);
        // two water blocks: 10 faces, minus the one resting on stone
        assertEquals(9, data.translucent().faceCount());
        // the stone's top face shows through the water
        assertEquals(6, data.opaque().faceCount());
        // a water surface sits below the block top
        float maxY = 0;
        for (int i = 1; i < data.translucent().positions().length; i += 3) {
            maxY = Math.max(maxY, data.translucent().positions()[i]);
        }
        assertTrue(maxY < 11f && maxY > 10.8f, "water surface at " + maxY);
    }

    @Test
    void cornersNextToABlockAreDarkerThanOpenCorners() {
        Chunk chunk = new Chunk(new ChunkPos(0, 0));
        chunk.set(5, 10, 5, BlockType.STONE);
        ChunkMeshData open = mesh(chunk);
        chunk.set(6, 11, 5, BlockType.STONE);
        ChunkMeshData shaded = mesh(chunk);
        float openMin = minTopShade(open, 11f);
        float shadedMin = minTopShade(shaded, 11f);
        assertEquals(1f, openMin, 1e-6);
        assertTrue(shadedMin < 0.9f, "occluded corner shade " + shadedMin);
    }

    /** Smallest vertex shade among vertices at height y of faces pointing up (all 4 corners at y). */
    private static float minTopShade(ChunkMeshData data, float y) {
        ChunkMeshData.Part part = data.opaque();
        float min = Float.MAX_VALUE;
        for (int face = 0; face < part.faceCount(); face++) {
            boolean top = true;
            for (int c = 0; c < 4; c++) {
                top &= part.positions()[(face * 4 + c) * 3 + 1] == y;
            }
            if (top) {
                for (int c = 0; c < 4; c++) {
                    min = Math.min(min, part.colors()[(face * 4 + c) * 4]);
                }
            }
        }
        return min;
    }

    @Test
    void neighbourChunksHideBorderFaces() {
        io.neuroframe.demo.world.World world = new io.neuroframe.demo.world.World();
        Chunk a = new Chunk(new ChunkPos(0, 0));
        Chunk b = new Chunk(new ChunkPos(1, 0));
        a.set(Chunk.SIZE - 1, 10, 3, BlockType.STONE);
        b.set(0, 10, 3, BlockType.STONE);
        world.put(a);
        world.put(b);
        assertEquals(5, mesher.mesh(world.neighbourhood(a)).opaque().faceCount());
        assertEquals(6, mesher.mesh(BlockNeighbourhood.isolated(a)).opaque().faceCount());
    }
}
