package io.neuroframe.demo.dataset;

import io.neuroframe.capture.PlannedTrajectory;
import io.neuroframe.codec.data.Split;
import io.neuroframe.demo.style.Style;

/**
 * One scripted walk: where it starts, how long it is, which seed drives the player and which split it belongs to.
 *
 * @param style the world style
 * @param index index of the trajectory within its style, from 0
 * @param frames number of frames
 * @param worldSeed seed of the style's terrain
 * @param pilotSeed seed of the scripted player
 * @param spawnX column near which the player starts
 * @param spawnZ column near which the player starts
 * @param startYaw initial heading in degrees
 * @param split train or validation, for all frames of the trajectory
 */
public record TrajectoryPlan(Style style, int index, int frames, long worldSeed, long pilotSeed, int spawnX,
                             int spawnZ, float startYaw, Split split) implements PlannedTrajectory {

    /** The style's name, e.g. {@code meadow}. */
    @Override
    public String styleName() {
        return style.name();
    }
}
