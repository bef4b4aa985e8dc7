package io.neuroframe.demo.style;

import io.neuroframe.demo.world.TerrainRecipe;
import java.util.Objects;

/**
 * A visual style ("world"): sky, light, fog, time of day and terrain. Colours are sRGB 0xRRGGBB, as seen on
 * screen; the renderer converts them to linear light.
 *
 * @param name the name users select it by (lower case)
 * @param title a short description
 * @param day sky and light at full day
 * @param night sky and light at full night
 * @param timeOfDay start time in days: 0 midnight, 0.25 sunrise, 0.5 noon, 0.75 sunset
 * @param dayLengthSeconds length of one full day-night cycle in seconds; 0 freezes the time
 * @param fogStart fraction of the view distance where fog begins
 * @param fogEnd fraction of the view distance where fog is complete (at most 1, which hides chunk edges)
 * @param sunColor colour of the sun disc (and its glow), or 0 for no sun
 * @param stars brightness of stars in the night sky, 0..1
 * @param terrain what the ground is made of
 */
public record Style(String name, String title, SkyPalette day, SkyPalette night, double timeOfDay,
                    double dayLengthSeconds, double fogStart, double fogEnd, int sunColor, double stars,
                    TerrainRecipe terrain) {

    public Style {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(terrain, "terrain");
        if (!(fogStart >= 0 && fogStart < fogEnd && fogEnd <= 1)) {
            throw new IllegalArgumentException("style " + name + ": fog must satisfy 0 <= start < end <= 1, got "
                    + fogStart + ".." + fogEnd);
        }
        if (!(dayLengthSeconds >= 0)) {
            throw new IllegalArgumentException("style " + name + ": day length must be >= 0, got " + dayLengthSeconds);
        }
    }
}
