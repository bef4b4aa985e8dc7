package io.neuroframe.world.train;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.ForwardingWorldStepper;
import io.neuroframe.world.dream.WorldStepper;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} that runs a latent adapter on what is shown only: each step's output is the adapted
 * prediction, while the model keeps its own prediction as context, as the plugin's frame path adapts the latents it
 * decodes without feeding them back. The counterpart of {@link AdaptingStepper}, whose adapted latents become context
 * ({@code eval-world --adapter FILE --adapter-on shown}). Allocates nothing per step.
 *
 * <p>Owns the wrapped stepper; the adapter stays the caller's (close it after this stepper).
 */
public final class ShownAdaptingStepper extends ForwardingWorldStepper {
    private final LatentAdapter adapter;
    private final FloatBuffer predicted = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
    private final FloatBuffer adapted = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);

    /**
     * @param stepper the world model; owned by this stepper from now on
     * @param adapter applied to each output
     */
    public ShownAdaptingStepper(WorldStepper stepper, LatentAdapter adapter) {
        super(stepper);
        if (adapter == null) {
            throw new IllegalArgumentException("adapter must not be null");
        }
        this.adapter = adapter;
    }

    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        stepper.predict(action, predicted.clear());
        show(next);
    }

    /** Steps the model, which keeps its own prediction as context, and writes the adapted prediction. */
    @Override
    public void step(OasisAction action, FloatBuffer next) {
        stepper.step(action, predicted.clear());
        show(next);
    }

    /** Writes the adapted prediction into {@code next} from its position, which does not move. */
    private void show(FloatBuffer next) {
        adapter.apply(predicted, adapted.clear());
        next.put(next.position(), adapted, 0, LatentContract.LATENT_FLOATS);
    }

    @Override
    public String describe() {
        return stepper.describe() + ", shown adapted by " + adapter.describe();
    }
}
