package io.neuroframe.demo.world;

import java.util.List;

/**
 * What a style's terrain is made of and how it is shaped. Heights are in blocks.
 *
 * @param baseHeight mean ground height
 * @param hillAmplitude height of rolling hills above and below the base
 * @param hillScale width of hills in blocks
 * @param mountainAmplitude extra height of the occasional mountain range
 * @param seaLevel fluid fills every column up to this height
 * @param surface top block of land
 * @param subsurface the three blocks below the surface
 * @param stone everything deeper
 * @param fluid what fills the seas
 * @param fluidSurface top layer of the seas (the fluid itself, or e.g. ICE)
 * @param shore surface block of land at most one block above sea level
 * @param snowLine land at or above this height is topped with SNOW
 * @param patch surface block of noise-shaped patches (e.g. MAGMA, SANDSTONE), or AIR for none
 * @param patchThreshold patches cover the surface where the patch noise (in [-1, 1]) is above this
 * @param flora plants and formations, each with its own chance per cell
 */
public record TerrainRecipe(int baseHeight, int hillAmplitude, double hillScale, int mountainAmplitude,
                            int seaLevel, BlockType surface, BlockType subsurface, BlockType stone,
                            BlockType fluid, BlockType fluidSurface, BlockType shore, int snowLine,
                            BlockType patch, double patchThreshold, List<Flora> flora) {

    public TerrainRecipe {
        flora = List.copyOf(flora);
        int highest = baseHeight + hillAmplitude + mountainAmplitude + 12;
        if (baseHeight - hillAmplitude < 4 || highest >= Chunk.HEIGHT) {
            throw new IllegalArgumentException("terrain heights must stay within [4, " + (Chunk.HEIGHT - 12)
                    + "], got base " + baseHeight + " +- " + hillAmplitude + " + " + mountainAmplitude);
        }
    }
}
