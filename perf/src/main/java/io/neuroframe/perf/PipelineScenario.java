package io.neuroframe.perf;

import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.timing.StageClock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A running {@link FramePipeline} as a scenario: each frame waits for the pipeline's next finished
 * frame, the way a render thread would pick it up. The pipeline times its own stages (source,
 * adapter, decode, pack) on its clock; build it with a history of at least the measured frames
 * ({@link FramePipeline.Builder#history}) and a source that keeps delivering (a looping replay).
 * The scenario owns the pipeline and closes it.
 */
public final class PipelineScenario implements FrameScenario {
    private static final long POLL_NANOS = 200_000;

    private final String name;
    private final FramePipeline pipeline;
    private final long frameTimeoutNanos;
    private long lastFrameId;

    /**
     * @param name scenario name
     * @param pipeline a started pipeline, owned by the scenario from now on
     * @param frameTimeout how long one frame may take before the scenario gives up with an error
     */
    public PipelineScenario(String name, FramePipeline pipeline, Duration frameTimeout) {
        if (name == null || name.isBlank() || pipeline == null || frameTimeout == null || frameTimeout.isNegative()
                || frameTimeout.isZero()) {
            throw new IllegalArgumentException("name, pipeline and a positive frameTimeout are required");
        }
        this.name = name;
        this.pipeline = pipeline;
        this.frameTimeoutNanos = frameTimeout.toNanos();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StageClock clock() {
        return pipeline.clock();
    }

    /** The pipeline being measured. */
    public FramePipeline pipeline() {
        return pipeline;
    }

    /**
     * Waits for a frame newer than the last one seen.
     *
     * @throws IllegalStateException if none arrives within the frame timeout (naming the pipeline,
     *     whether its source ended, and its fault counts)
     */
    @Override
    public void runFrame() {
        long deadline = System.nanoTime() + frameTimeoutNanos;
        while (true) {
            DecodedFrame frame = pipeline.latestFrame();
            if (frame != null && frame.frameId() != lastFrameId) {
                lastFrameId = frame.frameId();
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("scenario '" + name + "': no new frame within "
                        + Duration.ofNanos(frameTimeoutNanos).toMillis() + " ms from " + pipeline.describe()
                        + (pipeline.sourceEnded() ? " (the source ended: use a looping source)" : "") + "; faults so far: "
                        + pipeline.faults().total());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
