package io.neuroframe.demo.world;

/**
 * Generates chunks from a seed and a {@link TerrainRecipe}: a fractal noise height map with mountain ranges,
 * layered ground, seas, surface patches and flora. Every chunk depends only on the seed, the recipe and its
 * position, so chunks can be generated on any thread, in any order, with the same result; plants near chunk edges
 * are grown from their own column in every chunk they reach.
 */
public final class TerrainGenerator {
    private static final int CELL = 6;
    private static final int SALT_CELL_X = 11;
    private static final int SALT_CELL_Z = 12;
    private static final int SALT_SIZE = 14;

    private final TerrainRecipe recipe;
    private final ValueNoise hills;
    private final ValueNoise mountains;
    private final ValueNoise patches;
    private final ValueNoise scatter;

    public TerrainGenerator(long seed, TerrainRecipe recipe) {
        this.recipe = recipe;
        this.hills = new ValueNoise(seed);
        this.mountains = new ValueNoise(seed * 31 + 7);
        this.patches = new ValueNoise(seed * 17 + 3);
        this.scatter = new ValueNoise(seed * 13 + 5);
    }

    public TerrainRecipe recipe() {
        return recipe;
    }

    /** Height of the ground (the y of the top solid block) in column (x, z). */
    public int heightAt(int x, int z) {
        double h = recipe.baseHeight() + recipe.hillAmplitude() * hills.fractal(x, z, recipe.hillScale(), 4);
        double ridge = Math.max(0, mountains.fractal(x, z, 220, 3) * 1.6 - 0.25);
        h += recipe.mountainAmplitude() * ridge * ridge;
        return (int) Math.floor(h);
    }

    /** The block that tops land of height {@code height} in column (x, z). */
    public BlockType surfaceAt(int x, int z, int height) {
        if (height <= recipe.seaLevel()) {
            return recipe.shore();
        }
        if (height >= recipe.snowLine()) {
            return BlockType.SNOW;
        }
        if (recipe.patch() != BlockType.AIR && patches.fractal(x, z, 14, 2) > recipe.patchThreshold()) {
            return recipe.patch();
        }
        return recipe.surface();
    }

    /** Generates the chunk at {@code pos}. */
    public Chunk generate(ChunkPos pos) {
        Chunk chunk = new Chunk(pos);
        for (int lz = 0; lz < Chunk.SIZE; lz++) {
            for (int lx = 0; lx < Chunk.SIZE; lx++) {
                fillColumn(chunk, lx, lz, pos.minBlockX() + lx, pos.minBlockZ() + lz);
            }
        }
        growFlora(chunk);
        return chunk;
    }

    private void fillColumn(Chunk chunk, int lx, int lz, int x, int z) {
        int height = heightAt(x, z);
        BlockType top = surfaceAt(x, z, height);
        for (int y = 0; y <= height; y++) {
            BlockType block;
            if (y == height) {
                block = top;
            } else if (y >= height - 3) {
                block = top == recipe.shore() ? recipe.shore() : recipe.subsurface();
            } else {
                block = recipe.stone();
            }
            chunk.set(lx, y, lz, block);
        }
        for (int y = height + 1; y <= recipe.seaLevel(); y++) {
            chunk.set(lx, y, lz, y == recipe.seaLevel() ? recipe.fluidSurface() : recipe.fluid());
        }
    }

    private void growFlora(Chunk chunk) {
        ChunkPos pos = chunk.pos();
        int minCellX = Math.floorDiv(pos.minBlockX() - Flora.REACH, CELL);
        int maxCellX = Math.floorDiv(pos.minBlockX() + Chunk.SIZE - 1 + Flora.REACH, CELL);
        int minCellZ = Math.floorDiv(pos.minBlockZ() - Flora.REACH, CELL);
        int maxCellZ = Math.floorDiv(pos.minBlockZ() + Chunk.SIZE - 1 + Flora.REACH, CELL);
        for (int i = 0; i < recipe.flora().size(); i++) {
            Flora flora = recipe.flora().get(i);
            int salt = 100 + 10 * i;
            for (int cz = minCellZ; cz <= maxCellZ; cz++) {
                for (int cx = minCellX; cx <= maxCellX; cx++) {
                    if (scatter.hash01(cx, cz, salt) >= flora.chance()) {
                        continue;
                    }
                    int x = cx * CELL + (int) (scatter.hash01(cx, cz, salt + SALT_CELL_X) * CELL);
                    int z = cz * CELL + (int) (scatter.hash01(cx, cz, salt + SALT_CELL_Z) * CELL);
                    int height = heightAt(x, z);
                    BlockType ground = surfaceAt(x, z, height);
                    if (height <= recipe.seaLevel() || (ground != recipe.surface() && ground != BlockType.SNOW)) {
                        continue;
                    }
                    double size = scatter.hash01(cx, cz, salt + SALT_SIZE);
                    grow(chunk, flora.kind(), x, height + 1, z, size);
                }
            }
        }
    }

