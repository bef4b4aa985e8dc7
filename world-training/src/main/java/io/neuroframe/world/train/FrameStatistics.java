package io.neuroframe.world.train;

import io.neuroframe.api.LatentContract;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * What {@link CoherenceStatistic} measures on one decoded frame, or the mean of those figures over
 * several frames: mean luminance, RMS contrast, gradient energy, the patch-grid ratio and a joint
 * colour histogram.
 *
 * <p>Frames are planar RGB images of {@link LatentContract#IMAGE_HEIGHT} x
 * {@link LatentContract#IMAGE_WIDTH} with values in [0, 1], as decoders write them. Luminance is
 * Rec. 709 luma of those (display-encoded) values, {@code 0.2126 R + 0.7152 G + 0.0722 B}; every
 * scalar figure is taken on it:
 * <ul>
 *   <li>luminance: its mean;</li>
 *   <li>contrast: its standard deviation over the frame (RMS contrast);</li>
 *   <li>sharpness: gradient energy, the mean squared difference of horizontally adjacent pixels plus that
 *       of vertically adjacent pixels;</li>
 *   <li>patch grid: the mean absolute difference across the seams of the decoder's
 *       {@value LatentContract#PATCH_SIZE}-pixel token grid (between pixel columns {@code 20c - 1} and
 *       {@code 20c}, and rows {@code 20r - 1} and {@code 20r}) divided by the mean absolute difference of
 *       all other adjacent pixel pairs, each plus {@value #GRID_FLOOR_LEVELS}/255 so that a flat frame
 *       scores 1. A frame whose edges fall anywhere scores about 1; tiles that no longer join up score
 *       well above it.</li>
 * </ul>
 * The colour histogram counts pixels in {@value #HISTOGRAM_LEVELS} x {@value #HISTOGRAM_LEVELS} x
 * {@value #HISTOGRAM_LEVELS} RGB bins (red slowest), as shares of the frame that sum to 1.
 *
 * <p>Instances are immutable; {@link #histogram()} returns a copy.
 */
public final class FrameStatistics {
    /** Levels per colour channel of the joint histogram. */
    public static final int HISTOGRAM_LEVELS = 8;
    /** Bins of the joint histogram. */
    public static final int HISTOGRAM_BINS = HISTOGRAM_LEVELS * HISTOGRAM_LEVELS * HISTOGRAM_LEVELS;
    /** The patch-grid ratio's floor, in 8-bit grey levels, added to both of its means. */
    public static final int GRID_FLOOR_LEVELS = 1;
    private static final double GRID_FLOOR = GRID_FLOOR_LEVELS / 255.0;
    private static final int H = LatentContract.IMAGE_HEIGHT;
    private static final int W = LatentContract.IMAGE_WIDTH;
    private static final int PLANE = H * W;
    private static final int PATCH = LatentContract.PATCH_SIZE;

    private final double luminance;
    private final double contrast;
    private final double sharpness;
    private final double patchGrid;
    private final double[] histogram;

    private FrameStatistics(double luminance, double contrast, double sharpness, double patchGrid, double[] histogram) {
        this.luminance = luminance;
        this.contrast = contrast;
        this.sharpness = sharpness;
        this.patchGrid = patchGrid;
        this.histogram = histogram;
    }

    /**
     * Measures one decoded frame.
     *
     * @param image planar RGB, {@link LatentContract#IMAGE_FLOATS} values in [0, 1]
     * @throws IllegalArgumentException if the image has the wrong size or a value that is not finite
     */
    public static FrameStatistics of(float[] image) {
        if (image.length != LatentContract.IMAGE_FLOATS) {
            throw new IllegalArgumentException("frame statistics: expected a " + LatentContract.IMAGE_CHANNELS + " x "
                    + H + " x " + W + " image (" + LatentContract.IMAGE_FLOATS + " values), got " + image.length);
        }
        float[] luma = new float[PLANE];
        double[] histogram = new double[HISTOGRAM_BINS];
        double sum = 0;
        for (int i = 0; i < PLANE; i++) {
            float r = image[i];
            float g = image[PLANE + i];
            float b = image[2 * PLANE + i];
            if (!Float.isFinite(r) || !Float.isFinite(g) || !Float.isFinite(b)) {
                throw new IllegalArgumentException("frame statistics: the image is not finite at pixel (" + i / W + ", "
                        + i % W + ")");
            }
            float y = 0.2126f * r + 0.7152f * g + 0.0722f * b;
            luma[i] = y;
            sum += y;
            histogram[(level(r) * HISTOGRAM_LEVELS + level(g)) * HISTOGRAM_LEVELS + level(b)]++;
        }
        for (int i = 0; i < HISTOGRAM_BINS; i++) {
            histogram[i] /= PLANE;
        }
        double mean = sum / PLANE;
        double variance = 0;
        for (float y : luma) {
            double d = y - mean;
            variance += d * d;
        }
        double[] edges = edges(luma);
        return new FrameStatistics(mean, Math.sqrt(variance / PLANE), edges[0], edges[1], histogram);
    }

    /**
     * Gradient energy and the patch-grid ratio of a luma plane, from the differences of horizontally and
     * vertically adjacent pixels.
     */
    private static double[] edges(float[] luma) {
        double squaresH = 0;
        double squaresV = 0;
        double seamSum = 0;
        double offSum = 0;
        long seamPairs = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                if (x + 1 < W) {
                    double d = luma[p + 1] - luma[p];
                    squaresH += d * d;
                    if ((x + 1) % PATCH == 0) {
                        seamSum += Math.abs(d);
                        seamPairs++;
                    } else {
                        offSum += Math.abs(d);
                    }
                }
                if (y + 1 < H) {
                    double d = luma[p + W] - luma[p];
                    squaresV += d * d;
                    if ((y + 1) % PATCH == 0) {
                        seamSum += Math.abs(d);
                        seamPairs++;
                    } else {
                        offSum += Math.abs(d);
                    }
                }
            }
        }
        long pairs = (long) H * (W - 1) + (long) (H - 1) * W;
        double sharpness = squaresH / ((long) H * (W - 1)) + squaresV / ((long) (H - 1) * W);
        double seam = seamSum / seamPairs;
        double off = offSum / (pairs - seamPairs);
        return new double[] {sharpness, (seam + GRID_FLOOR) / (off + GRID_FLOOR)};
    }

    /**
     * The mean of {@code frames}: each scalar figure is the mean of theirs and the histogram is the mean
     * histogram (the histogram of all their pixels together).
     *
     * @throws IllegalArgumentException if {@code frames} is empty
     */
    public static FrameStatistics mean(Collection<FrameStatistics> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frame statistics: the mean of no frames is undefined");
        }
        double luminance = 0;
        double contrast = 0;
        double sharpness = 0;
        double patchGrid = 0;
        double[] histogram = new double[HISTOGRAM_BINS];
        for (FrameStatistics f : frames) {
            luminance += f.luminance;
            contrast += f.contrast;
            sharpness += f.sharpness;
            patchGrid += f.patchGrid;
            for (int i = 0; i < HISTOGRAM_BINS; i++) {
                histogram[i] += f.histogram[i];
            }
        }
        int n = frames.size();
        for (int i = 0; i < HISTOGRAM_BINS; i++) {
            histogram[i] /= n;
        }
        return new FrameStatistics(luminance / n, contrast / n, sharpness / n, patchGrid / n, histogram);
    }

    /** Mean luminance, in [0, 1]. */
    public double luminance() {
        return luminance;
    }

    /** RMS contrast: the standard deviation of luminance over the frame. */
    public double contrast() {
        return contrast;
    }

    /** Gradient energy of luminance (see the class description). */
    public double sharpness() {
        return sharpness;
    }

    /** The patch-grid ratio: about 1 without a visible token grid, well above 1 with one. */
    public double patchGrid() {
        return patchGrid;
    }

    /** The joint colour histogram, {@value #HISTOGRAM_BINS} shares summing to 1 (a copy). */
    public double[] histogram() {
        return histogram.clone();
    }

    /**
     * Total variation distance between this frame's colour histogram and {@code other}'s: half the sum of
     * the absolute differences of the shares, from 0 (the same colours) to 1 (no colour in common).
     */
    public double histogramDistance(FrameStatistics other) {
        double sum = 0;
        for (int i = 0; i < HISTOGRAM_BINS; i++) {
            sum += Math.abs(histogram[i] - other.histogram[i]);
        }
        return sum / 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FrameStatistics[luminance=%.4f, contrast=%.4f, sharpness=%.6f, "
                + "patchGrid=%.3f, histogram bins used=%d]", luminance, contrast, sharpness, patchGrid,
                Arrays.stream(histogram).filter(v -> v > 0).count());
    }

    private static int level(float value) {
        return Math.max(0, Math.min(HISTOGRAM_LEVELS - 1, (int) (value * HISTOGRAM_LEVELS)));
    }
}
