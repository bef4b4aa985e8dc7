package io.neuroframe.jme;

import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.render.FramePipeline;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds a {@link FramePipeline} on a thread of its own, so that making the source, the adapter
 * and the first decoder (ONNX Runtime sessions: tens to hundreds of milliseconds) never stalls the
 * render thread. The render thread polls {@link #pipeline()}; a failed start is logged once and
 * kept in {@link #failure()}, and the game runs on without the neural view.
 */
final class PipelineStartup {
    private static final Logger LOG = Logger.getLogger(NeuroFrameAppState.class.getName());

    private volatile FramePipeline pipeline;
    private volatile RuntimeException failure;
    private boolean cancelled;

    PipelineStartup(Supplier<FramePipeline> build, String threadName) {
        Thread thread = OrtRuntime.inferenceThread(() -> run(build), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Supplier<FramePipeline> build) {
        FramePipeline built;
        try {
            built = build.get();
        } catch (RuntimeException e) {
            failure = e;
            LOG.log(Level.SEVERE, "NeuroFrame: the pipeline could not start; the game runs without the neural view: "
                    + e.getMessage(), e);
            return;
        }
        synchronized (this) {
            if (!cancelled) {
                pipeline = built;
                return;
            }
        }
        built.close();
    }

    /** The running pipeline, or {@code null} while it is starting, after a failed start or once cancelled. */
    FramePipeline pipeline() {
        return pipeline;
    }

    /** Why the start failed, or {@code null}. */
    RuntimeException failure() {
        return failure;
    }

    /** Stops the pipeline if it runs, or makes sure it is closed as soon as its start completes. */
    void cancel() {
        FramePipeline running;
        synchronized (this) {
            cancelled = true;
            running = pipeline;
            pipeline = null;
        }
        if (running != null) {
            running.close();
        }
    }
}
