package io.neuroframe.demo.world;

/**
 * Every kind of block. A block is <em>solid</em> when the player collides with it, <em>opaque</em> when it hides
 * the faces of its neighbours, a <em>fluid</em> when the player swims in it, and <em>translucent</em> when it is
 * drawn blended after the opaque terrain. {@code emission} in [0, 1] is how much the block glows regardless of
 * the light.
 */
public enum BlockType {
    AIR(false, false, false, false, 0f, null, null, null),
    GRASS(BlockTexture.GRASS_TOP, BlockTexture.GRASS_SIDE, BlockTexture.DIRT),
    DIRT(BlockTexture.DIRT),
    STONE(BlockTexture.STONE),
    SAND(BlockTexture.SAND),
    SANDSTONE(BlockTexture.SANDSTONE_TOP, BlockTexture.SANDSTONE_SIDE, BlockTexture.SANDSTONE_TOP),
    WATER(false, false, true, true, 0f, BlockTexture.WATER, BlockTexture.WATER, BlockTexture.WATER),
    LOG(BlockTexture.LOG_TOP, BlockTexture.LOG_SIDE, BlockTexture.LOG_TOP),
    LEAVES(BlockTexture.LEAVES),
    SNOW(BlockTexture.SNOW, BlockTexture.SNOW_SIDE, BlockTexture.DIRT),
    ICE(BlockTexture.ICE),
    SPRUCE_LOG(BlockTexture.LOG_TOP, BlockTexture.SPRUCE_LOG_SIDE, BlockTexture.LOG_TOP),
    SPRUCE_LEAVES(BlockTexture.SPRUCE_LEAVES),
    CACTUS(BlockTexture.CACTUS_TOP, BlockTexture.CACTUS_SIDE, BlockTexture.CACTUS_TOP),
    BASALT(BlockTexture.BASALT),
    ASH(BlockTexture.ASH),
    LAVA(false, true, true, false, 1f, BlockTexture.LAVA, BlockTexture.LAVA, BlockTexture.LAVA),
    MAGMA(true, true, false, false, 0.55f, BlockTexture.MAGMA, BlockTexture.MAGMA, BlockTexture.MAGMA),
    MOSS(BlockTexture.MOSS_TOP, BlockTexture.MOSS_SIDE, BlockTexture.OBSIDIAN),
    OBSIDIAN(BlockTexture.OBSIDIAN),
    CRYSTAL(true, true, false, false, 0.85f, BlockTexture.CRYSTAL, BlockTexture.CRYSTAL, BlockTexture.CRYSTAL),
    MUSHROOM_STEM(true, true, false, false, 0.25f, BlockTexture.MUSHROOM_STEM, BlockTexture.MUSHROOM_STEM,
            BlockTexture.MUSHROOM_STEM),
    MUSHROOM_CAP(true, true, false, false, 0.8f, BlockTexture.MUSHROOM_CAP, BlockTexture.MUSHROOM_CAP,
            BlockTexture.MUSHROOM_CAP),
    PLANKS(BlockTexture.PLANKS),
    GRAVEL(BlockTexture.GRAVEL);

    private static final BlockType[] BY_ID = values();

    private final boolean solid;
    private final boolean opaque;
    private final boolean fluid;
    private final boolean translucent;
    private final float emission;
    private final BlockTexture top;
    private final BlockTexture side;
    private final BlockTexture bottom;

    BlockType(BlockTexture all) {
        this(all, all, all);
    }

    BlockType(BlockTexture top, BlockTexture side, BlockTexture bottom) {
        this(true, true, false, false, 0f, top, side, bottom);
    }

    BlockType(boolean solid, boolean opaque, boolean fluid, boolean translucent, float emission,
              BlockTexture top, BlockTexture side, BlockTexture bottom) {
        this.solid = solid;
        this.opaque = opaque;
        this.fluid = fluid;
        this.translucent = translucent;
        this.emission = emission;
        this.top = top;
        this.side = side;
        this.bottom = bottom;
    }

    /** The block with id {@code id} (its ordinal), as stored in chunks. */
    public static BlockType byId(int id) {
        return BY_ID[id];
    }

    /** The id stored in chunks. */
    public byte id() {
        return (byte) ordinal();
    }

    public boolean isSolid() {
        return solid;
    }

    public boolean isOpaque() {
        return opaque;
    }

    public boolean isFluid() {
        return fluid;
    }

    public boolean isTranslucent() {
        return translucent;
    }

    /** Whether the player's ray stops at this block (anything but air and fluids). */
    public boolean isTargetable() {
        return this != AIR && !fluid;
    }

    public float emission() {
        return emission;
    }

    /** The tile on the face pointing up. */
    public BlockTexture top() {
        return top;
    }

    /** The tile on the four side faces. */
    public BlockTexture side() {
        return side;
    }

    /** The tile on the face pointing down. */
    public BlockTexture bottom() {
        return bottom;
    }
}
