package io.neuroframe.world.model;

import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Oasis's diffusion noise schedule: the sigmoid beta schedule (start -3, end 3, tau 1) over
 * 1000 integer noise levels, from "On the Importance of Noise Scheduling for Diffusion Models"
 * (Chen 2023). Level {@code t} mixes a clean latent {@code x0} and noise {@code e} as
 * {@code sqrt(a[t]) x0 + sqrt(1 - a[t]) e}, where {@code a} is the cumulative product of
 * {@code 1 - beta}; the network predicts {@code v = sqrt(a[t]) e - sqrt(1 - a[t]) x0}.
 */
public final class NoiseSchedule {
    /** Number of noise levels (Oasis's {@code max_noise_level}). */
    public static final int LEVELS = 1000;
    /** Level at which context frames are labelled while sampling (Oasis: stabilization level 15, minus 1). */
    public static final int CONTEXT_LEVEL = 14;

    private static final NoiseSchedule OASIS = new NoiseSchedule();

    private final double[] alphasCumprod = new double[LEVELS];

    private NoiseSchedule() {
        double start = -3;
        double end = 3;
        double vStart = sigmoid(start);
        double vEnd = sigmoid(end);
        double[] curve = new double[LEVELS + 1];
        for (int i = 0; i <= LEVELS; i++) {
            double x = (double) i / LEVELS;
            curve[i] = (-sigmoid(x * (end - start) + start) + vEnd) / (vEnd - vStart);
        }
        double product = 1;
        for (int i = 0; i < LEVELS; i++) {
            double beta = Math.min(Math.max(1 - curve[i + 1] / curve[i], 0), 0.999);
            product *= 1 - beta;
            alphasCumprod[i] = product;
        }
    }

    /** The schedule Oasis trains and samples with. */
    public static NoiseSchedule oasis() {
        return OASIS;
    }

    /** Cumulative signal fraction {@code a[t]} at level {@code t} in [0, 1000). */
    public float alphaCumprod(int level) {
        if (level < 0 || level >= LEVELS) {
            throw new IllegalArgumentException("noise level must be in [0, " + LEVELS + "), got " + level);
        }
        return (float) alphasCumprod[level];
    }

    /**
     * Writes {@code guess} (9216 floats from its position; not moved) noised to {@code level} into {@code x}:
     * {@code sqrt(a[level]) guess + sqrt(1 - a[level]) e}, {@code e} standard normal from {@code random}.
     */
    public void noise(FloatBuffer guess, int level, Random random, float[] x) {
        double a = alphaCumprod(level);
        double signal = Math.sqrt(a);
        double noise = Math.sqrt(1 - a);
        int at = guess.position();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (signal * guess.get(at + i) + noise * random.nextGaussian());
        }
    }

    /**
     * One DDIM step in place: {@code x} at {@code level} becomes the frame at {@code nextLevel} (-1: clean), given
     * the network's v-prediction {@code v} for it ({@code x.length} floats from its position; not moved).
     */
    public void ddimStep(float[] x, FloatBuffer v, int level, int nextLevel) {
        double a = alphaCumprod(level);
        double aNext = nextLevel < 0 ? 1.0 : alphaCumprod(nextLevel);
        double sqrtA = Math.sqrt(a);
        double sqrtOneMinusA = Math.sqrt(1 - a);
        double sqrtInverseMinusOne = Math.sqrt(1 / a - 1);
        double signalNext = Math.sqrt(aNext);
        double noiseNext = Math.sqrt(1 - aNext);
        int at = v.position();
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double x0 = sqrtA * xi - sqrtOneMinusA * v.get(at + i);
            double eps = (xi / sqrtA - x0) / sqrtInverseMinusOne;
            x[i] = (float) (signalNext * x0 + noiseNext * eps);
        }
    }

    /**
     * The noise levels of a DDIM sampler with {@code steps} steps, highest first, as in Oasis's
     * {@code linspace(-1, 999, steps + 1)} truncated to integers; the final entry -1 means "clean".
     */
    public static int[] ddimLevels(int steps) {
        return ddimLevels(steps, LEVELS - 1);
    }

    /**
     * The noise levels of a DDIM sampler that starts at level {@code from} (for example to refine a guess noised to
     * that level): {@code linspace(-1, from, steps + 1)} truncated to integers, highest first, ending at -1 (clean).
     */
    public static int[] ddimLevels(int steps, int from) {
        if (steps < 1) {
            throw new IllegalArgumentException("DDIM steps must be at least 1, got " + steps);
        }
        if (from < 0 || from >= LEVELS) {
            throw new IllegalArgumentException("DDIM start level must be in [0, " + LEVELS + "), got " + from);
        }
        int[] levels = new int[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double v = -1 + (double) (from + 1) * (steps - i) / steps;
            levels[i] = (int) v;
        }
        return levels;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
