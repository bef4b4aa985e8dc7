package io.neuroframe.games;

import com.jme3.asset.AssetManager;
import com.jme3.light.AmbientLight;
import com.jme3.light.Light;
import com.jme3.light.PointLight;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.Split;
import java.util.List;
import java.util.Random;

/**
 * A night game lit only by neon: jME's many-lights scene with its sixteen lamps recoloured from a neon palette
 * (seeded per trajectory) under a black sky. Training walks use the northern part of the grid with cool neon,
 * validation walks the southern part of held-out levels with warm neon (with one palette, the dark views were
 * near-duplicates by {@link NearDuplicateCheck}'s measure).
 */
final class NightScene implements GameScene {
    private static final float EYE_HEIGHT = 2.2f;
    private static final float CLEARANCE = 2.5f;
    /** Lamp colours of training levels: pink, cyan, violet, green. */
    private static final List<ColorRGBA> COOL_NEON = List.of(new ColorRGBA(1f, 0.1f, 0.8f, 1f),
            new ColorRGBA(0.1f, 0.9f, 1f, 1f), new ColorRGBA(0.6f, 0.2f, 1f, 1f), new ColorRGBA(0.2f, 1f, 0.3f, 1f));
    /** Lamp colours of the held-out validation levels: orange, red, yellow. */
    private static final List<ColorRGBA> WARM_NEON = List.of(new ColorRGBA(1f, 0.5f, 0.05f, 1f),
            new ColorRGBA(1f, 0.15f, 0.15f, 1f), new ColorRGBA(1f, 0.9f, 0.2f, 1f));
    private Spatial scene;

    @Override
    public void build(AssetManager assets, Node root, ViewPort viewPort, Split split, long levelSeed) {
        scene = assets.loadModel("Scenes/ManyLights/Main.scene");
        Random random = new Random(levelSeed);
        List<ColorRGBA> palette = split == Split.TRAIN ? COOL_NEON : WARM_NEON;
        for (Light light : scene.getLocalLightList()) {
            if (light instanceof PointLight lamp) {
                lamp.setColor(palette.get(random.nextInt(palette.size())).mult(2.5f));
                lamp.setRadius(22f);
            }
        }
        root.attachChild(scene);
        root.addLight(new AmbientLight(new ColorRGBA(0.03f, 0.03f, 0.06f, 1f)));
        viewPort.setBackgroundColor(new ColorRGBA(0.01f, 0.01f, 0.03f, 1f));
    }

    @Override
    public WalkArea area(Split split) {
        return split == Split.TRAIN ? new WalkArea(-30, 30, -30, 4) : new WalkArea(-30, 30, 16, 30);
    }

    @Override
    public boolean blocks(float x, float z) {
        return Clearance.isNearSurface(scene, new Vector3f(x, EYE_HEIGHT, z), CLEARANCE);
    }

    @Override
    public float walkSpeed() {
        return 4f;
    }

    @Override
    public CameraPose show(PlayerState state, float seconds, Camera camera) {
        Vector3f eye = new Vector3f(state.x(), EYE_HEIGHT, state.z());
        return FirstPersonCamera.place(camera, eye, state.yawDegrees(), state.pitchDegrees());
    }
}
