package io.neuroframe.world.train;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.ForwardingWorldStepper;
import io.neuroframe.world.dream.WorldStepper;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} that runs a latent adapter inside the dream loop: each predicted latent goes through the
 * adapter, and the adapted latent is both the step's output and the newest context frame, so the adapter acts on
 * every step the model builds on, not only on what is shown. The reference work's claim that its principle helps
 * long-horizon stability is measured with it ({@code eval-world --adapter}). Allocates nothing per step.
 *
 * <p>Owns the wrapped stepper; the adapter stays the caller's (close it after this stepper).
 */
public final class AdaptingStepper extends ForwardingWorldStepper {
    private final LatentAdapter adapter;
    private final FloatBuffer predicted = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
    private final FloatBuffer adapted = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);

    /**
     * @param stepper the world model; owned by this stepper from now on
     * @param adapter applied to each prediction
     */
    public AdaptingStepper(WorldStepper stepper, LatentAdapter adapter) {
        super(stepper);
        if (adapter == null) {
            throw new IllegalArgumentException("adapter must not be null");
        }
        this.adapter = adapter;
    }

    /** Steps the model, then adapts its prediction; the adapted latent is written and kept as context. */
    @Override
    public void step(OasisAction action, FloatBuffer next) {
        if (next.remaining() < LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException("next: expected " + LatentContract.LATENT_FLOATS
                    + " floats remaining, got " + next.remaining());
        }
        stepper.step(action, predicted.clear());
        adapter.apply(predicted, adapted.clear());
        stepper.replaceNewest(adapted);
        next.put(next.position(), adapted, 0, LatentContract.LATENT_FLOATS);
    }

    @Override
    public String describe() {
        return stepper.describe() + ", adapted each step by " + adapter.describe();
    }
}
