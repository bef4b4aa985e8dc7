package io.neuroframe.codec.weights;

import java.util.Arrays;

/**
 * A named float tensor held in memory, row-major.
 *
 * @param name tensor name, e.g. {@code decoder.0.attn.qkv.weight}
 * @param shape dimensions, outermost first
 * @param data {@code product(shape)} floats
 */
public record Tensor(String name, int[] shape, float[] data) {

    public Tensor {
        long size = elementCount(shape);
        if (size != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + size
                    + " values but data has " + data.length);
        }
    }

    /** Number of elements a tensor of {@code shape} holds. */
    public static long elementCount(int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
        }
        return size;
    }
}
