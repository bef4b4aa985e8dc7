package io.neuroframe.demo.world;

/**
 * Seeded 2D value noise with quintic interpolation, and fractal sums of it. Pure function of the seed and the
 * coordinates, so any chunk can be generated on any thread in any order with the same result.
 */
public final class ValueNoise {
    private final long seed;

    public ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Noise in [-1, 1] at (x, z), one lattice cell per unit. */
    public double at(double x, double z) {
        int x0 = (int) Math.floor(x);
        int z0 = (int) Math.floor(z);
        double fx = fade(x - x0);
        double fz = fade(z - z0);
        double a = lattice(x0, z0);
        double b = lattice(x0 + 1, z0);
        double c = lattice(x0, z0 + 1);
        double d = lattice(x0 + 1, z0 + 1);
        double top = a + (b - a) * fx;
        double bottom = c + (d - c) * fx;
        return top + (bottom - top) * fz;
    }

    /**
     * Fractal sum of {@code octaves} layers, each twice the frequency and half the amplitude of the last,
     * normalised to [-1, 1].
     *
     * @param scale size of the first octave's cells in blocks
     */
    public double fractal(double x, double z, double scale, int octaves) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        double frequency = 1 / scale;
        for (int i = 0; i < octaves; i++) {
            sum += amplitude * at(x * frequency + i * 31.7, z * frequency - i * 17.3);
            norm += amplitude;
            amplitude *= 0.5;
            frequency *= 2;
        }
        return sum / norm;
    }

    /** A well-mixed hash of (x, z) in [0, 1), independent of the noise itself (salted). */
    public double hash01(int x, int z, int salt) {
        return (mix(seed ^ (salt * 0x9E3779B97F4A7C15L) ^ ((long) x * 0x632BE59BD9B4E019L) ^ ((long) z * 0x85157AF5L))
                >>> 11) * 0x1.0p-53;
    }

    private double lattice(int x, int z) {
        return hash01(x, z, 0) * 2 - 1;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
