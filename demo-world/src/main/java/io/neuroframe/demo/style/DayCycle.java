package io.neuroframe.demo.style;

import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;

/**
 * The sky and light of a style at a given time of day: the sun moves east to west through the south, and the
 * colours blend from the style's night palette to its day palette as the sun rises. Results are linear-light
 * colours, ready for shaders.
 */
public final class DayCycle {
    private DayCycle() {
    }

    /** How much of the day palette shows at {@code time} (days), 0 at night to 1 by day. */
    public static float daylight(double time) {
        float elevation = sunDirection(time, new Vector3f()).y;
        float t = FastMath.clamp((elevation + 0.05f) / 0.25f, 0f, 1f);
        return t * t * (3 - 2 * t);
    }

    /** The unit vector towards the sun at {@code time}, written into {@code store}. */
    public static Vector3f sunDirection(double time, Vector3f store) {
        double angle = 2 * Math.PI * (time - 0.25);
        float up = (float) Math.sin(angle);
        float east = (float) Math.cos(angle);
        return store.set(east, up, 0.35f).normalizeLocal();
    }

    /** The style's sky colour straight up at {@code time}, linear. */
    public static ColorRGBA zenith(Style style, double time, ColorRGBA store) {
        return blend(style.night().zenith(), style.day().zenith(), daylight(time), store);
    }

    /** The style's horizon and fog colour at {@code time}, linear. */
    public static ColorRGBA horizon(Style style, double time, ColorRGBA store) {
        return blend(style.night().horizon(), style.day().horizon(), daylight(time), store);
    }

    /** The style's light colour at {@code time}, linear. */
    public static ColorRGBA light(Style style, double time, ColorRGBA store) {
        return blend(style.night().light(), style.day().light(), daylight(time), store);
    }

    /** Blends two sRGB colours in linear light. */
    private static ColorRGBA blend(int nightRgb, int dayRgb, float amount, ColorRGBA store) {
        ColorRGBA night = linear(nightRgb, new ColorRGBA());
        ColorRGBA day = linear(dayRgb, new ColorRGBA());
        return store.interpolateLocal(night, day, amount);
    }

    /** Converts sRGB 0xRRGGBB to a linear-light colour with the exact sRGB transfer function. */
    public static ColorRGBA linear(int rgb, ColorRGBA store) {
        return store.set(toLinear((rgb >> 16) & 0xFF), toLinear((rgb >> 8) & 0xFF), toLinear(rgb & 0xFF), 1f);
    }

    /** One sRGB channel (0..255) to linear light (0..1). */
    public static float toLinear(int channel) {
        double c = channel / 255.0;
        return (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }

    /** One linear-light channel (clamped to 0..1) to sRGB (0..255, not rounded). */
    public static float toSrgb(float linear) {
        double c = Math.max(0, Math.min(1, linear));
        return (float) (255 * (c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055));
    }
}
