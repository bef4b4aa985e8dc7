package io.neuroframe.games;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.math.ColorRGBA;
import com.jme3.renderer.Camera;
import com.jme3.scene.Node;
import io.neuroframe.api.OasisAction;
import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.codec.data.Split;
import java.util.Objects;

/**
 * Plays one unseen game for a viewer: builds a held-out (validation) level of the game and walks the seeded
 * scripted player through it, placing the application's camera as the dataset does, at the dataset's field of
 * view. The walk goes on for as long as the state is enabled. In real time the player steps at the dataset's 20
 * steps per second whatever the frame rate; otherwise it takes one step per frame, as the dataset renders it.
 * The level hangs under the root node while the state is enabled; the view port's background colour is restored
 * on cleanup.
 */
public final class ScriptedWalkState extends BaseAppState {
    /** A frame longer than this (loading, a stall) advances the walk by this much only. */
    private static final float MAX_FRAME_SECONDS = 0.25f;

    private final UnseenGame game;
    private final long seed;
    private final boolean realTime;
    private final Node level = new Node("unseen game");
    private final ColorRGBA background = new ColorRGBA();
    private GameScene scene;
    private ScriptedWalker walker;
    private PlayerState player;
    private boolean walking = true;
    private float untilStep;
    private int steps;

    /**
     * @param game the game to play
     * @param seed seeds the level's layout and the scripted player
     * @param realTime step at 20 steps per second of frame time, else one step per frame
     */
    public ScriptedWalkState(UnseenGame game, long seed, boolean realTime) {
        super("ScriptedWalk");
        this.game = Objects.requireNonNull(game, "game");
        this.seed = seed;
        this.realTime = realTime;
    }

    /** Steps the player has taken. */
    public int steps() {
        return steps;
    }

    /** Lets the player walk on or makes it stand still, the scene posed as it was. Render thread only. */
    public void setWalking(boolean walking) {
        this.walking = walking;
    }

    @Override
    protected void initialize(Application app) {
        background.set(app.getViewPort().getBackgroundColor());
        scene = game.newScene();
        scene.build(app.getAssetManager(), level, app.getViewPort(), Split.VALIDATION, seed);
        walker = new ScriptedWalker(seed, scene.area(Split.VALIDATION), scene);
        player = walker.state();
        Camera cam = app.getCamera();
        FirstPersonCamera.applyLens(cam);
        untilStep = CaptureSettings.STEP_SECONDS;
        scene.show(player, 0f, cam);
    }

    @Override
    protected void cleanup(Application app) {
        app.getViewPort().setBackgroundColor(background);
        level.detachAllChildren();
        level.getLocalLightList().clear();
    }

    @Override
    protected void onEnable() {
        ((SimpleApplication) getApplication()).getRootNode().attachChild(level);
    }

    @Override
    protected void onDisable() {
        level.removeFromParent();
    }

    @Override
    public void update(float tpf) {
        if (!walking) {
            return;
        }
        if (!realTime) {
            step();
        } else {
            untilStep -= Math.min(tpf, MAX_FRAME_SECONDS);
            while (untilStep <= 0) {
                step();
                untilStep += CaptureSettings.STEP_SECONDS;
            }
        }
        scene.show(player, steps * CaptureSettings.STEP_SECONDS, getApplication().getCamera());
    }

    private void step() {
        player = walker.step(OasisAction.builder());
        steps++;
    }
}
