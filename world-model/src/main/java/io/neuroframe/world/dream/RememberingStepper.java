package io.neuroframe.world.dream;

import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} with a {@link ViewMemory}: the model moves its frame by whole cells as the camera turns
 * (the fraction carried to the next step, so turning does not blur the scene), every frame of the dream is
 * remembered where the camera looked, and the cells a turn or a look uncovers are taken from what the dream saw there
 * before (else reflected from what stayed in view) before the frame becomes context. Turning away and back then
 * shows the same scene, where a model alone has only its window of a few frames and invents the uncovered edge anew
 * each time.
 *
 * <p>For world models with a view shift ({@code WorldModelConfig#viewShift}), which move their frames the same way.
 * Owns the wrapped stepper; allocates one action per step, the whole-cell one the model is given.
 */
public final class RememberingStepper extends RewritingStepper {
    private final ViewMemory memory;
    private final FloatBuffer prediction = FloatBuffer.allocate(ContextRing.FRAME);

    /**
     * @param stepper the world model; owned by this stepper from now on
     * @throws IllegalArgumentException if the model has no view shift, or too small a one for a panorama
     */
    public RememberingStepper(WorldStepper stepper) {
        super(stepper);
        float viewShift = stepper.config().viewShift();
        if (viewShift == 0) {
            throw new IllegalArgumentException(stepper.config().name() + " has no view shift: a view memory follows the "
                    + "camera as a model with one moves its frames");
        }
        this.memory = new ViewMemory(viewShift);
    }

    @Override
    public void reset(FloatBuffer latent) {
        stepper.reset(latent);
        memory.start(latent);
    }

    /** Appends a known frame, which moved as the camera of {@code action} turned the view; the frame is remembered. */
    @Override
    public void push(FloatBuffer latent, OasisAction action) {
        stepper.push(latent, action);
        memory.move(action);
        memory.remember(latent);
    }

    @Override
    public void replaceNewest(FloatBuffer latent) {
        stepper.replaceNewest(latent);
        memory.remember(latent);
    }

    /** The model's prediction with the uncovered cells filled in, as a step would give it; remembers nothing. */
    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        stepper.predict(memory.wholeCellAction(action), prediction.clear());
        memory.fillUncovered(action, prediction, next);
    }

    /** The action with its camera moving the frame by whole cells ({@link ViewMemory#wholeCellAction}). */
    @Override
    protected OasisAction modelAction(OasisAction action) {
        return memory.wholeCellAction(action);
    }

    @Override
    protected void rewrite(OasisAction action, FloatBuffer predicted, FloatBuffer out) {
        memory.fillUncovered(action, predicted, out);
        memory.move(action);
        memory.remember(out);
    }

    @Override
    public String describe() {
        return stepper.describe() + ", with a view memory";
    }
}
