package io.neuroframe.codec.reference;

/**
 * The exact GELU of PyTorch's {@code nn.GELU()}: {@code x * (1 + erf(x / sqrt(2))) / 2}, with an
 * {@link #erf} accurate to better than 1e-7 absolute (about 1e-15 in practice).
 */
final class Gelu {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_TWO = 1 / Math.sqrt(2);
    /** Below this |x| the Maclaurin series is used; above it the continued fraction of erfc. */
    private static final double SERIES_LIMIT = 2.5;
    /** Beyond this |x|, erf is +-1 to within double precision. */
    private static final double SATURATION = 6;
    private static final int CONTINUED_FRACTION_TERMS = 60;

    private Gelu() {
    }

    /** GELU of every value of {@code x[from .. to)}, in place. */
    static void applyInPlace(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            x[i] = (float) (0.5 * v * (1 + erf(v * ONE_OVER_SQRT_TWO)));
        }
    }

    /**
     * The error function. For |x| < 2.5 the alternating Maclaurin series
     * {@code 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))} (its largest term stays below 20,
     * so cancellation costs under 1e-14); beyond, {@code 1 - erfc(x)} with erfc from its
     * continued fraction {@code exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))}
     * evaluated from the back over 60 terms.
     */
    static double erf(double x) {
        double a = Math.abs(x);
        double result;
        if (a < SERIES_LIMIT) {
            double x2 = a * a;
            double term = a;
            double sum = a;
            for (int n = 1; n < 60; n++) {
                term *= -x2 / n;
                double contribution = term / (2 * n + 1);
                sum += contribution;
                if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            result = TWO_OVER_SQRT_PI * sum;
        } else if (a < SATURATION) {
            double tail = 0;
            for (int k = CONTINUED_FRACTION_TERMS; k >= 1; k--) {
                tail = (k / 2.0) / (a + tail);
            }
            result = 1 - Math.exp(-a * a) * ONE_OVER_SQRT_PI / (a + tail);
        } else {
            result = 1;
        }
        return x < 0 ? -result : result;
    }
}