    private void grow(Chunk chunk, Flora.Kind kind, int x, int y, int z, double size) {
        switch (kind) {
            case OAK -> {
                int trunk = 4 + (int) (size * 3);
                blob(chunk, x, y + trunk - 2, z, 2, BlockType.LEAVES);
                blob(chunk, x, y + trunk, z, 1, BlockType.LEAVES);
                column(chunk, x, y, z, trunk, BlockType.LOG);
            }
            case SPRUCE -> {
                int trunk = 6 + (int) (size * 4);
                int radius = 2;
                for (int dy = 2; dy <= trunk; dy++) {
                    int r = dy == trunk ? 0 : Math.max(1, radius - (dy - 2) / 3);
                    if ((dy & 1) == 0 || r == 0) {
                        disc(chunk, x, y + dy, z, r, BlockType.SPRUCE_LEAVES);
                    }
                }
                put(chunk, x, y + trunk + 1, z, BlockType.SPRUCE_LEAVES, false);
                column(chunk, x, y, z, trunk, BlockType.SPRUCE_LOG);
            }
            case CACTUS -> column(chunk, x, y, z, 2 + (int) (size * 3), BlockType.CACTUS);
            case BASALT_SPIRE -> {
                int h = 3 + (int) (size * 6);
                column(chunk, x, y, z, h, BlockType.BASALT);
                put(chunk, x, y + h, z, BlockType.MAGMA, true);
            }
            case GLOW_MUSHROOM -> {
                int stem = 4 + (int) (size * 4);
                int radius = 2 + (int) (size * 1.99);
                disc(chunk, x, y + stem, z, radius, BlockType.MUSHROOM_CAP);
                disc(chunk, x, y + stem + 1, z, radius - 1, BlockType.MUSHROOM_CAP);
                column(chunk, x, y, z, stem, BlockType.MUSHROOM_STEM);
            }
            case CRYSTAL_SPIKE -> column(chunk, x, y, z, 1 + (int) (size * 3), BlockType.CRYSTAL);
            default -> throw new IllegalStateException("unknown flora " + kind);
        }
    }

    private static void column(Chunk chunk, int x, int y, int z, int height, BlockType block) {
        for (int dy = 0; dy < height; dy++) {
            put(chunk, x, y + dy, z, block, true);
        }
    }

    /** A rounded cube of leaves (corners cut), written only into air. */
    private static void blob(Chunk chunk, int x, int y, int z, int r, BlockType block) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dz = -r; dz <= r; dz++) {
                for (int dx = -r; dx <= r; dx++) {
                    if (Math.abs(dx) == r && Math.abs(dz) == r && (dy != 0 || r > 1)) {
                        continue;
                    }
                    put(chunk, x + dx, y + dy, z + dz, block, false);
                }
            }
        }
    }

    /** A disc of radius r (Euclidean, slightly rounded), written only into air. */
    private static void disc(Chunk chunk, int x, int y, int z, int r, BlockType block) {
        for (int dz = -r; dz <= r; dz++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dx * dx + dz * dz <= r * r + r) {
                    put(chunk, x + dx, y, z + dz, block, false);
                }
            }
        }
    }

    /** Writes one block at world coordinates if it lies in {@code chunk}; {@code overwrite} false keeps non-air. */
    private static void put(Chunk chunk, int x, int y, int z, BlockType block, boolean overwrite) {
        int lx = x - chunk.pos().minBlockX();
        int lz = z - chunk.pos().minBlockZ();
        if (lx < 0 || lx >= Chunk.SIZE || lz < 0 || lz >= Chunk.SIZE || y < 0 || y >= Chunk.HEIGHT) {
            return;
        }
        if (overwrite || chunk.get(lx, y, lz) == BlockType.AIR) {
            chunk.set(lx, y, lz, block);
        }
    }
}
