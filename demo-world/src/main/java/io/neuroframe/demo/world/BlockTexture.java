package io.neuroframe.demo.world;

/**
 * The 16x16 tiles of the block texture atlas. Each block face names one tile; the pixels are painted by
 * {@code io.neuroframe.demo.render.BlockTexturePainter}. {@link #baseColor} is the tile's dominant sRGB colour
 * (0xRRGGBB), which the painter varies with noise and details.
 */
public enum BlockTexture {
    GRASS_TOP(0x6aa84f),
    GRASS_SIDE(0x866043),
    DIRT(0x866043),
    STONE(0x8a8a8a),
    SAND(0xdcc98f),
    SANDSTONE_SIDE(0xd4b47a),
    SANDSTONE_TOP(0xdcc08a),
    WATER(0x2f6fd0),
    LOG_SIDE(0x6b5033),
    LOG_TOP(0xa7844f),
    LEAVES(0x3f8a2e),
    SNOW(0xf4f8ff),
    SNOW_SIDE(0x866043),
    ICE(0x9cc4f2),
    SPRUCE_LOG_SIDE(0x4a3520),
    SPRUCE_LEAVES(0x2e5a3f),
    CACTUS_SIDE(0x3c8a2f),
    CACTUS_TOP(0x5aa040),
    BASALT(0x3a3538),
    ASH(0x6e2a26),
    LAVA(0xff7a1a),
    MAGMA(0x5a1d10),
    MOSS_TOP(0x1f4f5a),
    MOSS_SIDE(0x2a2438),
    OBSIDIAN(0x2a2438),
    CRYSTAL(0x4ef2ff),
    MUSHROOM_STEM(0xd8d0e8),
    MUSHROOM_CAP(0xe040ff),
    PLANKS(0xb08a52),
    GRAVEL(0x84807c);

    /** Tiles per atlas row (and column). */
    public static final int ATLAS_TILES_PER_SIDE = 8;

    private final int baseColor;

    BlockTexture(int baseColor) {
        this.baseColor = baseColor;
    }

    /** The dominant sRGB colour as 0xRRGGBB. */
    public int baseColor() {
        return baseColor;
    }

    /** Column of this tile in the atlas. */
    public int atlasColumn() {
        return ordinal() % ATLAS_TILES_PER_SIDE;
    }

    /** Row of this tile in the atlas, 0 at the top. */
    public int atlasRow() {
        return ordinal() / ATLAS_TILES_PER_SIDE;
    }
}
