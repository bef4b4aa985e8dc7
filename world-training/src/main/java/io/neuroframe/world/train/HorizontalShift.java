package io.neuroframe.world.train;

import io.neuroframe.api.LatentContract;

/**
 * How far the scene moved sideways between two decoded frames: the horizontal shift, in pixels of the 640-pixel
 * frame, that best lines the second frame's luminance up with the first's (least mean squared difference over the
 * overlap, at half resolution, refined to a fraction of a pixel by a parabola through the best shift and its
 * neighbours). Positive: the scene moved right, as it does when the view turns left.
 */
public final class HorizontalShift {
    private static final int H = LatentContract.IMAGE_HEIGHT;
    private static final int W = LatentContract.IMAGE_WIDTH;
    private static final int HALF_H = H / 2;
    private static final int HALF_W = W / 2;
    /**
     * Largest shift searched, in full-resolution pixels: the turns measured ({@link TurnResponse}, at most
     * {@value TurnResponse#MAX_YAW_DEGREES} degrees a step) move the demo's view by about 6 pixels a degree; a wider
     * search only adds chances to line up a repeating texture with the wrong copy of itself.
     */
    public static final int MAX_SHIFT = 96;

    private HorizontalShift() {
    }

    /** The shift of {@code to} against {@code from}, planar RGB images of the latent contract, in pixels. */
    public static double estimate(float[] from, float[] to) {
        float[] a = halfLuminance(from);
        float[] b = halfLuminance(to);
        int max = MAX_SHIFT / 2;
        double[] cost = new double[2 * max + 1];
        int best = -max;
        for (int s = -max; s <= max; s++) {
            cost[s + max] = meanSquaredDifference(a, b, s);
            if (cost[s + max] < cost[best + max]) {
                best = s;
            }
        }
        double refined = best;
        if (best > -max && best < max) {
            double left = cost[best + max - 1];
            double centre = cost[best + max];
            double right = cost[best + max + 1];
            double curvature = left - 2 * centre + right;
            if (curvature > 0) {
                refined += 0.5 * (left - right) / curvature;
            }
        }
        return 2 * refined;
    }

    /** Mean squared difference of {@code b} at column {@code x + shift} against {@code a} at {@code x}, over the overlap. */
    private static double meanSquaredDifference(float[] a, float[] b, int shift) {
        int from = Math.max(0, -shift);
        int to = Math.min(HALF_W, HALF_W - shift);
        double sum = 0;
        for (int y = 0; y < HALF_H; y++) {
            int row = y * HALF_W;
            for (int x = from; x < to; x++) {
                double d = a[row + x] - b[row + x + shift];
                sum += d * d;
            }
        }
        return sum / ((double) HALF_H * (to - from));
    }

    /** Rec. 601 luminance averaged over 2 x 2 pixels. */
    private static float[] halfLuminance(float[] image) {
        if (image.length != LatentContract.IMAGE_FLOATS) {
            throw new IllegalArgumentException("expected a planar 3 x " + H + " x " + W + " image (" + LatentContract.IMAGE_FLOATS
                    + " floats), got " + image.length);
        }
        int plane = H * W;
        float[] out = new float[HALF_H * HALF_W];
        for (int y = 0; y < HALF_H; y++) {
            for (int x = 0; x < HALF_W; x++) {
                float sum = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int i = (2 * y + dy) * W + 2 * x + dx;
                        sum += 0.299f * image[i] + 0.587f * image[plane + i] + 0.114f * image[2 * plane + i];
                    }
                }
                out[y * HALF_W + x] = sum / 4;
            }
        }
        return out;
    }
}
