package io.neuroframe.games;

import io.neuroframe.codec.data.Split;
import java.util.Locale;

/**
 * One scripted walk through one level of a game.
 *
 * @param game the game
 * @param index index of the trajectory within its game, from 0 (training first, then validation)
 * @param frames number of frames
 * @param split train or validation, for all frames of the trajectory
 * @param levelSeed seed of the level's layout
 * @param walkerSeed seed of the scripted player
 */
public record GameTrajectory(UnseenGame game, int index, int frames, Split split, long levelSeed, long walkerSeed) {

    /** The unique name, e.g. {@code atrium-003}. */
    public String name() {
        return String.format(Locale.ROOT, "%s-%03d", game.gameName(), index);
    }

    /** Path of frame {@code frame}'s PNG relative to the dataset folder. */
    public String framePath(int frame) {
        return String.format(Locale.ROOT, "frames/%s/%s/%06d.png", game.gameName(), name(), frame);
    }
}
