package io.neuroframe.demo.app;

import com.jme3.system.AppSettings;
import io.neuroframe.capture.OffscreenApplication;
import io.neuroframe.demo.style.Style;
import java.util.Objects;

/**
 * How to start the voxel game.
 *
 * @param style the world style
 * @param seed the world seed
 * @param viewRadius mesh radius in chunks around the player (the view distance is about 16 blocks per chunk)
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param interactive whether a person plays (vsync, keyboard and mouse) or a script drives it as fast as it can
 */
public record GameConfig(Style style, long seed, int viewRadius, int width, int height, boolean interactive) {

    public GameConfig {
        Objects.requireNonNull(style, "style");
        if (viewRadius < 1 || viewRadius > 32) {
            throw new IllegalArgumentException("view radius must be in [1, 32] chunks, got " + viewRadius);
        }
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("frame size must be at least 16x16, got " + width + "x" + height);
        }
    }

    /** Distance from the player to the edge of the meshed terrain, in blocks. */
    public float viewDistance() {
        return (viewRadius + 0.5f) * 16f;
    }

    /** jME settings for this game ({@link OffscreenApplication#settings}), titled with the style. */
    public AppSettings settings() {
        return OffscreenApplication.settings(width, height, interactive, "NeuroFrame demo - " + style.name());
    }
}
