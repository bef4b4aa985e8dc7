package io.neuroframe.codec.safetensors;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it.
 *
 * @param name tensor name
 * @param dtype element type
 * @param shape dimensions, outermost first
 * @param begin first byte of the data, counted from the start of the data section
 * @param end one past the last byte of the data, counted from the start of the data section
 */
public record SafetensorsEntry(String name, SafetensorsDtype dtype, int[] shape, long begin, long end) {

    /** Number of elements. */
    public long elementCount() {
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        return count;
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
