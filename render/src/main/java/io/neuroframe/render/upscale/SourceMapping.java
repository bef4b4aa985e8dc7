package io.neuroframe.render.upscale;

/**
 * Where the centre of a target pixel falls in the source image, in texel units with texel
 * centres at integer positions: {@code s = (x + 0.5) * sourceSize / targetSize - 0.5}, computed
 * in float in this order, as the shaders do.
 */
final class SourceMapping {

    private SourceMapping() {
    }

    static float position(int targetIndex, int sourceSize, int targetSize) {
        return (targetIndex + 0.5f) * sourceSize / targetSize - 0.5f;
    }

    static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
