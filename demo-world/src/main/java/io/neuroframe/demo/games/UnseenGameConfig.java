package io.neuroframe.demo.games;

import com.jme3.system.AppSettings;
import io.neuroframe.capture.OffscreenApplication;
import io.neuroframe.games.UnseenGame;
import java.util.Objects;

/**
 * How to start an unseen game in the demo.
 *
 * @param game the game
 * @param seed seeds the held-out level's layout and the scripted walk
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param interactive whether a person watches in a window (vsync, the walk in real time) or a script runs it as
 *     fast as it can (one walk step per frame)
 */
public record UnseenGameConfig(UnseenGame game, long seed, int width, int height, boolean interactive) {

    public UnseenGameConfig {
        Objects.requireNonNull(game, "game");
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("frame size must be at least 16x16, got " + width + "x" + height);
        }
    }

    /** jME settings for this game ({@link OffscreenApplication#settings}), titled with the game's name. */
    public AppSettings settings() {
        return OffscreenApplication.settings(width, height, interactive, "NeuroFrame demo - " + game.gameName());
    }
}
