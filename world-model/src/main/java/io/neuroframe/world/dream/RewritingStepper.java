package io.neuroframe.world.dream;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} whose every prediction is rewritten before it becomes context: the rewritten latent is both
 * the step's output and the newest context frame, so the model builds on it. Subclasses say how a latent is
 * rewritten. Allocates nothing per step; owns the wrapped stepper.
 */
public abstract class RewritingStepper extends ForwardingWorldStepper {
    private final FloatBuffer predicted = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
    private final FloatBuffer rewritten = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);

    /** @param stepper the world model; owned by this stepper from now on */
    protected RewritingStepper(WorldStepper stepper) {
        super(stepper);
    }

    /**
     * Writes the rewritten {@code predicted} (9216 floats), the frame {@code action} led to, into {@code out}; both
     * buffers are at position 0.
     */
    protected abstract void rewrite(OasisAction action, FloatBuffer predicted, FloatBuffer out);

    /**
     * Steps the wrapped model for the player's {@code action} and writes its frame into {@code predicted} (at position
     * 0): the model's own step, unless a subclass says otherwise.
     */
    protected void stepModel(OasisAction action, FloatBuffer predicted) {
        stepper.step(action, predicted);
    }

    /** Steps the model, then rewrites its prediction; the rewritten latent is written and kept as context. */
    @Override
    public final void step(OasisAction action, FloatBuffer next) {
        if (next.remaining() < LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException("next: expected " + LatentContract.LATENT_FLOATS
                    + " floats remaining, got " + next.remaining());
        }
        stepModel(action, predicted.clear());
        rewrite(action, predicted, rewritten.clear());
        stepper.replaceNewest(rewritten);
        next.put(next.position(), rewritten, 0, LatentContract.LATENT_FLOATS);
    }
}
