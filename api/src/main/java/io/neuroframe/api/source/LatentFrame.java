package io.neuroframe.api.source;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import java.nio.FloatBuffer;

/**
 * One latent frame as a {@link LatentSource} hands it over: the scaled latent
 * ({@link LatentContract#LATENT_FLOATS} floats), the action that led to it (Oasis layout,
 * {@link OasisAction#SIZE} floats, all 0 when unknown) and when the player input behind it was
 * sampled, for motion-to-photon latency, with the times of work done for it before the pull (a
 * world-model step, the engine's read-back). The pipeline owns one and reuses it for every pull;
 * buffers are direct and in native order.
 */
public final class LatentFrame {
    /** Value of {@link #inputSampleNanos()} when no player input is behind the frame (replays, tests). */
    public static final long NO_INPUT = Long.MIN_VALUE;

    private final FloatBuffer latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
    private final FloatBuffer action = NativeBuffers.floats(OasisAction.SIZE);
    private long inputSampleNanos = NO_INPUT;
    private long worldStepStartNanos = NO_INPUT;
    private long worldStepEndNanos = NO_INPUT;
    private final ReadbackTimes readback = new ReadbackTimes();

    /**
     * The latent to fill: write exactly {@link LatentContract#LATENT_FLOATS} floats with relative
     * puts from position 0, so the position ends at {@code LATENT_FLOATS}. The pipeline rejects a
     * frame whose position ends elsewhere as wrongly shaped.
     */
    public FloatBuffer latent() {
        return latent;
    }

    /** The action vector, {@link OasisAction#SIZE} floats from index 0 (absolute access). */
    public FloatBuffer action() {
        return action;
    }

    /** When the player input behind this frame was sampled (on the pipeline's time source), or {@link #NO_INPUT}. */
    public long inputSampleNanos() {
        return inputSampleNanos;
    }

    /** Sets when the player input behind this frame was sampled, on the pipeline's time source. */
    public void setInputSampleNanos(long nanos) {
        this.inputSampleNanos = nanos;
    }

    /**
     * Reports that the latent was made by a world-model step that ran from {@code startNanos} to
     * {@code endNanos} on the source's own thread (pipeline time source); the pipeline records it as
     * the pipeline's world-step stage.
     */
    public void setWorldStep(long startNanos, long endNanos) {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("world step: end " + endNanos + " is before start " + startNanos);
        }
        this.worldStepStartNanos = startNanos;
        this.worldStepEndNanos = endNanos;
    }

    /** Whether the source reported a world-model step with this frame. */
    public boolean hasWorldStep() {
        return worldStepStartNanos != NO_INPUT;
    }

    /** Start of the reported world-model step, or {@link #NO_INPUT}. */
    public long worldStepStartNanos() {
        return worldStepStartNanos;
    }

    /** End of the reported world-model step, or {@link #NO_INPUT}. */
    public long worldStepEndNanos() {
        return worldStepEndNanos;
    }

    /**
     * Reports how the engine image behind this latent was read back: the read-back and the resampling
     * into the encoder's input, as {@link RenderHandoff.RenderedImage} carries them (pipeline time
     * source); the pipeline records them as its read-back and resample stages.
     */
    public void setReadback(RenderHandoff.RenderedImage image) {
        readback.copyFrom(image.readback());
    }

    /** The engine's read-back reported with this frame, if any. */
    public ReadbackTimes readback() {
        return readback;
    }

    /** Readies the frame for the next pull: positions 0, action zeroed, no input time, no world step, no read-back. */
    public void clear() {
        latent.clear();
        action.clear();
        for (int i = 0; i < OasisAction.SIZE; i++) {
            action.put(i, 0f);
        }
        inputSampleNanos = NO_INPUT;
        worldStepStartNanos = NO_INPUT;
        worldStepEndNanos = NO_INPUT;
        readback.clear();
    }

}
