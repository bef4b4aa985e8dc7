package io.neuroframe.world.dream;

import io.neuroframe.api.OasisAction;
import io.neuroframe.world.model.WorldModelConfig;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} that hands every call to another one: the base of steppers that change one or two calls
 * (for example one that passes each prediction through the codec) and leave the rest alone. Closing it closes the
 * stepper it wraps.
 */
public abstract class ForwardingWorldStepper implements WorldStepper {
    /** The stepper every call goes to unless a subclass overrides it. */
    protected final WorldStepper stepper;

    /** @param stepper the stepper to forward to; owned by this one from now on */
    protected ForwardingWorldStepper(WorldStepper stepper) {
        if (stepper == null) {
            throw new IllegalArgumentException("stepper must not be null");
        }
        this.stepper = stepper;
    }

    @Override
    public void reset(FloatBuffer latent) {
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
    public void predict(OasisAction action, FloatBuffer next) {
        stepper.predict(action, next);
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
