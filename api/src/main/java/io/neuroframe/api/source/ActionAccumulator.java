package io.neuroframe.api.source;

import io.neuroframe.api.OasisAction;
import java.nio.FloatBuffer;

/**
 * Collects the player's actions between two world-model steps, the way
 * {@link WorldModelSource#submitAction} asks: a button held in any submitted action counts as
 * held, camera changes add up (clamped to [-1, 1]), and the newest input time is kept. The game
 * thread submits; the source's pull takes. Thread-safe and allocation-free.
 */
public final class ActionAccumulator {
    private final float[] pending = new float[OasisAction.SIZE];
    private boolean hasPending;
    private long inputSampleNanos = LatentFrame.NO_INPUT;

    /** Game thread: merges one action ({@link OasisAction#SIZE} floats from index 0) into the pending one. */
    public synchronized void submit(FloatBuffer action, long inputSampleNanos) {
        if (action.limit() < OasisAction.SIZE) {
            throw new IllegalArgumentException("action: expected " + OasisAction.SIZE + " floats, limit is "
                    + action.limit());
        }
        for (int i = 0; i < OasisAction.SIZE; i++) {
            float v = action.get(i);
            if (i == OasisAction.CAMERA_PITCH || i == OasisAction.CAMERA_YAW) {
                pending[i] = Math.max(-1f, Math.min(1f, pending[i] + v));
            } else {
                pending[i] = Math.max(pending[i], v);
            }
        }
        this.inputSampleNanos = hasPending ? Math.max(this.inputSampleNanos, inputSampleNanos) : inputSampleNanos;
        hasPending = true;
    }

    /**
     * Source thread: moves the merged action into {@code into} (from index 0) and clears it.
     *
     * @return the newest input time of the merged actions, or {@link LatentFrame#NO_INPUT} when no
     *     action was submitted since the last take ({@code into} is then left as it was)
     */
    public synchronized long take(FloatBuffer into) {
        if (!hasPending) {
            return LatentFrame.NO_INPUT;
        }
        for (int i = 0; i < OasisAction.SIZE; i++) {
            into.put(i, pending[i]);
            pending[i] = 0f;
        }
        hasPending = false;
        return inputSampleNanos;
    }
}
