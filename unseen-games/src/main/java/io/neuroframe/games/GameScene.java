package io.neuroframe.games;

import com.jme3.asset.AssetManager;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.Split;

/**
 * One unseen game: builds its level from the test art and places the camera for a player's state. What a frame
 * shows must depend only on the level seed, the player's state and the time passed to {@link #show}, so that a
 * resumed dataset run renders the same pixels.
 */
public interface GameScene {

    /**
     * Builds a level into {@code root} (lights included) and sets the background colour of {@code viewPort}.
     *
     * @param split training levels and validation levels may differ (held-out levels)
     * @param levelSeed varies the layout where the game has one (vehicles, characters, light colours)
     */
    void build(AssetManager assets, Node root, ViewPort viewPort, Split split, long levelSeed);

    /** Where players walk: training trajectories and validation trajectories use separate parts of the level. */
    WalkArea area(Split split);

    /** Whether something solid (a vehicle, a character) stands at a spot of the level built last. */
    default boolean blocks(float x, float z) {
        return false;
    }

    /** Walking speed in scene units per second. */
    float walkSpeed();

    /**
     * Poses the scene for {@code seconds} into the trajectory with the player in {@code state}, places
     * {@code camera}, and returns the camera pose to record.
     */
    CameraPose show(PlayerState state, float seconds, Camera camera);
}
