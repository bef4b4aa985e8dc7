package io.neuroframe.codec.metrics;

/**
 * Structural similarity (SSIM) and its multi-scale form (MS-SSIM) of planar images with values
 * in [0, 1], as defined by Wang, Bovik, Sheikh and Simoncelli (2004) and Wang, Simoncelli and
 * Bovik (2003).
 *
 * <p>Choices, all those of the reference implementations:
 * <ul>
 *   <li>Window: 11 x 11 Gaussian, sigma 1.5, normalised to sum 1; statistics are taken only
 *       where the window fits inside the image ("valid" filtering, no padding).</li>
 *   <li>Constants: {@code C1 = (0.01 L)^2}, {@code C2 = (0.03 L)^2} with dynamic range L = 1.</li>
 *   <li>Colour: SSIM is computed on each RGB channel separately and the per-channel means are
 *       averaged (not on luminance), so colour errors count.</li>
 *   <li>MS-SSIM: 5 scales with weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333; the contrast-
 *       structure term at scales 1-4 and the full SSIM at scale 5; between scales a 2 x 2 mean
 *       with the last row or column repeated when a side is odd (360 x 640 becomes 180 x 320,
 *       90 x 160, 45 x 80, then 23 x 40). Terms below zero are clipped to 0 before the
 *       weighted product.</li>
 * </ul>
 */
public final class Ssim {

    /** Side of the Gaussian window. */
    public static final int WINDOW = 11;
    /** Standard deviation of the Gaussian window in pixels. */
    public static final double SIGMA = 1.5;
    /** Weights of the five MS-SSIM scales, finest first. */
    private static final double[] MS_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] KERNEL = gaussianKernel();

    private Ssim() {
    }

    /**
     * Mean SSIM over channels of two planar images {@code (channels, height, width)}.
     *
     * @throws IllegalArgumentException if the sizes disagree, a side is shorter than the window,
     *         or a value is not finite
     */
    public static double ssim(float[] a, float[] b, int channels, int height, int width) {
        check(a, b, channels, height, width, 1);
        double total = 0;
        for (int c = 0; c < channels; c++) {
            total += Statistics.of(channel(a, c, height, width), channel(b, c, height, width), height, width).ssim;
        }
        return total / channels;
    }

    /**
     * Mean MS-SSIM over channels of two planar images {@code (channels, height, width)}.
     *
     * @throws IllegalArgumentException if the sizes disagree, a side is too short for five
     *         scales (the coarsest must still hold the window), or a value is not finite
     */
    public static double msSsim(float[] a, float[] b, int channels, int height, int width) {
        check(a, b, channels, height, width, MS_WEIGHTS.length);
        double total = 0;
        for (int c = 0; c < channels; c++) {
            double[] x = channel(a, c, height, width);
            double[] y = channel(b, c, height, width);
            int h = height;
            int w = width;
            double product = 1;
            for (int scale = 0; scale < MS_WEIGHTS.length; scale++) {
                Statistics s = Statistics.of(x, y, h, w);
                boolean last = scale == MS_WEIGHTS.length - 1;
                double term = Math.max(0, last ? s.ssim : s.contrastStructure);
                product *= Math.pow(term, MS_WEIGHTS[scale]);
                if (!last) {
                    x = halve(x, h, w);
                    y = halve(y, h, w);
                    h = (h + 1) / 2;
                    w = (w + 1) / 2;
                }
            }
            total += product;
        }
        return total / channels;
    }

    private static void check(float[] a, float[] b, int channels, int height, int width, int scales) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + channels + " x " + height
                    + " x " + width);
        }
        PixelMetrics.requireComparable(a, b, channels * height * width);
        int h = height;
        int w = width;
        for (int s = 1; s < scales; s++) {
            h = (h + 1) / 2;
            w = (w + 1) / 2;
        }
        if (h < WINDOW || w < WINDOW) {
            throw new IllegalArgumentException(height + " x " + width + " is too small for " + scales
                    + (scales == 1 ? " scale" : " scales") + " of an " + WINDOW + " x " + WINDOW + " window");
        }
    }

    private static double[] channel(float[] image, int c, int height, int width) {
        double[] out = new double[height * width];
        int base = c * height * width;
        for (int i = 0; i < out.length; i++) {
            out[i] = image[base + i];
        }
        return out;
    }

    /** 2 x 2 mean; an odd last row or column is paired with itself. */
    private static double[] halve(double[] x, int h, int w) {
        int h2 = (h + 1) / 2;
        int w2 = (w + 1) / 2;
        double[] out = new double[h2 * w2];
        for (int i = 0; i < h2; i++) {
            int r0 = 2 * i;
            int r1 = Math.min(2 * i + 1, h - 1);
            for (int j = 0; j < w2; j++) {
                int c0 = 2 * j;
                int c1 = Math.min(2 * j + 1, w - 1);
                out[i * w2 + j] = (x[r0 * w + c0] + x[r0 * w + c1] + x[r1 * w + c0] + x[r1 * w + c1]) / 4;
            }
        }
        return out;
    }

    private static double[] gaussianKernel() {
        double[] k = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - (WINDOW - 1) / 2.0;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Separable "valid" Gaussian filtering: output is {@code (h - 10) x (w - 10)}. */
    private static double[] filter(double[] x, int h, int w) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[h * ow];
        for (int r = 0; r < h; r++) {
            for (int j = 0; j < ow; j++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * x[r * w + j + k];
                }
                rows[r * ow + j] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int i = 0; i < oh; i++) {
            for (int k = 0; k < WINDOW; k++) {
                double g = KERNEL[k];
                int src = (i + k) * ow;
                for (int j = 0; j < ow; j++) {
                    out[i * ow + j] += g * rows[src + j];
                }
            }
        }
        return out;
    }

    /** Means over the valid window positions of the SSIM map and of its contrast-structure term. */
    private record Statistics(double ssim, double contrastStructure) {

        static Statistics of(double[] x, double[] y, int h, int w) {
            int n = x.length;
            double[] xx = new double[n];
            double[] yy = new double[n];
            double[] xy = new double[n];
            for (int i = 0; i < n; i++) {
                xx[i] = x[i] * x[i];
                yy[i] = y[i] * y[i];
                xy[i] = x[i] * y[i];
            }
            double[] muX = filter(x, h, w);
            double[] muY = filter(y, h, w);
            double[] eXX = filter(xx, h, w);
            double[] eYY = filter(yy, h, w);
            double[] eXY = filter(xy, h, w);
            double ssimSum = 0;
            double csSum = 0;
            for (int i = 0; i < muX.length; i++) {
                double mx = muX[i];
                double my = muY[i];
                double varX = eXX[i] - mx * mx;
                double varY = eYY[i] - my * my;
                double cov = eXY[i] - mx * my;
                double cs = (2 * cov + C2) / (varX + varY + C2);
                csSum += cs;
                ssimSum += (2 * mx * my + C1) / (mx * mx + my * my + C1) * cs;
            }
            return new Statistics(ssimSum / muX.length, csSum / muX.length);
        }
    }
}
