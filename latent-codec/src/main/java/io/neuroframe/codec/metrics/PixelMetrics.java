package io.neuroframe.codec.metrics;

/**
 * Mean squared error and peak signal-to-noise ratio of images with values in [0, 1].
 *
 * <p>Images are planar float arrays of any shape; both must have the same length. The peak
 * value is 1, so {@code PSNR = 10 log10(1 / MSE)} dB, and identical images have an infinite
 * PSNR.
 */
public final class PixelMetrics {

    private PixelMetrics() {
    }

    /**
     * Mean over all values of {@code (a - b)^2}, accumulated in double.
     *
     * @throws IllegalArgumentException if the lengths differ, are zero, or a value is not finite
     */
    public static double mse(float[] a, float[] b) {
        requireComparable(a, b, a.length);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum / a.length;
    }

    /** PSNR in dB for a peak of 1 from a mean squared error; {@code +Infinity} for an MSE of 0. */
    public static double psnrFromMse(double mse) {
        if (mse < 0 || Double.isNaN(mse)) {
            throw new IllegalArgumentException("mse must be a non-negative number, got " + mse);
        }
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
    }

    /** PSNR in dB of {@code b} against {@code a} for a peak of 1. */
    public static double psnr(float[] a, float[] b) {
        return psnrFromMse(mse(a, b));
    }

    /**
     * Checks that {@code a} and {@code b} both hold {@code expected} finite values.
     *
     * @throws IllegalArgumentException naming the array and index of the first problem
     */
    static void requireComparable(float[] a, float[] b, int expected) {
        if (expected <= 0) {
            throw new IllegalArgumentException("images must not be empty");
        }
        if (a.length != expected || b.length != expected) {
            throw new IllegalArgumentException("images must hold " + expected + " values each, got "
                    + a.length + " and " + b.length);
        }
        for (int i = 0; i < expected; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException("first image holds " + a[i] + " at index " + i);
            }
            if (!Float.isFinite(b[i])) {
                throw new IllegalArgumentException("second image holds " + b[i] + " at index " + i);
            }
        }
    }
}
