package io.neuroframe.render.upscale;

/**
 * Applies a {@link SeparableKernel} along x into a scratch image of source height and target
 * width, then along y into the target. The shader sums the same products in two dimensions at
 * once; the two orders agree to float rounding. Tap positions and weights are computed once per
 * size pair and reused.
 */
final class SeparableUpscaler implements CpuUpscaler {
    private final SeparableKernel kernel;
    private int sourceWidth;
    private int sourceHeight;
    private int targetWidth;
    private int targetHeight;
    private int[] columnBase;
    private float[] columnWeights;
    private int[] rowBase;
    private float[] rowWeights;
    private float[] rows;

    SeparableUpscaler(SeparableKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void upscale(RgbaImage source, RgbaImage target) {
        prepare(source.width(), source.height(), target.width(), target.height());
        int taps = kernel.taps;
        float[] src = source.data();
        for (int y = 0; y < sourceHeight; y++) {
            int rowStart = y * sourceWidth;
            for (int x = 0; x < targetWidth; x++) {
                float r = 0f;
                float g = 0f;
                float b = 0f;
                float a = 0f;
                for (int k = 0; k < taps; k++) {
                    int sx = clamp(columnBase[x] + k, sourceWidth);
                    float w = columnWeights[x * taps + k];
                    int i = (rowStart + sx) * 4;
                    r += w * src[i];
                    g += w * src[i + 1];
                    b += w * src[i + 2];
                    a += w * src[i + 3];
                }
                int o = (y * targetWidth + x) * 4;
                rows[o] = r;
                rows[o + 1] = g;
                rows[o + 2] = b;
                rows[o + 3] = a;
            }
        }
        float[] dst = target.data();
        for (int y = 0; y < targetHeight; y++) {
            for (int x = 0; x < targetWidth; x++) {
                float r = 0f;
                float g = 0f;
                float b = 0f;
                float a = 0f;
                for (int k = 0; k < taps; k++) {
                    int sy = clamp(rowBase[y] + k, sourceHeight);
                    float w = rowWeights[y * taps + k];
                    int i = (sy * targetWidth + x) * 4;
                    r += w * rows[i];
                    g += w * rows[i + 1];
                    b += w * rows[i + 2];
                    a += w * rows[i + 3];
                }
                int o = (y * targetWidth + x) * 4;
                dst[o] = SourceMapping.clamp01(r);
                dst[o + 1] = SourceMapping.clamp01(g);
                dst[o + 2] = SourceMapping.clamp01(b);
                dst[o + 3] = SourceMapping.clamp01(a);
            }
        }
    }

    private void prepare(int sw, int sh, int tw, int th) {
        if (sw == sourceWidth && sh == sourceHeight && tw == targetWidth && th == targetHeight) {
            return;
        }
        sourceWidth = sw;
        sourceHeight = sh;
        targetWidth = tw;
        targetHeight = th;
        columnBase = new int[tw];
        columnWeights = new float[tw * kernel.taps];
        fillTaps(sw, tw, columnBase, columnWeights);
        rowBase = new int[th];
        rowWeights = new float[th * kernel.taps];
        fillTaps(sh, th, rowBase, rowWeights);
        rows = new float[sh * tw * 4];
    }

    private void fillTaps(int sourceSize, int targetSize, int[] base, float[] weights) {
        float[] w = new float[kernel.taps];
        for (int t = 0; t < targetSize; t++) {
            float s = SourceMapping.position(t, sourceSize, targetSize);
            float i = (float) Math.floor(s);
            kernel.weights(s - i, w);
            base[t] = (int) i + kernel.firstTap;
            System.arraycopy(w, 0, weights, t * kernel.taps, kernel.taps);
        }
    }

    private static int clamp(int i, int size) {
        return i < 0 ? 0 : (i >= size ? size - 1 : i);
    }
}
