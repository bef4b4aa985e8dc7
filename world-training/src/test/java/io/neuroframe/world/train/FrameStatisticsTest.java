package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.Test;

class FrameStatisticsTest {
    private static final int H = LatentContract.IMAGE_HEIGHT;
    private static final int W = LatentContract.IMAGE_WIDTH;

    /** A grey image whose value at (y, x) is {@code value.applyAsInt(y, x)} / 255. */
    static float[] grey(IntBinaryOperator value) {
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    image[LatentContract.imageIndex(c, y, x)] = value.applyAsInt(y, x) / 255f;
                }
            }
        }
        return image;
    }

    /** Tiles of {@code size} pixels alternating between two greys, the first tile starting at {@code offset}. */
    static float[] checkerboard(int size, int offset) {
        return grey((y, x) -> (Math.floorDiv(y - offset, size) + Math.floorDiv(x - offset, size)) % 2 == 0 ? 60 : 140);
    }

    /** Slow sinusoids: no edges anywhere. */
    static float[] smooth() {
        return grey((y, x) -> (int) Math.round(100 + 60 * Math.sin(x / 53.0) * Math.cos(y / 71.0)));
    }

    @Test
    void aCheckerboardOnTheTokenGridScoresHighAndASmoothImageAboutOne() {
        double onGrid = FrameStatistics.of(checkerboard(LatentContract.PATCH_SIZE, 0)).patchGrid();
        double smooth = FrameStatistics.of(smooth()).patchGrid();
        double offGrid = FrameStatistics.of(checkerboard(LatentContract.PATCH_SIZE, LatentContract.PATCH_SIZE / 2)).patchGrid();
        assertTrue(onGrid > 50, "tiles that meet at the decoder's seams: " + onGrid);
        assertEquals(1, smooth, 0.1, "no seams in a smooth image");
        assertTrue(offGrid < 0.5, "the same tiles between the seams are not a patch grid: " + offGrid);
        assertEquals(1, FrameStatistics.of(grey((y, x) -> 90)).patchGrid(), 1e-9, "a flat frame scores 1");
    }

    @Test
    void blurringLowersTheGradientEnergy() {
        Random random = new Random(3);
        int[][] noise = new int[H][W];
        for (int[] row : noise) {
            Arrays.setAll(row, i -> random.nextInt(256));
        }
        float[] sharp = grey((y, x) -> noise[y][x]);
        float[] blurred = grey((y, x) -> {
            int sum = 0;
            int n = 0;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    int yy = Math.min(H - 1, Math.max(0, y + dy));
                    int xx = Math.min(W - 1, Math.max(0, x + dx));
                    sum += noise[yy][xx];
                    n++;
                }
            }
            return sum / n;
        });
        FrameStatistics a = FrameStatistics.of(sharp);
        FrameStatistics b = FrameStatistics.of(blurred);
        assertTrue(b.sharpness() < a.sharpness() / 5, "blurred " + b + " against sharp " + a);
        assertTrue(b.contrast() < a.contrast(), "a blur also lowers the contrast of noise");
        assertEquals(a.luminance(), b.luminance(), 0.01, "but keeps its mean");
    }

    @Test
    void luminanceContrastAndHistogramOfKnownImages() {
        FrameStatistics flat = FrameStatistics.of(grey((y, x) -> 51));
        assertEquals(0.2, flat.luminance(), 1e-6);
        assertEquals(0, flat.contrast(), 1e-6);
        assertEquals(0, flat.sharpness(), 1e-12);
        FrameStatistics halves = FrameStatistics.of(grey((y, x) -> x < W / 2 ? 0 : 255));
        assertEquals(0.5, halves.luminance(), 1e-6);
        assertEquals(0.5, halves.contrast(), 1e-6, "half black, half white: RMS contrast 0.5");
        assertEquals(1, Arrays.stream(halves.histogram()).sum(), 1e-9);
        assertEquals(1, flat.histogramDistance(halves), 1e-9, "the grey shares no bin with black or white");
        FrameStatistics black = FrameStatistics.of(grey((y, x) -> 0));
        assertEquals(0.5, black.histogramDistance(halves), 1e-9, "half of the halves' pixels are in black's bin");

        float[] red = new float[LatentContract.IMAGE_FLOATS];
        Arrays.fill(red, 0, H * W, 1f);
        FrameStatistics redStats = FrameStatistics.of(red);
        assertEquals(0.2126, redStats.luminance(), 1e-4, "Rec. 709 weight of red");
        assertEquals(1, redStats.histogramDistance(flat), 1e-9, "no colour in common");
        assertEquals(0, redStats.histogramDistance(redStats), 0);
    }

    @Test
    void theMeanOfFramesAveragesEveryFigure() {
        FrameStatistics dark = FrameStatistics.of(grey((y, x) -> 0));
        FrameStatistics light = FrameStatistics.of(grey((y, x) -> 255));
        FrameStatistics mean = FrameStatistics.mean(List.of(dark, light));
        assertEquals(0.5, mean.luminance(), 1e-9);
        assertEquals(0.5, mean.histogramDistance(dark), 1e-9, "half of the mean's pixels are in the dark frame's bin");
        assertThrows(IllegalArgumentException.class, () -> FrameStatistics.mean(List.of()));
    }

    @Test
    void aNonFiniteOrMisshapedImageIsRefusedWithThePixelNamed() {
        float[] image = grey((y, x) -> 10);
        image[LatentContract.imageIndex(1, 3, 7)] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameStatistics.of(image));
        assertEquals("frame statistics: the image is not finite at pixel (3, 7)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrameStatistics.of(new float[12]));
        assertTrue(e.getMessage().contains("got 12"), e.getMessage());
    }
}
