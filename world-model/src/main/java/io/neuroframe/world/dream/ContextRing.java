package io.neuroframe.world.dream;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;

/**
 * The context a {@link WorldStepper} keeps: the last {@code capacity} latents, oldest first, each
 * with the action that led to it. Slots are arrays made once and rotated, so nothing is allocated
 * per step.
 */
public final class ContextRing {
    public static final int FRAME = LatentContract.LATENT_FLOATS;

    private final float[][] latents;
    private final float[][] actions;
    private int size;

    public ContextRing(int capacity) {
        this.latents = new float[capacity][FRAME];
        this.actions = new float[capacity][OasisAction.SIZE];
    }

    /** Frames held now. */
    public int size() {
        return size;
    }

    /** The latent of frame {@code index} (0 is the oldest). */
    public float[] latent(int index) {
        return latents[index];
    }

    /** The action that led to frame {@code index}. */
    public float[] action(int index) {
        return actions[index];
    }

    /** The newest latent. */
    public float[] newest() {
        return latents[size - 1];
    }

    public void clear() {
        size = 0;
    }

    /** Starts over from {@code latent} alone, reached by no action. */
    public void reset(FloatBuffer latent) {
        clear();
        push(latent, OasisAction.NONE);
    }

    /**
     * Checks that a step can run: there is a context, and {@code next} has room for a latent.
     *
     * @throws IllegalStateException if the ring is empty
     * @throws IllegalArgumentException if {@code next} has fewer than 9216 floats remaining
     */
    public void checkStep(FloatBuffer next) {
        if (size == 0) {
            throw new IllegalStateException("no context: call reset(latent) with a starting frame first");
        }
        if (next.remaining() < FRAME) {
            throw new IllegalArgumentException("next: expected " + FRAME + " floats remaining, got " + next.remaining());
        }
    }

    /** Appends 9216 floats from {@code latent}'s position (not moved), reached by {@code action}. */
    public void push(FloatBuffer latent, OasisAction action) {
        if (latent.remaining() < FRAME) {
            throw new IllegalArgumentException("latent: expected " + FRAME + " floats remaining, got " + latent.remaining());
        }
        latent.get(latent.position(), nextSlot(), 0, FRAME);
        action.copyTo(actions[size - 1], 0);
    }

    /**
     * Overwrites the newest latent with 9216 floats from {@code latent}'s position (not moved), keeping the action
     * that led to it.
     *
     * @throws IllegalStateException if the ring is empty
     */
    public void replaceNewest(FloatBuffer latent) {
        if (size == 0) {
            throw new IllegalStateException("no context: call reset(latent) with a starting frame first");
        }
        if (latent.remaining() < FRAME) {
            throw new IllegalArgumentException("latent: expected " + FRAME + " floats remaining, got " + latent.remaining());
        }
        latent.get(latent.position(), latents[size - 1], 0, FRAME);
    }

    /** Appends {@code latent} (9216 floats), reached by {@code action}. */
    public void push(float[] latent, OasisAction action) {
        System.arraycopy(latent, 0, nextSlot(), 0, FRAME);
        action.copyTo(actions[size - 1], 0);
    }

    /**
     * Fills the window of a direct step from the buffers' positions (moved past what is written): the held latents,
     * oldest first, and for each frame the action that leads away from it (the next frame's action, then {@code
     * next} for the newest).
     */
    public void fillDirectWindow(FloatBuffer windowLatents, FloatBuffer windowActions, OasisAction next) {
        for (int f = 0; f < size; f++) {
            windowLatents.put(latents[f]);
            if (f + 1 < size) {
                windowActions.put(actions[f + 1]);
            }
        }
        next.copyTo(windowActions);
    }

    /** The slot for a new newest frame, dropping the oldest when full. */
    private float[] nextSlot() {
        if (size == latents.length) {
            float[] oldestLatent = latents[0];
            float[] oldestAction = actions[0];
            System.arraycopy(latents, 1, latents, 0, size - 1);
            System.arraycopy(actions, 1, actions, 0, size - 1);
            latents[size - 1] = oldestLatent;
            actions[size - 1] = oldestAction;
        } else {
            size++;
        }
        return latents[size - 1];
    }
}
