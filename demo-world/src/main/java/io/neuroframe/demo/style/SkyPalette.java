package io.neuroframe.demo.style;

/**
 * The colours of the sky and light at one extreme of the day (full day or full night), as sRGB 0xRRGGBB: what a
 * person sees on screen.
 *
 * @param zenith sky colour straight up
 * @param horizon sky colour at the horizon, also the fog colour
 * @param light colour and brightness of the light on a face turned towards the sky
 */
public record SkyPalette(int zenith, int horizon, int light) {
}
