package io.neuroframe.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Direct buffers in the platform's byte order, which native code (ONNX Runtime tensors, OpenGL uploads) reads and
 * writes in place. Made once, when their owner is built, and reused: never per frame.
 */
public final class NativeBuffers {
    private NativeBuffers() {
    }

    /** A direct buffer of {@code count} floats in native order, position 0, limit {@code count}. */
    public static FloatBuffer floats(int count) {
        return bytes(count * Float.BYTES).asFloatBuffer();
    }

    /** A direct buffer of {@code count} bytes in native order. */
    public static ByteBuffer bytes(int count) {
        return ByteBuffer.allocateDirect(count).order(ByteOrder.nativeOrder());
    }
}
