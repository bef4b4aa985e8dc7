package io.neuroframe.render.upscale;

/**
 * Edge-adaptive interpolation, the CPU twin of {@code NeuroFrame/Shaders/Upscale/EdgeAdaptive.frag}.
 *
 * <p>For a target pixel at source position {@code s}, with {@code i = floor(s)} and
 * {@code f = s - i}, it reads the 4 x 4 texels {@code i - 1 .. i + 2} (clamped to the image) and:
 * <ol>
 *   <li>takes their luma {@code Y = 0.299 R + 0.587 G + 0.114 B} and, at the four inner texels,
 *       the central-difference gradient {@code g = ((Y(x+1) - Y(x-1)) / 2, (Y(y+1) - Y(y-1)) / 2)};</li>
 *   <li>sums the structure tensor {@code J = sum b g g^T} with the bilinear weights {@code b} of
 *       the inner texels at {@code f}, so the estimate varies smoothly between texels;</li>
 *   <li>takes the dominant gradient direction {@code n} (the eigenvector of the larger eigenvalue,
 *       from the half angle of {@code (Jxx - Jyy, 2 Jxy)}) and the anisotropy
 *       {@code A = sqrt((Jxx - Jyy)^2 + 4 Jxy^2) / (Jxx + Jyy + EPSILON)} in [0, 1];
 *       the edge runs along {@code e = (-n.y, n.x)};</li>
 *   <li>weights every texel at offset {@code d} from {@code s} with the Lanczos-2 window
 *       {@code sinc(r) sinc(r / 2)} ({@code r < 2}) of the elliptical distance
 *       {@code r^2 = ((d.e) / (1 + STRETCH A))^2 + (d.n)^2}: the footprint is round in flat or
 *       textured areas and grows along an edge;</li>
 *   <li>divides by the sum of weights and clamps each channel to the range of the four inner
 *       texels, which removes ringing from the negative lobes.</li>
 * </ol>
 */
final class EdgeAdaptiveUpscaler implements CpuUpscaler {
    /** Keeps weak gradients (noise, smooth shading) from counting as edges. */
    static final float EPSILON = 1e-4f;
    /**
     * How much longer the footprint gets along a fully anisotropic edge. Chosen by measurement
     * (UpscaleQualityReport on demo frames, with sharpening): 0.25 beat 0, 0.5, 1 and 2.
     */
    static final float STRETCH = 0.25f;

    private final float[] texels = new float[16 * 4];
    private final float[] luma = new float[16];

    @Override
    public void upscale(RgbaImage source, RgbaImage target) {
        int sw = source.width();
        int sh = source.height();
        int tw = target.width();
        int th = target.height();
        float[] out = target.data();
        for (int y = 0; y < th; y++) {
            float sy = SourceMapping.position(y, sh, th);
            float iy = (float) Math.floor(sy);
            float fy = sy - iy;
            for (int x = 0; x < tw; x++) {
                float sx = SourceMapping.position(x, sw, tw);
                float ix = (float) Math.floor(sx);
                float fx = sx - ix;
                gather(source, (int) ix, (int) iy);
                filter(fx, fy, out, (y * tw + x) * 4);
            }
        }
    }

    private void gather(RgbaImage source, int ix, int iy) {
        for (int j = 0; j < 4; j++) {
            for (int k = 0; k < 4; k++) {
                int t = j * 4 + k;
                for (int c = 0; c < 4; c++) {
                    texels[t * 4 + c] = source.clamped(ix + k - 1, iy + j - 1, c);
                }
                luma[t] = 0.299f * texels[t * 4] + 0.587f * texels[t * 4 + 1] + 0.114f * texels[t * 4 + 2];
            }
        }
    }

    private void filter(float fx, float fy, float[] out, int o) {
        float jxx = 0f;
        float jxy = 0f;
        float jyy = 0f;
        for (int j = 1; j <= 2; j++) {
            for (int k = 1; k <= 2; k++) {
                float gx = 0.5f * (luma[j * 4 + k + 1] - luma[j * 4 + k - 1]);
                float gy = 0.5f * (luma[(j + 1) * 4 + k] - luma[(j - 1) * 4 + k]);
                float b = (k == 1 ? 1f - fx : fx) * (j == 1 ? 1f - fy : fy);
                jxx += b * gx * gx;
                jxy += b * gx * gy;
                jyy += b * gy * gy;
            }
        }
        float diff = jxx - jyy;
        float coherence = (float) Math.sqrt(diff * diff + 4f * jxy * jxy);
        float anisotropy = coherence / (jxx + jyy + EPSILON);
        float nx = 1f;
        float ny = 0f;
        if (coherence > 0f) {
            float cos2 = diff / coherence;
            nx = (float) Math.sqrt(Math.max(0f, 0.5f * (1f + cos2)));
            ny = (float) Math.sqrt(Math.max(0f, 0.5f * (1f - cos2)));
            ny = jxy < 0f ? -ny : ny;
        }
        float along = 1f / (1f + STRETCH * anisotropy);

        float sum = 0f;
        float r = 0f;
        float g = 0f;
        float b = 0f;
        float a = 0f;
        for (int j = 0; j < 4; j++) {
            for (int k = 0; k < 4; k++) {
                float dx = (k - 1) - fx;
                float dy = (j - 1) - fy;
                float u = (dx * -ny + dy * nx) * along;
                float v = dx * nx + dy * ny;
                float w = lanczos2((float) Math.sqrt(u * u + v * v));
                int t = (j * 4 + k) * 4;
                sum += w;
                r += w * texels[t];
                g += w * texels[t + 1];
                b += w * texels[t + 2];
                a += w * texels[t + 3];
            }
        }
        float inverse = 1f / Math.max(sum, 1e-5f);
        out[o] = clampToInner(r * inverse, 0);
        out[o + 1] = clampToInner(g * inverse, 1);
        out[o + 2] = clampToInner(b * inverse, 2);
        out[o + 3] = clampToInner(a * inverse, 3);
    }

    /** Clamps to the range of channel {@code c} over the inner 2 x 2 texels (indices 5, 6, 9, 10). */
    private float clampToInner(float v, int c) {
        float t5 = texels[5 * 4 + c];
        float t6 = texels[6 * 4 + c];
        float t9 = texels[9 * 4 + c];
        float t10 = texels[10 * 4 + c];
        float lo = Math.min(Math.min(t5, t6), Math.min(t9, t10));
        float hi = Math.max(Math.max(t5, t6), Math.max(t9, t10));
        return Math.min(Math.max(v, lo), hi);
    }

    /** The Lanczos-2 window {@code sinc(r) sinc(r / 2)} for {@code r < 2}, else 0. */
    static float lanczos2(float r) {
        return r < 2f ? SeparableKernel.sinc(r) * SeparableKernel.sinc(0.5f * r) : 0f;
    }
}
