package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neuroframe.api.LatentContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HorizontalShiftTest {
    private static final int H = LatentContract.IMAGE_HEIGHT;
    private static final int W = LatentContract.IMAGE_WIDTH;

    /** A textured scene (value noise, no repeating pattern) whose content appears {@code offset} pixels to the right. */
    private static float[] view(double offset) {
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double u = x - offset;
                    double v = 0.6 * noise(u / 16, y / 16.0, c) + 0.4 * noise(u / 5, y / 5.0, c + 3);
                    image[c * H * W + y * W + x] = (float) v;
                }
            }
        }
        return image;
    }

    /** Bilinear interpolation of random values on the integer lattice, in [0, 1]. */
    private static double noise(double x, double y, int layer) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = lattice(x0, y0, layer) * (1 - fx) + lattice(x0 + 1, y0, layer) * fx;
        double bottom = lattice(x0, y0 + 1, layer) * (1 - fx) + lattice(x0 + 1, y0 + 1, layer) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double lattice(int x, int y, int layer) {
        return new SplittableRandom(((long) x * 73_856_093L) ^ ((long) y * 19_349_663L) ^ ((long) layer * 83_492_791L))
                .nextDouble();
    }

    @Test
    void findsTheSceneShiftToAFractionOfAPixelInBothDirections() {
        float[] from = view(0);
        assertEquals(13.0, HorizontalShift.estimate(from, view(13)), 0.5);
        assertEquals(-37.5, HorizontalShift.estimate(from, view(-37.5)), 0.5);
        assertEquals(-4.0, HorizontalShift.estimate(from, view(-4)), 0.5);
        assertEquals(0.0, HorizontalShift.estimate(from, from), 1e-9);
    }

    @Test
    void refusesAnImageOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HorizontalShift.estimate(new float[12], view(0)));
        assertEquals(true, e.getMessage().contains("got 12"), e.getMessage());
    }
}
