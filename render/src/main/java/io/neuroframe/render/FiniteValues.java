package io.neuroframe.render;

import java.nio.FloatBuffer;

/** The finiteness check every stage's output passes before the next stage sees it. */
final class FiniteValues {
    private FiniteValues() {
    }

    /** The index of the first NaN or infinity among the first {@code count} floats of {@code buffer}, or -1; allocation-free. */
    static int firstNonFinite(FloatBuffer buffer, int count) {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(buffer.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
