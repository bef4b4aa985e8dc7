package io.neuroframe.games;

import com.jme3.anim.AnimComposer;
import com.jme3.anim.tween.action.ClipAction;
import com.jme3.anim.util.AnimMigrationUtils;
import com.jme3.asset.AssetManager;
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
 * A third-person character game: the player is Sinbad, running and idling on a grassy field by a lagoon, seen
 * from behind and above; Oto, Jaime and other Sinbads stand around at seeded spots, walking, dancing, pushing or
 * idling. Animations are posed from the trajectory's time, never from the frame rate. Training walks use the
 * western part of grass fields, validation walks the eastern part of held-out dirt fields (on one ground, the
 * camera's view of grass and the player's back made every frame a near-duplicate by {@link NearDuplicateCheck}'s
 * measure); each trajectory has its own crowd.
 */
final class ArenaScene implements GameScene {
    private static final float CAMERA_DISTANCE = 22f;
    private static final float CAMERA_HEIGHT = 11f;
    private static final float CAMERA_DOWN_DEGREES = 14f;
    private static final float CLEARANCE = 5f;
    private static final int EXTRAS = 14;

    /** An animated character and the clip it plays, offset in time so that the crowd is not in step. */
    private record Actor(AnimComposer composer, String clip, float offset) {
        void pose(float seconds) {
            double length = composer.getAction(clip).getLength();
            composer.setTime(AnimComposer.DEFAULT_LAYER, (seconds + offset) % length);
        }
    }

    private final List<Actor> extras = new ArrayList<>();
    private final List<Vector3f> standing = new ArrayList<>();
    private Spatial player;
    private AnimComposer playerAnimation;
    private String playerClip;

    @Override
    public void build(AssetManager assets, Node root, ViewPort viewPort, Split split, long levelSeed) {
        extras.clear();
        standing.clear();
        String ground = split == Split.TRAIN ? "Textures/Terrain/splat/grass.jpg" : "Textures/Terrain/splat/dirt.jpg";
        root.attachChild(Ground.create(assets, 600, ground, 60));
        root.attachChild(SkyFactory.createSky(assets, assets.loadTexture("Textures/Sky/Lagoon/lagoon_west.jpg"),
                assets.loadTexture("Textures/Sky/Lagoon/lagoon_east.jpg"),
                assets.loadTexture("Textures/Sky/Lagoon/lagoon_north.jpg"),
                assets.loadTexture("Textures/Sky/Lagoon/lagoon_south.jpg"),
                assets.loadTexture("Textures/Sky/Lagoon/lagoon_up.jpg"),
                assets.loadTexture("Textures/Sky/Lagoon/lagoon_down.jpg")));
        player = assets.loadModel("Models/Sinbad/Sinbad.mesh.xml");
        playerAnimation = composer(player);
        playerClip = null;
        root.attachChild(player);
        Random random = new Random(levelSeed);
        for (int i = 0; i < EXTRAS; i++) {
            root.attachChild(extra(assets, random));
        }
        root.addLight(new DirectionalLight(new Vector3f(-0.3f, -0.8f, -0.4f).normalizeLocal(),
                new ColorRGBA(1f, 0.95f, 0.85f, 1f)));
        root.addLight(new AmbientLight(new ColorRGBA(0.45f, 0.45f, 0.5f, 1f)));
        viewPort.setBackgroundColor(new ColorRGBA(0.5f, 0.7f, 0.9f, 1f));
    }

    /** A character of a seeded kind at a seeded spot of the field, playing one of its clips. */
    private Spatial extra(AssetManager assets, Random random) {
        int kind = random.nextInt(3);
        Spatial model;
        String clip;
        float feet;
        if (kind == 0) {
            model = assets.loadModel("Models/Oto/Oto.mesh.xml");
            clip = List.of("Walk", "push", "pull", "Dodge").get(random.nextInt(4));
            feet = 4.8f;
        } else if (kind == 1) {
            model = assets.loadModel("Models/Jaime/Jaime.j3o");
            AnimMigrationUtils.migrate(model);
            model.setLocalScale(6f);
            clip = null;
            feet = 0f;
        } else {
            model = assets.loadModel("Models/Sinbad/Sinbad.mesh.xml");
            clip = List.of("Dance", "IdleBase", "SliceHorizontal", "JumpLoop").get(random.nextInt(4));
            feet = 5f;
        }
        float x = -120 + random.nextFloat() * 240;
        float z = -60 + random.nextFloat() * 120;
        model.setLocalTranslation(x, feet, z);
        model.rotate(0, random.nextFloat() * FastMath.TWO_PI, 0);
        standing.add(new Vector3f(x, 0, z));
        AnimComposer composer = composer(model);
        if (composer != null) {
            String chosen = clip != null && composer.getAnimClipsNames().contains(clip) ? clip
                    : composer.getAnimClipsNames().iterator().next();
            composer.setCurrentAction(chosen);
            extras.add(new Actor(composer, chosen, random.nextFloat() * 10));
        }
        return model;
    }

    /** The model's animation composer, frozen so that only {@link Actor#pose} moves it; null when it has none. */
    private static AnimComposer composer(Spatial model) {
        AnimComposer[] found = new AnimComposer[1];
        model.depthFirstTraversal(s -> {
            if (found[0] == null) {
                found[0] = s.getControl(AnimComposer.class);
            }
        });
        if (found[0] != null) {
            found[0].setGlobalSpeed(0);
            for (String clip : found[0].getAnimClipsNames()) {
                ((ClipAction) found[0].action(clip)).setTransitionLength(0);
            }
        }
        return found[0];
    }

    @Override
    public WalkArea area(Split split) {
        return split == Split.TRAIN ? new WalkArea(-120, 40, -60, 60) : new WalkArea(80, 130, -60, 60);
    }

    @Override
    public boolean blocks(float x, float z) {
        for (Vector3f other : standing) {
            if (FastMath.sqr(other.x - x) + FastMath.sqr(other.z - z) < CLEARANCE * CLEARANCE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public float walkSpeed() {
        return 12f;
    }

    @Override
    public CameraPose show(PlayerState state, float seconds, Camera camera) {
        String clip = state.moving() ? "RunBase" : "IdleBase";
        if (!clip.equals(playerClip)) {
            playerAnimation.setCurrentAction(clip);
            playerClip = clip;
        }
        new Actor(playerAnimation, clip, 0).pose(seconds);
        for (Actor extra : extras) {
            extra.pose(seconds);
        }
        player.setLocalTranslation(state.x(), 5f, state.z());
        player.getLocalRotation().fromAngles(0, FastMath.PI - state.yawDegrees() * FastMath.DEG_TO_RAD, 0);
        player.setLocalRotation(player.getLocalRotation());
        float pitch = state.pitchDegrees() / 2 + CAMERA_DOWN_DEGREES;
        Vector3f look = FirstPersonCamera.direction(state.yawDegrees(), pitch);
        Vector3f eye = new Vector3f(state.x(), CAMERA_HEIGHT, state.z()).subtractLocal(
                look.x * CAMERA_DISTANCE, 0, look.z * CAMERA_DISTANCE);
        return FirstPersonCamera.place(camera, eye, state.yawDegrees(), pitch);
    }
}
