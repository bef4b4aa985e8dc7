package io.neuroframe.api.source;

import java.nio.FloatBuffer;

/**
 * A latent source driven by the player: a world model that predicts the next latent frame from
 * its context and the player's action.
 *
 * <p>The game thread calls {@link #submitAction} once per game tick; the pipeline's latent worker
 * calls {@link #pull}, which steps the model when an action is waiting and returns
 * {@link Pull#NONE_READY} when none is. The pulled {@link LatentFrame} carries the action used
 * and its input sampling time, so the pipeline can measure motion-to-photon latency.
 */
public interface WorldModelSource extends LatentSource {

    /**
     * Hands over the player's action for the next step. Called from the game thread; copies the
     * values and returns at once, allocating nothing. If several actions arrive before the next
     * step, the implementation merges them (buttons held in any of them count as held; camera
     * changes add up, clamped to [-1, 1]) and keeps the newest input time; {@link ActionAccumulator}
     * does exactly that.
     *
     * @param action {@link io.neuroframe.api.OasisAction#SIZE} floats in the Oasis layout, from index 0
     * @param inputSampleNanos when the input was sampled, on the pipeline's time source
     */
    void submitAction(FloatBuffer action, long inputSampleNanos);
}
