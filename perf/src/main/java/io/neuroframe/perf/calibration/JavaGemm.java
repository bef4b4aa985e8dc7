package io.neuroframe.perf.calibration;

import java.util.SplittableRandom;

/**
 * A fixed workload that measures how fast this machine runs plain Java arithmetic: a square,
 * cache-blocked float matrix multiply {@code C = A * B} on one thread. Its speed in GFLOP/s is
 * the yardstick that makes frame times from different machines comparable.
 */
public final class JavaGemm {
    private static final int BLOCK = 64;

    private final int n;
    private final float[] a;
    private final float[] b;
    private final float[] c;

    /** Matrices of side {@code n} (a multiple of 64, at least 64) filled deterministically from {@code seed}. */
    public JavaGemm(int n, long seed) {
        if (n < BLOCK || n % BLOCK != 0) {
            throw new IllegalArgumentException("n must be a positive multiple of " + BLOCK + ", got " + n);
        }
        this.n = n;
        this.a = new float[n * n];
        this.b = new float[n * n];
        this.c = new float[n * n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
    }

    /** Side of the matrices. */
    public int size() {
        return n;
    }

    /** Floating-point operations of one {@link #multiply()}: {@code 2 n^3} (a multiply-add counts two). */
    public long flops() {
        return 2L * n * n * n;
    }

    /** Computes {@code C = A * B} and returns one element of it, so the work cannot be optimised away. */
    public float multiply() {
        java.util.Arrays.fill(c, 0f);
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            for (int k0 = 0; k0 < n; k0 += BLOCK) {
                for (int j0 = 0; j0 < n; j0 += BLOCK) {
                    multiplyBlock(i0, k0, j0);
                }
            }
        }
        return c[(n / 2) * n + n / 3];
    }

    private void multiplyBlock(int i0, int k0, int j0) {
        for (int i = i0; i < i0 + BLOCK; i++) {
            int rowC = i * n;
            int rowA = i * n;
            for (int k = k0; k < k0 + BLOCK; k++) {
                float aik = a[rowA + k];
                int rowB = k * n;
                for (int j = j0; j < j0 + BLOCK; j++) {
                    c[rowC + j] += aik * b[rowB + j];
                }
            }
        }
    }
}
