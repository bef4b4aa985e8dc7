package io.neuroframe.render.timing;

import io.neuroframe.api.TimeSource;

/**
 * One recorded interval of a frame's life.
 *
 * @param kind what the interval is
 * @param stage the stage ({@link Kind#STAGE}), the stage waited for ({@link Kind#WAIT}), or {@code null}
 *     ({@link Kind#MOTION_TO_PHOTON})
 * @param frameId the pipeline's id of the frame
 * @param startNanos start, on the clock's {@link TimeSource}
 * @param endNanos end, on the clock's {@link TimeSource}
 */
public record StageSample(Kind kind, Stage stage, long frameId, long startNanos, long endNanos) {

    /** What a sample is. */
    public enum Kind {
        /** A stage running. */
        STAGE,
        /** A frame waiting before {@link #stage()}: from the end of its previous stage (or its input sample). */
        WAIT,
        /** Motion-to-photon latency: the input sample to the end of {@link Stage#UPSCALE}. */
        MOTION_TO_PHOTON
    }

    /** End minus start. */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** {@link Stage#label()}, {@link Stage#waitLabel()}, or {@code "motion-to-photon"}. */
    public String label() {
        return switch (kind) {
            case STAGE -> stage.label();
            case WAIT -> stage.waitLabel();
            case MOTION_TO_PHOTON -> "motion-to-photon";
        };
    }
}
