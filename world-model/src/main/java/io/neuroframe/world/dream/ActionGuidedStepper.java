package io.neuroframe.world.dream;

import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} that strengthens what each action does, as classifier-free guidance does with a prompt:
 * from the same context it predicts the next frame under the player's action and under {@link OasisAction#NONE}
 * (no input), and returns {@code none + scale * (action - none)}. A scale of 1 is the model itself; above 1 the
 * change that the action makes is extrapolated, for a model whose free-running turns fade.
 *
 * <p>A step under {@link OasisAction#NONE} costs one prediction, any other step two. Owns the wrapped stepper;
 * allocates nothing per step.
 */
public final class ActionGuidedStepper extends ForwardingWorldStepper {
    private final float scale;
    private final FloatBuffer withoutAction = FloatBuffer.allocate(ContextRing.FRAME);

    private ActionGuidedStepper(WorldStepper stepper, float scale) {
        super(stepper);
        this.scale = scale;
    }

    /**
     * {@code stepper} guided by {@code scale}: the stepper itself at 1, else an {@code ActionGuidedStepper} that owns
     * it from now on.
     *
     * @param scale how far to carry the action's change, at least 1
     * @throws IllegalArgumentException if {@code scale} is below 1 or not finite
     */
    public static WorldStepper guide(WorldStepper stepper, float scale) {
        return checkScale(scale) == 1f ? stepper : new ActionGuidedStepper(stepper, scale);
    }

    /**
     * Checks a guidance scale before anything is opened with it.
     *
     * @return {@code scale}
     * @throws IllegalArgumentException if it is below 1 or not finite
     */
    public static float checkScale(float scale) {
        if (!(scale >= 1f) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("action guidance must be finite and at least 1, got " + scale);
        }
        return scale;
    }

    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        stepper.predict(action, next);
        if (action.equals(OasisAction.NONE)) {
            return;
        }
        stepper.predict(OasisAction.NONE, withoutAction);
        int at = next.position();
        for (int i = 0; i < ContextRing.FRAME; i++) {
            float none = withoutAction.get(i);
            next.put(at + i, none + scale * (next.get(at + i) - none));
        }
    }

    @Override
    public String describe() {
        return stepper.describe() + ", action guidance " + scale;
    }
}
