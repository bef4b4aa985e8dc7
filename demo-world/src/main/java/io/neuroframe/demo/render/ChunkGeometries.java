package io.neuroframe.demo.render;

import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.VertexBuffer;
import io.neuroframe.demo.mesh.ChunkMeshData;

/** Turns mesher output into jME geometry: a node per chunk at its corner, with an opaque and a water geometry. */
final class ChunkGeometries {
    private ChunkGeometries() {
    }

    /** A node holding the chunk's geometries (none for empty parts), placed at the chunk's corner. */
    static Node build(ChunkMeshData data, TerrainMaterials materials) {
        Node node = new Node("chunk " + data.pos().x() + "," + data.pos().z());
        node.setLocalTranslation(data.pos().minBlockX(), 0, data.pos().minBlockZ());
        if (!data.opaque().isEmpty()) {
            Geometry g = new Geometry("opaque", toMesh(data.opaque()));
            g.setMaterial(materials.opaque());
            node.attachChild(g);
        }
        if (!data.translucent().isEmpty()) {
            Geometry g = new Geometry("translucent", toMesh(data.translucent()));
            g.setMaterial(materials.translucent());
            g.setQueueBucket(RenderQueue.Bucket.Transparent);
            node.attachChild(g);
        }
        return node;
    }

    private static Mesh toMesh(ChunkMeshData.Part part) {
        Mesh mesh = new Mesh();
        mesh.setBuffer(VertexBuffer.Type.Position, 3, part.positions());
        mesh.setBuffer(VertexBuffer.Type.TexCoord, 2, part.texCoords());
        mesh.setBuffer(VertexBuffer.Type.Color, 4, part.colors());
        mesh.setBuffer(VertexBuffer.Type.Index, 3, part.indices());
        mesh.updateBound();
        mesh.setStatic();
        return mesh;
    }
}
