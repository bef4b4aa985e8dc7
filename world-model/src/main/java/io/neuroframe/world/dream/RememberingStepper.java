package io.neuroframe.world.dream;

import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} whose turns and looks are done by a {@link ViewMemory} instead of the model: the model is
 * stepped without the camera (walking, jumping and every other input as given), then its frame is moved by whole
 * cells as the camera turns (the fraction carried to the next step, so turning never blurs the scene), the cells the
 * move uncovers are taken from what the dream saw there before (else continued from the frame itself), and that
 * frame is remembered and becomes context. Turning away and back then shows the same scene, where a model alone has
 * only its window of a few frames and invents the uncovered edge anew each time.
 *
 * <p>In a still world (one that changes only when the player moves, as the demo's) a step with no input but the
 * camera can also skip the model: the newest frame is kept as it is and only moved, instead of taking the model's
 * small change for "no input", which adds up over a long dream. The model still sees that frame in its context.
 *
 * <p>For world models with a view shift ({@code WorldModelConfig#viewShift}), which say how far the camera moves the
 * scene. Owns the wrapped stepper; allocates one action per step that turns or looks (the same without the camera).
 */
public final class RememberingStepper extends RewritingStepper {
    private final ViewMemory memory;
    private final boolean stillWorld;
    private final FloatBuffer prediction = FloatBuffer.allocate(ContextRing.FRAME);
    private final FloatBuffer newest = FloatBuffer.allocate(ContextRing.FRAME);

    /**
     * @param stepper the world model; owned by this stepper from now on
     * @param stillWorld whether a step with no input but the camera keeps the newest frame instead of stepping the
     *     model (for worlds that change only when the player moves)
     * @throws IllegalArgumentException if the model has no view shift, or too small a one for a panorama
     */
    public RememberingStepper(WorldStepper stepper, boolean stillWorld) {
        super(stepper);
        float viewShift = stepper.config().viewShift();
        if (viewShift == 0) {
            throw new IllegalArgumentException(stepper.config().name() + " has no view shift: a view memory moves the "
                    + "frame by the model's cells per camera unit");
        }
        this.memory = new ViewMemory(viewShift);
        this.stillWorld = stillWorld;
    }

    /**
     * {@code stepper} turned by a view memory when its model has a view shift (a {@code RememberingStepper} that owns
     * it from now on), else {@code stepper} itself: how dream mode runs a model.
     *
     * @param stillWorld as for the constructor
     */
    public static WorldStepper turn(WorldStepper stepper, boolean stillWorld) {
        return stepper.config().viewShift() > 0 ? new RememberingStepper(stepper, stillWorld) : stepper;
    }

    @Override
    public void reset(FloatBuffer latent) {
        stepper.reset(latent);
        memory.start(latent);
        keepNewest(latent);
    }

    /** Appends a known frame that {@code action} led to (the model is told it without the camera); it is remembered. */
    @Override
    public void push(FloatBuffer latent, OasisAction action) {
        stepper.push(latent, withoutCamera(action));
        memory.move(action);
        remember(latent);
    }

    @Override
    public void replaceNewest(FloatBuffer latent) {
        stepper.replaceNewest(latent);
        remember(latent);
    }

    /** The frame a step would give: the model's (or in a still world, without input, the newest), moved and filled in. */
    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        OasisAction modelAction = withoutCamera(action);
        if (keepsFrame(modelAction)) {
            memory.moveFrame(action, newest, next);
            return;
        }
        stepper.predict(modelAction, prediction.clear());
        memory.moveFrame(action, prediction, next);
    }

    /** Steps the model under {@code action} without the camera, or in a still world without input keeps the newest frame. */
    @Override
    protected void stepModel(OasisAction action, FloatBuffer predicted) {
        OasisAction modelAction = withoutCamera(action);
        if (keepsFrame(modelAction)) {
            stepper.push(newest, modelAction);
            predicted.put(0, newest, 0, ContextRing.FRAME);
            return;
        }
        stepper.step(modelAction, predicted);
    }

    @Override
    protected void rewrite(OasisAction action, FloatBuffer predicted, FloatBuffer out) {
        memory.moveFrame(action, predicted, out);
        memory.move(action);
        remember(out);
    }

    @Override
    public String describe() {
        return stepper.describe() + ", turned by a view memory" + (stillWorld ? " in a still world" : "");
    }

    private boolean keepsFrame(OasisAction modelAction) {
        return stillWorld && modelAction.equals(OasisAction.NONE);
    }

    /** Writes {@code latent}, the newest frame now, into the panorama and keeps it. */
    private void remember(FloatBuffer latent) {
        memory.remember(latent);
        keepNewest(latent);
    }

    private void keepNewest(FloatBuffer latent) {
        newest.put(0, latent, latent.position(), ContextRing.FRAME);
    }

    /** {@code action} without the camera, which the memory does; the same object when it has no camera. */
    private static OasisAction withoutCamera(OasisAction action) {
        if (action.get(OasisAction.CAMERA_YAW) == 0 && action.get(OasisAction.CAMERA_PITCH) == 0) {
            return action;
        }
        float[] vector = action.toArray();
        vector[OasisAction.CAMERA_YAW] = 0;
        vector[OasisAction.CAMERA_PITCH] = 0;
        return OasisAction.of(vector);
    }
}
