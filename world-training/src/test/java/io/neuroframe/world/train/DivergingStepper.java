package io.neuroframe.world.train;

import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.model.WorldModelConfig;

import java.nio.FloatBuffer;

/**
 * A real stepper whose latent holds a NaN from the {@code from}-th step after each reset on, as a
 * diverged model's does.
 */
final class DivergingStepper implements WorldStepper {
    private final WorldStepper stepper;
    private final int from;
    private int steps;

    DivergingStepper(WorldStepper stepper, int from) {
        this.stepper = stepper;
        this.from = from;
    }

    @Override
    public void reset(FloatBuffer latent) {
        steps = 0;
        stepper.reset(latent);
    }

    @Override
    public void push(FloatBuffer latent, OasisAction action) {
        stepper.push(latent, action);
    }

    @Override
    public void replaceNewest(FloatBuffer latent) {
        stepper.replaceNewest(latent);
    }

    @Override
    public int contextSize() {
        return stepper.contextSize();
    }

    @Override
    public void step(OasisAction action, FloatBuffer next) {
        stepper.step(action, next);
        if (++steps >= from) {
            next.put(next.position(), Float.NaN);
        }
    }

    @Override
    public WorldModelConfig config() {
        return stepper.config();
    }

    @Override
    public String describe() {
        return stepper.describe();
    }

    @Override
    public void close() {
        stepper.close();
    }
}
