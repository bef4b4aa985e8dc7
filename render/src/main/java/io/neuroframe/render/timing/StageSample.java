package io.neuroframe.render.timing;

import io.neuroframe.api.TimeSource;

/**
 * One recorded interval of a frame's life.
 *
 * @param stage the stage, or {@code null} for a motion-to-photon interval (input sample to
 *     the end of {@link Stage#UPSCALE})
 * @param frameId the pipeline's id of the frame
 * @param startNanos start, on the clock's {@link TimeSource}
 * @param endNanos end, on the clock's {@link TimeSource}
 */
public record StageSample(Stage stage, long frameId, long startNanos, long endNanos) {

    /** End minus start. */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** {@link Stage#label()}, or {@code "motion-to-photon"}. */
    public String label() {
        return stage == null ? "motion-to-photon" : stage.label();
    }
}
