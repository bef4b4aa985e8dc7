package io.neuroframe.demo.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.math.ColorRGBA;
import java.util.List;
import org.junit.jupiter.api.Test;

class StylesTest {

    @Test
    void thereAreFiveNamedStyles() {
        assertEquals(List.of("meadow", "desert", "tundra", "volcanic", "neon"), Styles.names());
        assertEquals("desert", Styles.byName("desert").name());
    }

    @Test
    void unknownStylesAreNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Styles.byName("jungle"));
        assertTrue(e.getMessage().contains("'jungle'") && e.getMessage().contains("meadow, desert"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Styles.parseList("meadow,meadow"));
        assertThrows(IllegalArgumentException.class, () -> Styles.parseList(" "));
        assertEquals(5, Styles.parseList("all").size());
        assertEquals(List.of(Styles.byName("neon"), Styles.byName("tundra")), Styles.parseList("neon, tundra"));
    }

    /** Largest channel difference between two sRGB colours (0..255). */
    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return d;
    }

    /** The sky colour straight up at the style's own time, sRGB. */
    static int zenithSrgb(Style style) {
        ColorRGBA c = DayCycle.zenith(style, style.timeOfDay(), new ColorRGBA());
        return (Math.round(DayCycle.toSrgb(c.r)) << 16) | (Math.round(DayCycle.toSrgb(c.g)) << 8)
                | Math.round(DayCycle.toSrgb(c.b));
    }

    @Test
    void skiesAndFogDifferClearlyBetweenStyles() {
        List<Style> all = Styles.all();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Style a = all.get(i);
                Style b = all.get(j);
                assertTrue(distance(zenithSrgb(a), zenithSrgb(b)) > 30, a.name() + " vs " + b.name() + " zenith");
                int fogA = a.timeOfDay() == 0 ? a.night().horizon() : a.day().horizon();
                int fogB = b.timeOfDay() == 0 ? b.night().horizon() : b.day().horizon();
                assertTrue(distance(fogA, fogB) > 30, a.name() + " vs " + b.name() + " fog");
            }
        }
    }

    @Test
    void dayAndNightFollowTheSun() {
        assertEquals(1f, DayCycle.daylight(0.5), 1e-6);
        assertEquals(0f, DayCycle.daylight(0.0), 1e-6);
        assertTrue(DayCycle.daylight(0.25) > 0 && DayCycle.daylight(0.25) < 1);
        Style meadow = Styles.byName("meadow");
        ColorRGBA noon = DayCycle.light(meadow, 0.5, new ColorRGBA());
        ColorRGBA midnight = DayCycle.light(meadow, 0.0, new ColorRGBA());
        assertTrue(noon.g > 3 * midnight.g, "noon light " + noon + " vs midnight " + midnight);
        assertEquals(0.2159, DayCycle.toLinear(128), 1e-3);
        assertEquals(128, DayCycle.toSrgb(DayCycle.toLinear(128)), 1e-3);
    }
}
