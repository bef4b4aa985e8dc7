package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;

/**
 * The floating-point rate a trainer can hope for on this machine: PyTorch multiplying two 1024 x 1024 float matrices
 * on the engine's intra-op threads, the densest work a training step contains. A trainer's GFLOP/s divided by this
 * ceiling says how much of the machine its step uses; the rest goes to small operations, memory traffic and
 * overhead.
 */
public final class GemmCeiling {
    /** Side of the square matrices multiplied. */
    public static final int SIZE = 1024;

    private GemmCeiling() {
    }

    /**
     * Multiplies on {@code engine} for at least {@code duration} after three warm-up products and returns the rate in
     * GFLOP/s (2 n^3 operations per product).
     */
    public static double gflops(Engine engine, Duration duration) {
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(SIZE, SIZE));
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(SIZE, SIZE));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            long start = System.nanoTime();
            long products = 0;
            long elapsed;
            do {
                a.matMul(b).close();
                products++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < duration.toNanos());
            return 2.0 * SIZE * SIZE * SIZE * products / elapsed;
        }
    }
}
