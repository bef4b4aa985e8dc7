package io.neuroframe.games;

import io.neuroframe.capture.PlannedTrajectory;
import io.neuroframe.codec.data.Split;

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
public record GameTrajectory(UnseenGame game, int index, int frames, Split split, long levelSeed, long walkerSeed)
        implements PlannedTrajectory {

    /** The game's name, e.g. {@code atrium}. */
    @Override
    public String styleName() {
        return game.gameName();
    }
}
