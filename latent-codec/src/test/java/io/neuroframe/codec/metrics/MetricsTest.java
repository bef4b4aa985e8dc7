package io.neuroframe.codec.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    private static final int H = 360;
    private static final int W = 640;

    /** Test pictures, also built by the numpy check that produced the expected numbers below. */
    private static float[][] pictures(int h, int w) {
        float[] a = new float[3 * h * w];
        float[] noisy = new float[a.length];
        float[] faded = new float[a.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (c * h + y) * w + x;
                    a[i] = (float) (0.5 + 0.35 * Math.sin(0.07 * x + 0.11 * y + c) * Math.cos(0.031 * x - 0.05 * y * (c + 1)));
                    noisy[i] = (float) Math.max(0, Math.min(1, a[i] + 0.1 * Math.sin(x * 1.37 + y * 2.11 + c * 0.7)));
                    faded[i] = (float) (0.8 * a[i] + 0.1);
                }
            }
        }
        return new float[][] {a, noisy, faded};
    }

    @Test
    void identicalImagesArePerfect() {
        float[] a = pictures(H, W)[0];
        assertEquals(0.0, PixelMetrics.mse(a, a.clone()));
        assertEquals(Double.POSITIVE_INFINITY, PixelMetrics.psnr(a, a.clone()));
        assertEquals(1.0, Ssim.ssim(a, a.clone(), 3, H, W), 1e-12);
        assertEquals(1.0, Ssim.msSsim(a, a.clone(), 3, H, W), 1e-12);
    }

    @Test
    void psnrFollowsItsDefinition() {
        float[] black = new float[100];
        float[] grey = new float[100];
        Arrays.fill(grey, 0.1f);
        assertEquals(0.1f * 0.1f, PixelMetrics.mse(black, grey), 1e-9);
        assertEquals(20.0, PixelMetrics.psnr(black, grey), 1e-6);
        assertEquals(30.0, PixelMetrics.psnrFromMse(0.001), 1e-12);
        assertEquals(40.0, PixelMetrics.psnrFromMse(1e-4), 1e-12);
    }

    @Test
    void constantImagesWithAnOffsetGiveTheLuminanceTermAlone() {
        // Flat images have no variance, so the contrast-structure term is C2/C2 = 1 and
        // SSIM = (2 a b + C1) / (a^2 + b^2 + C1) with C1 = 1e-4.
        float[] a = new float[20 * 20];
        float[] b = new float[20 * 20];
        Arrays.fill(a, 0.3f);
        Arrays.fill(b, 0.5f);
        double fa = 0.3f;
        double fb = 0.5f;
        double expected = (2 * fa * fb + 1e-4) / (fa * fa + fb * fb + 1e-4);
        assertEquals(expected, Ssim.ssim(a, b, 1, 20, 20), 1e-12);
        assertEquals(0.8823875, expected, 1e-7);
    }

    @Test
    void matchesAnIndependentImplementation() {
        // Expected values from a separate numpy/scipy implementation (scipy.signal.convolve2d
        // 'valid' with the normalised 11x11 Gaussian, per-channel mean, MS-SSIM with 2x2 mean
        // pooling repeating the odd edge) run once on the same float32 pictures.
        float[][] p = pictures(H, W);
        assertEquals(0.004999998401042172, PixelMetrics.mse(p[0], p[1]), 1e-12);
        assertEquals(23.0103, PixelMetrics.psnr(p[0], p[1]), 1e-4);
        assertEquals(0.4525913714111562, Ssim.ssim(p[0], p[1], 3, H, W), 1e-8);
        assertEquals(0.9467511438924484, Ssim.msSsim(p[0], p[1], 3, H, W), 1e-8);
        assertEquals(0.9782685198853575, Ssim.ssim(p[0], p[2], 3, H, W), 1e-8);
        assertEquals(0.9771488970487391, Ssim.msSsim(p[0], p[2], 3, H, W), 1e-8);
        float[][] small = pictures(40, 50);
        assertEquals(0.4615876224235384, Ssim.ssim(small[0], small[1], 3, 40, 50), 1e-8);
    }

    @Test
    void ssimIsSymmetricAndFallsWithDistortion() {
        float[][] p = pictures(60, 80);
        double forward = Ssim.ssim(p[0], p[1], 3, 60, 80);
        assertEquals(forward, Ssim.ssim(p[1], p[0], 3, 60, 80), 1e-12);
        float[] worse = p[0].clone();
        for (int i = 0; i < worse.length; i++) {
            worse[i] = Math.max(0, Math.min(1, p[0][i] + 2 * (p[1][i] - p[0][i])));
        }
        assertTrue(Ssim.ssim(p[0], worse, 3, 60, 80) < forward);
    }

    @Test
    void rejectsMismatchedOrBadInput() {
        float[] a = new float[3 * 20 * 20];
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Ssim.ssim(a, new float[10], 3, 20, 20));
        assertTrue(size.getMessage().contains("1200 values each"), size.getMessage());
        float[] nan = a.clone();
        nan[7] = Float.NaN;
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PixelMetrics.mse(a, nan));
        assertTrue(bad.getMessage().contains("second image holds NaN at index 7"), bad.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Ssim.msSsim(a, a, 3, 20, 20));
        assertTrue(small.getMessage().contains("too small for 5 scales"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ssim.ssim(new float[10 * 10], new float[10 * 10], 1, 10, 10));
    }
}
