package io.neuroframe.demo.mesh;

import io.neuroframe.demo.world.BlockNeighbourhood;
import io.neuroframe.demo.world.BlockTexture;
import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.Chunk;
import java.util.Arrays;

/**
 * Builds a chunk's mesh with hidden-face culling: a block face is emitted only when the neighbour it faces does
 * not hide it (air, a translucent block, or a fluid other than its own). Each vertex gets a shade from the face's
 * direction (top brightest, bottom darkest) times ambient occlusion from the three blocks around that corner, and
 * quads are split along the diagonal that keeps the occlusion gradient smooth. Thread-confined: use one mesher per
 * thread.
 */
public final class ChunkMesher {
    /** Shade per face direction: +Y, -Y, +X, -X, +Z, -Z. */
    private static final float[] FACE_SHADE = {1.0f, 0.5f, 0.72f, 0.72f, 0.86f, 0.86f};
    /** Brightness by number of occluding blocks around a corner (3 = fully open). */
    private static final float[] AO_LEVELS = {0.5f, 0.68f, 0.84f, 1.0f};
    /** How far a water surface sits below the top of its block. */
    private static final float FLUID_DROP = 0.12f;
    /** Inset of texture coordinates from tile edges, in atlas units, against bleeding. */
    private static final float UV_INSET = 0.02f / BlockTexture.ATLAS_TILES_PER_SIDE;

    /** Normals of the six face directions. */
    private static final int[][] NORMALS = {{0, 1, 0}, {0, -1, 0}, {1, 0, 0}, {-1, 0, 0}, {0, 0, 1}, {0, 0, -1}};
    /** Corners of each face, counter-clockwise seen from outside; corners 2 and 3 are the "top" of side faces. */
    private static final int[][][] CORNERS = {
        {{0, 1, 1}, {1, 1, 1}, {1, 1, 0}, {0, 1, 0}},
        {{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {0, 0, 1}},
        {{1, 0, 1}, {1, 0, 0}, {1, 1, 0}, {1, 1, 1}},
        {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}},
        {{0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}},
        {{1, 0, 0}, {0, 0, 0}, {0, 1, 0}, {1, 1, 0}},
    };
    /** The two tangent axes of each face direction, as unit vectors. */
    private static final int[][][] TANGENTS = {
        {{1, 0, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 0, 1}},
        {{0, 1, 0}, {0, 0, 1}}, {{0, 1, 0}, {0, 0, 1}},
        {{1, 0, 0}, {0, 1, 0}}, {{1, 0, 0}, {0, 1, 0}},
    };
    private static final float[][] CORNER_UV = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

    private final PartBuilder opaque = new PartBuilder();
    private final PartBuilder translucent = new PartBuilder();
    private final float[] cornerShade = new float[4];

    /** Meshes the chunk in {@code blocks}. */
    public ChunkMeshData mesh(BlockNeighbourhood blocks) {
        opaque.reset();
        translucent.reset();
        for (int y = 0; y < Chunk.HEIGHT; y++) {
            for (int z = 0; z < Chunk.SIZE; z++) {
                for (int x = 0; x < Chunk.SIZE; x++) {
                    BlockType block = blocks.get(x, y, z);
                    if (block != BlockType.AIR) {
                        meshBlock(blocks, block, x, y, z);
                    }
                }
            }
        }
        return new ChunkMeshData(blocks.pos(), blocks.version(), opaque.build(), translucent.build());
    }

    /** Whether a face of {@code block} towards {@code neighbour} can be seen. */
    static boolean isFaceVisible(BlockType block, BlockType neighbour) {
        if (neighbour == BlockType.AIR) {
            return true;
        }
        if (neighbour == block && (block.isFluid() || block.isTranslucent())) {
            return false;
        }
        return !neighbour.isOpaque() && !(block.isTranslucent() && neighbour.isSolid());
    }

    private void meshBlock(BlockNeighbourhood blocks, BlockType block, int x, int y, int z) {
        PartBuilder part = block.isTranslucent() ? translucent : opaque;
        for (int face = 0; face < 6; face++) {
            int[] n = NORMALS[face];
            if (face == 1 && y == 0) {
                continue;
            }
            BlockType neighbour = blocks.get(x + n[0], y + n[1], z + n[2]);
            if (!isFaceVisible(block, neighbour)) {
                continue;
            }
            BlockTexture tile = face == 0 ? block.top() : face == 1 ? block.bottom() : block.side();
            boolean loweredTop = block.isFluid() && blocks.get(x, y + 1, z) != block;
            computeCornerShade(blocks, x, y, z, face);
            part.addFace(x, y, z, face, tile, cornerShade, block.emission(), loweredTop ? FLUID_DROP : 0f);
        }
    }

