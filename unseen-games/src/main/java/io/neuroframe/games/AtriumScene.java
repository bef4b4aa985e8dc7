package io.neuroframe.games;

import com.jme3.asset.AssetManager;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.light.PointLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.texture.Texture;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.Split;

/**
 * An interior walk-through: the Sponza atrium (columns, arches, balconies, hanging cloth), which the test art
 * ships untextured, dressed in brick and lit by a warm sun falling into the courtyard and lamps under the
 * arcades. Training walks cover the western part of the courtyard,
 * validation walks its eastern end.
 */
final class AtriumScene implements GameScene {
    /** Sponza's ground-floor arcade is about 36 units high. */
    private static final float EYE_HEIGHT = 11f;
    private static final float CLEARANCE = 6f;
    private Spatial sponza;
    private float floor;

    @Override
    public void build(AssetManager assets, Node root, ViewPort viewPort, Split split, long levelSeed) {
        sponza = assets.loadModel("Models/Sponza/Sponza.j3o");
        Material brick = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        Texture texture = assets.loadTexture("Textures/Terrain/BrickWall/BrickWall.jpg");
        texture.setWrap(Texture.WrapMode.Repeat);
        brick.setTexture("DiffuseMap", texture);
        sponza.setMaterial(brick);
        root.attachChild(sponza);
        root.updateGeometricState();
        floor = Clearance.groundBelow(sponza, new Vector3f(-20, 30, 0));
        DirectionalLight sun = new DirectionalLight(new Vector3f(0.3f, -1f, 0.25f).normalizeLocal(),
                new ColorRGBA(1.0f, 0.9f, 0.75f, 1f).multLocal(1.1f));
        root.addLight(sun);
        root.addLight(new AmbientLight(new ColorRGBA(0.32f, 0.3f, 0.28f, 1f)));
        for (int i = 0; i < 4; i++) {
            PointLight lamp = new PointLight(new Vector3f(-90 + i * 60, floor + 30, 0),
                    new ColorRGBA(1f, 0.7f, 0.4f, 1f), 140f);
            root.addLight(lamp);
        }
        viewPort.setBackgroundColor(new ColorRGBA(0.55f, 0.65f, 0.8f, 1f));
    }

    @Override
    public WalkArea area(Split split) {
        return split == Split.TRAIN ? new WalkArea(-85, 25, -16, 16) : new WalkArea(55, 110, -16, 16);
    }

    @Override
    public boolean blocks(float x, float z) {
        return Clearance.isNearSurface(sponza, new Vector3f(x, floor + EYE_HEIGHT, z), CLEARANCE);
    }

    @Override
    public float walkSpeed() {
        return 14f;
    }

    @Override
    public CameraPose show(PlayerState state, float seconds, Camera camera) {
        Vector3f eye = new Vector3f(state.x(), floor + EYE_HEIGHT, state.z());
        return FirstPersonCamera.place(camera, eye, state.yawDegrees(), state.pitchDegrees());
    }
}
