package io.neuroframe.games;

import com.jme3.asset.AssetManager;
import com.jme3.bounding.BoundingBox;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.util.SkyFactory;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A vehicle yard: hover tanks and Ferraris parked at seeded spots and angles on a tiled floor, lit by the sun.
 * Every trajectory has its own layout; training walks use the northern part of yards under a clear sky,
 * validation walks the southern part of held-out yards at sunset (under one sky, views of the same sky over the
 * same floor were near-duplicates by {@link NearDuplicateCheck}'s measure). The PBR tank of the test art rendered
 * as a white silhouette here, lit by the light probe baked into jME's PBR spheres scene, so the yard keeps to the
 * two vehicles that render well.
 */
final class ShowroomScene implements GameScene {
    private static final float EYE_HEIGHT = 1.7f;
    private static final float SPACING = 11f;
    private static final int ROWS = 6;
    private static final int COLUMNS = 5;
    private static final List<String> VEHICLES = List.of("Models/HoverTank/Tank2.mesh.xml", "Models/Ferrari/Car.scene");
    /** Scale per vehicle so that each is about 6 to 7 units long. */
    private static final float[] SCALES = {0.55f, 1f};
    /** How close the player may come to a vehicle's centre. */
    private static final float CLEARANCE = 4f;
    private final List<Vector3f> parked = new ArrayList<>();

    @Override
    public void build(AssetManager assets, Node root, ViewPort viewPort, Split split, long levelSeed) {
        root.attachChild(Ground.create(assets, 400, "Textures/Terrain/PBR/Tiles083_1K_Color.png", 100));
        String sky = split == Split.TRAIN ? "Textures/Sky/Bright/FullskiesBlueClear03.dds"
                : "Scenes/Beach/FullskiesSunset0068.dds";
        root.attachChild(SkyFactory.createSky(assets, sky, SkyFactory.EnvMapType.CubeMap));
        Random random = new Random(levelSeed);
        parked.clear();
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                if (random.nextInt(6) == 0) {
                    continue;
                }
                int kind = random.nextInt(VEHICLES.size());
                Spatial vehicle = assets.loadModel(VEHICLES.get(kind));
                vehicle.setLocalScale(SCALES[kind]);
                vehicle.rotate(0, random.nextFloat() * FastMath.TWO_PI, 0);
                float x = (column - (COLUMNS - 1) / 2f) * SPACING + (random.nextFloat() - 0.5f) * 3;
                float z = (row - (ROWS - 1) / 2f) * SPACING + (random.nextFloat() - 0.5f) * 3;
                vehicle.setLocalTranslation(x, 0, z);
                vehicle.updateGeometricState();
                BoundingBox bounds = (BoundingBox) vehicle.getWorldBound();
                vehicle.move(0, -(bounds.getCenter().y - bounds.getYExtent()), 0);
                root.attachChild(vehicle);
                parked.add(new Vector3f(x, 0, z));
            }
        }
        root.addLight(new DirectionalLight(new Vector3f(-0.4f, -0.7f, -0.5f).normalizeLocal(),
                new ColorRGBA(1f, 0.97f, 0.92f, 1f).multLocal(1.6f)));
        root.addLight(new AmbientLight(new ColorRGBA(0.3f, 0.3f, 0.33f, 1f)));
        viewPort.setBackgroundColor(new ColorRGBA(0.55f, 0.7f, 0.95f, 1f));
    }

    @Override
    public WalkArea area(Split split) {
        float halfWidth = COLUMNS / 2f * SPACING;
        float halfDepth = ROWS / 2f * SPACING;
        return split == Split.TRAIN ? new WalkArea(-halfWidth, halfWidth, -halfDepth, 0.1f * halfDepth)
                : new WalkArea(-halfWidth, halfWidth, 0.5f * halfDepth, halfDepth);
    }

    @Override
    public boolean blocks(float x, float z) {
        for (Vector3f vehicle : parked) {
            if (FastMath.sqr(vehicle.x - x) + FastMath.sqr(vehicle.z - z) < CLEARANCE * CLEARANCE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public float walkSpeed() {
        return 3.5f;
    }

    @Override
    public CameraPose show(PlayerState state, float seconds, Camera camera) {
        Vector3f eye = new Vector3f(state.x(), EYE_HEIGHT, state.z());
        return FirstPersonCamera.place(camera, eye, state.yawDegrees(), state.pitchDegrees());
    }
}
