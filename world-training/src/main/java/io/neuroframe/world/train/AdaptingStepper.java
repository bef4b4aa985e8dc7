package io.neuroframe.world.train;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.RewritingStepper;
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
public final class AdaptingStepper extends RewritingStepper {
    private final LatentAdapter adapter;

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

    @Override
    protected void rewrite(OasisAction action, FloatBuffer predicted, FloatBuffer out) {
        adapter.apply(predicted, out);
    }

    @Override
    public String describe() {
        return stepper.describe() + ", adapted each step by " + adapter.describe();
    }
}
