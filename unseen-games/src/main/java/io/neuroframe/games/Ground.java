package io.neuroframe.games;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector2f;
import com.jme3.scene.Geometry;
import com.jme3.scene.shape.Quad;
import com.jme3.texture.Texture;

/** A flat square ground at height 0 with a tiled lit texture. */
final class Ground {

    private Ground() {
    }

    /**
     * @param size edge length in scene units, centred on the origin
     * @param texture asset path of the diffuse texture
     * @param tiles how many times the texture repeats along an edge
     */
    static Geometry create(AssetManager assets, float size, String texture, float tiles) {
        Quad quad = new Quad(size, size);
        quad.scaleTextureCoordinates(new Vector2f(tiles, tiles));
        Geometry ground = new Geometry("ground", quad);
        Material material = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        Texture diffuse = assets.loadTexture(texture);
        diffuse.setWrap(Texture.WrapMode.Repeat);
        material.setTexture("DiffuseMap", diffuse);
        material.setBoolean("UseMaterialColors", true);
        material.setColor("Diffuse", ColorRGBA.White);
        material.setColor("Ambient", ColorRGBA.White);
        ground.setMaterial(material);
        ground.rotate(-FastMath.HALF_PI, 0, 0);
        ground.setLocalTranslation(-size / 2, 0, size / 2);
        return ground;
    }
}
