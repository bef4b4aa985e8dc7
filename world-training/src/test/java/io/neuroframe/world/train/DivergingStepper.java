package io.neuroframe.world.train;

import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.ForwardingWorldStepper;
import io.neuroframe.world.dream.WorldStepper;

import java.nio.FloatBuffer;

/**
 * A real stepper whose latent holds a NaN from the {@code from}-th step after each reset on, as a
 * diverged model's does.
 */
final class DivergingStepper extends ForwardingWorldStepper {
    private final int from;
    private int steps;

    DivergingStepper(WorldStepper stepper, int from) {
        super(stepper);
        this.from = from;
    }

    @Override
    public void reset(FloatBuffer latent) {
        steps = 0;
        stepper.reset(latent);
    }

    @Override
    public void step(OasisAction action, FloatBuffer next) {
        stepper.step(action, next);
        if (++steps >= from) {
            next.put(next.position(), Float.NaN);
        }
    }
}