    private void computeCornerShade(BlockNeighbourhood blocks, int x, int y, int z, int face) {
        int[] n = NORMALS[face];
        int[] t1 = TANGENTS[face][0];
        int[] t2 = TANGENTS[face][1];
        int fx = x + n[0];
        int fy = y + n[1];
        int fz = z + n[2];
        for (int c = 0; c < 4; c++) {
            int[] corner = CORNERS[face][c];
            int d1 = (t1[0] * corner[0] + t1[1] * corner[1] + t1[2] * corner[2]) == 1 ? 1 : -1;
            int d2 = (t2[0] * corner[0] + t2[1] * corner[1] + t2[2] * corner[2]) == 1 ? 1 : -1;
            boolean side1 = occludes(blocks, fx + d1 * t1[0], fy + d1 * t1[1], fz + d1 * t1[2]);
            boolean side2 = occludes(blocks, fx + d2 * t2[0], fy + d2 * t2[1], fz + d2 * t2[2]);
            boolean diagonal = occludes(blocks, fx + d1 * t1[0] + d2 * t2[0], fy + d1 * t1[1] + d2 * t2[1],
                    fz + d1 * t1[2] + d2 * t2[2]);
            int open = side1 && side2 ? 0 : 3 - ((side1 ? 1 : 0) + (side2 ? 1 : 0) + (diagonal ? 1 : 0));
            cornerShade[c] = FACE_SHADE[face] * AO_LEVELS[open];
        }
    }

    private static boolean occludes(BlockNeighbourhood blocks, int x, int y, int z) {
        return blocks.get(x, y, z).isOpaque();
    }

    /** Growable vertex arrays for one part. */
    private static final class PartBuilder {
        private static final int INITIAL_FACES = 1024;
        private float[] positions = new float[INITIAL_FACES * 12];
        private float[] texCoords = new float[INITIAL_FACES * 8];
        private float[] colors = new float[INITIAL_FACES * 16];
        private int capacity = INITIAL_FACES;
        private int faces;

        void reset() {
            faces = 0;
        }

        void addFace(int x, int y, int z, int face, BlockTexture tile, float[] shade, float emission, float drop) {
            ensureCapacity(faces + 1);
            int v = faces * 4;
            float u0 = (float) tile.atlasColumn() / BlockTexture.ATLAS_TILES_PER_SIDE + UV_INSET;
            float du = 1f / BlockTexture.ATLAS_TILES_PER_SIDE - 2 * UV_INSET;
            // atlas rows are counted from the top; texture v grows upwards
            float v0 = 1f - (float) (tile.atlasRow() + 1) / BlockTexture.ATLAS_TILES_PER_SIDE + UV_INSET;
            for (int c = 0; c < 4; c++) {
                int[] corner = CORNERS[face][c];
                int p = (v + c) * 3;
                positions[p] = x + corner[0];
                positions[p + 1] = y + corner[1] - (corner[1] == 1 ? drop : 0f);
                positions[p + 2] = z + corner[2];
                int t = (v + c) * 2;
                texCoords[t] = u0 + CORNER_UV[c][0] * du;
                texCoords[t + 1] = v0 + CORNER_UV[c][1] * du;
                int k = (v + c) * 4;
                colors[k] = shade[c];
                colors[k + 1] = shade[c];
                colors[k + 2] = shade[c];
                colors[k + 3] = emission;
            }
            faces++;
        }

        ChunkMeshData.Part build() {
            int[] indices = new int[faces * 6];
            for (int f = 0; f < faces; f++) {
                int v = f * 4;
                int i = f * 6;
                // split along the diagonal with the brighter sum, so occlusion does not smear
                boolean flip = colors[v * 4] + colors[(v + 2) * 4] < colors[(v + 1) * 4] + colors[(v + 3) * 4];
                if (flip) {
                    indices[i] = v + 1;
                    indices[i + 1] = v + 2;
                    indices[i + 2] = v + 3;
                    indices[i + 3] = v + 1;
                    indices[i + 4] = v + 3;
                    indices[i + 5] = v;
                } else {
                    indices[i] = v;
                    indices[i + 1] = v + 1;
                    indices[i + 2] = v + 2;
                    indices[i + 3] = v;
                    indices[i + 4] = v + 2;
                    indices[i + 5] = v + 3;
                }
            }
            return new ChunkMeshData.Part(Arrays.copyOf(positions, faces * 12), Arrays.copyOf(texCoords, faces * 8),
                    Arrays.copyOf(colors, faces * 16), indices, faces);
        }

        private void ensureCapacity(int faceCount) {
            if (faceCount > capacity) {
                capacity = Math.max(faceCount, capacity * 2);
                positions = Arrays.copyOf(positions, capacity * 12);
                texCoords = Arrays.copyOf(texCoords, capacity * 8);
                colors = Arrays.copyOf(colors, capacity * 16);
            }
        }
    }
}
