package io.neuroframe.demo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.demo.style.Style;
import io.neuroframe.demo.style.Styles;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerrainGeneratorTest {

    private static Set<BlockType> blocksIn(TerrainGenerator generator, int chunks) {
        Set<BlockType> found = EnumSet.noneOf(BlockType.class);
        for (int cz = 0; cz < chunks; cz++) {
            for (int cx = 0; cx < chunks; cx++) {
                Chunk chunk = generator.generate(new ChunkPos(cx, cz));
                for (int y = 0; y < Chunk.HEIGHT; y++) {
                    for (int z = 0; z < Chunk.SIZE; z++) {
                        for (int x = 0; x < Chunk.SIZE; x++) {
                            found.add(chunk.get(x, y, z));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean sameBlocks(Chunk a, Chunk b) {
        for (int y = 0; y < Chunk.HEIGHT; y++) {
            for (int z = 0; z < Chunk.SIZE; z++) {
                for (int x = 0; x < Chunk.SIZE; x++) {
                    if (a.get(x, y, z) != b.get(x, y, z)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void theSameSeedGivesTheSameChunkAndAnotherSeedAnother() {
        TerrainRecipe recipe = Styles.byName("meadow").terrain();
        ChunkPos pos = new ChunkPos(3, -7);
        assertTrue(sameBlocks(new TerrainGenerator(42, recipe).generate(pos), new TerrainGenerator(42, recipe).generate(pos)));
        assertTrue(!sameBlocks(new TerrainGenerator(42, recipe).generate(pos), new TerrainGenerator(43, recipe).generate(pos)));
    }

    @Test
    void eachStyleGrowsItsOwnBlockSet() {
        assertHas("meadow", BlockType.GRASS, BlockType.DIRT, BlockType.STONE, BlockType.WATER, BlockType.SAND,
                BlockType.LOG, BlockType.LEAVES);
        assertHas("desert", BlockType.SAND, BlockType.SANDSTONE, BlockType.CACTUS);
        assertHas("tundra", BlockType.SNOW, BlockType.SPRUCE_LOG, BlockType.SPRUCE_LEAVES, BlockType.ICE);
        assertHas("volcanic", BlockType.ASH, BlockType.BASALT, BlockType.MAGMA, BlockType.LAVA);
        assertHas("neon", BlockType.MOSS, BlockType.OBSIDIAN, BlockType.MUSHROOM_STEM, BlockType.MUSHROOM_CAP,
                BlockType.CRYSTAL);
        Set<BlockType> desert = blocksIn(new TerrainGenerator(1, Styles.byName("desert").terrain()), 6);
        assertTrue(!desert.contains(BlockType.GRASS) && !desert.contains(BlockType.LEAVES), "desert: " + desert);
    }

    private static void assertHas(String style, BlockType... expected) {
        Style s = Styles.byName(style);
        Set<BlockType> found = blocksIn(new TerrainGenerator(7, s.terrain()), 8);
        for (BlockType b : expected) {
            assertTrue(found.contains(b), style + " lacks " + b + ": " + found);
        }
    }

    @Test
    void heightsFollowTheHeightMapAndSeasFillToSeaLevel() {
        TerrainRecipe recipe = Styles.byName("meadow").terrain();
        TerrainGenerator generator = new TerrainGenerator(5, recipe);
        Chunk chunk = generator.generate(new ChunkPos(0, 0));
        int columnsChecked = 0;
        for (int z = 0; z < Chunk.SIZE; z++) {
            for (int x = 0; x < Chunk.SIZE; x++) {
                int h = generator.heightAt(x, z);
                BlockType top = chunk.get(x, h, z);
                if (top == generator.surfaceAt(x, z, h)) {
                    columnsChecked++;
                }
                assertTrue(chunk.get(x, 0, z).isSolid());
                if (h < recipe.seaLevel()) {
                    assertEquals(BlockType.WATER, chunk.get(x, recipe.seaLevel(), z));
                }
            }
        }
        assertEquals(256, columnsChecked);
        assertNotEquals(generator.heightAt(0, 0), generator.heightAt(200, 200) + 1000);
    }

    @Test
    void treesNearAChunkEdgeContinueIntoTheNeighbour() {
        TerrainGenerator generator = new TerrainGenerator(3, Styles.byName("meadow").terrain());
        World world = new World();
        for (int cz = -2; cz <= 2; cz++) {
            for (int cx = -2; cx <= 2; cx++) {
                world.put(generator.generate(new ChunkPos(cx, cz)));
            }
        }
        int split = 0;
        for (int cx = -1; cx <= 1; cx++) {
            int edge = cx * Chunk.SIZE;
            for (int z = -32; z < 32; z++) {
                for (int y = 0; y < Chunk.HEIGHT; y++) {
                    if (world.blockAt(edge, y, z) == BlockType.LEAVES && world.blockAt(edge - 1, y, z) == BlockType.LEAVES) {
                        split++;
                    }
                }
            }
        }
        assertTrue(split > 0, "some tree crowns span a chunk border");
    }
}
