package io.neuroframe.render.upscale;

/**
 * Contrast-adaptive sharpening at unchanged size, the CPU twin of
 * {@code NeuroFrame/Shaders/Upscale/Sharpen.frag}.
 *
 * <p>For pixel {@code c} with its four direct neighbours {@code n, s, e, w} (clamped to the
 * image), let {@code D = n + s + e + w - 4c} per channel. The sharpened value is
 * {@code c - t D = c + 4t (c - mean(n, s, e, w))}, an unsharp mask of strength {@code t}. The
 * strength is {@code sharpness * MAX_STRENGTH}, limited per pixel so that no colour channel leaves
 * the [min, max] range of the five pixels: a channel with {@code D > 0} allows at most
 * {@code (c - min) / D}, one with {@code D < 0} at most {@code (max - c) / -D}, one with
 * {@code |D| < 1e-6} sets no limit, and the smallest limit wins, so all channels share one
 * strength and colours do not shift. Sharpening therefore steepens ramps but never overshoots
 * (no halos); at a local extremum it does nothing. Alpha is passed through.
 */
final class ContrastAdaptiveSharpener implements CpuUpscaler {
    /** Strength at sharpness 1: the detail {@code c - mean} is tripled. */
    static final float MAX_STRENGTH = 0.5f;
    /** Default sharpness in [0, 1]. */
    static final float DEFAULT_SHARPNESS = 0.5f;
    private static final float FLAT = 1e-6f;
    private static final float NO_LIMIT = 1e6f;

    private final float sharpness;
    private final float[] laplacian = new float[3];
    private final float[] centres = new float[3];

    ContrastAdaptiveSharpener(float sharpness) {
        if (!(sharpness >= 0f && sharpness <= 1f)) {
            throw new IllegalArgumentException("sharpness must be in [0, 1], got " + sharpness);
        }
        this.sharpness = sharpness;
    }

    /** Sharpens {@code source} into {@code target}; both must have the same size. */
    @Override
    public void upscale(RgbaImage source, RgbaImage target) {
        if (source.width() != target.width() || source.height() != target.height()) {
            throw new IllegalArgumentException("sharpening keeps the size: source is " + source.width() + "x"
                    + source.height() + ", target " + target.width() + "x" + target.height());
        }
        float[] out = target.data();
        float strength = sharpness * MAX_STRENGTH;
        float[] d = laplacian;
        float[] c = centres;
        for (int y = 0; y < source.height(); y++) {
            for (int x = 0; x < source.width(); x++) {
                float t = strength;
                for (int ch = 0; ch < 3; ch++) {
                    float centre = source.clamped(x, y, ch);
                    float north = source.clamped(x, y - 1, ch);
                    float south = source.clamped(x, y + 1, ch);
                    float west = source.clamped(x - 1, y, ch);
                    float east = source.clamped(x + 1, y, ch);
                    float lo = Math.min(centre, Math.min(Math.min(north, south), Math.min(west, east)));
                    float hi = Math.max(centre, Math.max(Math.max(north, south), Math.max(west, east)));
                    float laplace = north + south + west + east - 4f * centre;
                    float room = laplace >= 0f ? centre - lo : hi - centre;
                    float limit = Math.abs(laplace) >= FLAT ? room / Math.abs(laplace) : NO_LIMIT;
                    t = Math.min(t, limit);
                    d[ch] = laplace;
                    c[ch] = centre;
                }
                int o = (y * source.width() + x) * 4;
                out[o] = SourceMapping.clamp01(c[0] - t * d[0]);
                out[o + 1] = SourceMapping.clamp01(c[1] - t * d[1]);
                out[o + 2] = SourceMapping.clamp01(c[2] - t * d[2]);
                out[o + 3] = source.clamped(x, y, 3);
            }
        }
    }
}
