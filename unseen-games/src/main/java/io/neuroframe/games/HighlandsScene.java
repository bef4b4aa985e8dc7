package io.neuroframe.games;

import com.jme3.asset.AssetManager;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector2f;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import com.jme3.terrain.geomipmap.TerrainQuad;
import com.jme3.terrain.heightmap.ImageBasedHeightMap;
import com.jme3.texture.Texture;
import com.jme3.util.SkyFactory;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.Split;

/**
 * An outdoor game: jME's mountain heightmap as full-detail terrain with grass, dirt and road splatted by the
 * alpha map, under a bright sky. Training walks stay in the western half of the map, validation walks in the
 * south-eastern corner.
 */
final class HighlandsScene implements GameScene {
    private static final float HORIZONTAL_SCALE = 2f;
    private static final float VERTICAL_SCALE = 0.5f;
    private static final float EYE_HEIGHT = 1.8f;
    private TerrainQuad terrain;

    @Override
    public void build(AssetManager assets, Node root, ViewPort viewPort, Split split, long levelSeed) {
        ImageBasedHeightMap heights = new ImageBasedHeightMap(
                assets.loadTexture("Textures/Terrain/splat/mountains512.png").getImage(), 1f);
        heights.load();
        terrain = new TerrainQuad("highlands", 65, 513, heights.getHeightMap());
        terrain.setLocalScale(HORIZONTAL_SCALE, VERTICAL_SCALE, HORIZONTAL_SCALE);
        Material material = new Material(assets, "Common/MatDefs/Terrain/TerrainLighting.j3md");
        material.setTexture("AlphaMap", assets.loadTexture("Textures/Terrain/splat/alphamap.png"));
        splat(assets, material, "DiffuseMap", "DiffuseMap_0_scale", "grass.jpg", 64);
        splat(assets, material, "DiffuseMap_1", "DiffuseMap_1_scale", "dirt.jpg", 16);
        splat(assets, material, "DiffuseMap_2", "DiffuseMap_2_scale", "road.jpg", 128);
        terrain.setMaterial(material);
        root.attachChild(terrain);
        root.attachChild(SkyFactory.createSky(assets, "Textures/Sky/Bright/BrightSky.dds",
                SkyFactory.EnvMapType.CubeMap));
        DirectionalLight sun = new DirectionalLight(new Vector3f(-0.5f, -0.6f, -0.4f).normalizeLocal(),
                new ColorRGBA(1.0f, 0.96f, 0.88f, 1f));
        root.addLight(sun);
        root.addLight(new AmbientLight(new ColorRGBA(0.35f, 0.38f, 0.45f, 1f)));
        viewPort.setBackgroundColor(new ColorRGBA(0.6f, 0.7f, 0.9f, 1f));
    }

    private static void splat(AssetManager assets, Material material, String map, String scaleParameter,
                              String file, float scale) {
        Texture texture = assets.loadTexture("Textures/Terrain/splat/" + file);
        texture.setWrap(Texture.WrapMode.Repeat);
        material.setTexture(map, texture);
        material.setFloat(scaleParameter, scale);
    }

    @Override
    public WalkArea area(Split split) {
        return split == Split.TRAIN ? new WalkArea(-440, -40, -440, 440) : new WalkArea(160, 440, 160, 440);
    }

    @Override
    public float walkSpeed() {
        return 6f;
    }

    @Override
    public CameraPose show(PlayerState state, float seconds, Camera camera) {
        float ground = terrain.getHeight(new Vector2f(state.x(), state.z()));
        Vector3f eye = new Vector3f(state.x(), (Float.isNaN(ground) ? 0 : ground) + EYE_HEIGHT, state.z());
        return FirstPersonCamera.place(camera, eye, state.yawDegrees(), state.pitchDegrees());
    }
}
