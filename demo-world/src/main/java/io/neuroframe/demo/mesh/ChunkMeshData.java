package io.neuroframe.demo.mesh;

import io.neuroframe.demo.world.ChunkPos;

/**
 * The triangles of one chunk, as plain arrays ready to upload: an opaque part and a translucent part (water).
 * Positions are relative to the chunk's corner (block units); colours carry the face shade in RGB (face direction
 * times ambient occlusion) and the block's emission in alpha.
 *
 * @param pos the chunk
 * @param version the chunk version the mesh was built from
 * @param opaque faces drawn without blending
 * @param translucent faces drawn blended after the opaque terrain
 */
public record ChunkMeshData(ChunkPos pos, int version, Part opaque, Part translucent) {

    /** One vertex/index set: 4 vertices and 6 indices per face. */
    public record Part(float[] positions, float[] texCoords, float[] colors, int[] indices, int faceCount) {

        /** Number of vertices (4 per face). */
        public int vertexCount() {
            return faceCount * 4;
        }

        /** Whether this part has no faces. */
        public boolean isEmpty() {
            return faceCount == 0;
        }
    }

    /** Faces in both parts. */
    public int faceCount() {
        return opaque.faceCount() + translucent.faceCount();
    }
}
