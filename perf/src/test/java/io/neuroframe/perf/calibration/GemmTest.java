package io.neuroframe.perf.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both calibration workloads compute the product they claim to, so their GFLOP/s are honest. */
class GemmTest {

    /** Element (row, col) of A * B for row-major n x n matrices. */
    private static double product(float[] a, float[] b, int n, int row, int col) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += (double) a[row * n + k] * b[k * n + col];
        }
        return sum;
    }

    @Test
    void javaGemmComputesTheProductOfItsSeededMatrices() {
        int n = 128;
        SplittableRandom random = new SplittableRandom(9);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
        JavaGemm gemm = new JavaGemm(n, 9);
        assertEquals(product(a, b, n, n / 2, n / 3), gemm.multiply(), 1e-3);
        assertEquals(2L * n * n * n, gemm.flops());
    }

    @Test
    void ortGemmComputesTheProductOfItsSeededMatrices() {
        int n = 96;
        SplittableRandom random = new SplittableRandom(4);
        float[] b = new float[n * n];
        float[] a = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            b[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        try (OrtGemm gemm = new OrtGemm(n, 4)) {
            assertEquals(product(a, b, n, 0, n / 2), gemm.multiply(), 1e-3);
            assertEquals(product(a, b, n, 0, n / 2), gemm.multiply(), 1e-3);
        }
    }

    @Test
    void rejectsSizesTheBlockingCannotTile() {
        assertThrows(IllegalArgumentException.class, () -> new JavaGemm(100, 1));
        assertThrows(IllegalArgumentException.class, () -> new OrtGemm(0, 1));
    }
}
