package io.neuroframe.render.testing;

import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import java.time.Duration;

/** Shared test settings: short back-offs and thread names unique to each test. */
public final class Pipelines {
    private Pipelines() {
    }

    public static FramePipeline.Builder builder(String threadPrefix) {
        return FramePipeline.builder()
                .threadNamePrefix(threadPrefix)
                .pollInterval(Duration.ofMillis(1))
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    /** Waits until the pipeline shows frame {@code frameId} or a later one, and returns it. */
    public static DecodedFrame awaitFrame(FramePipeline pipeline, long frameId) {
        DecodedFrame[] shown = new DecodedFrame[1];
        Await.until("frame " + frameId, () -> {
            shown[0] = pipeline.latestFrame();
            return shown[0] != null && shown[0].frameId() >= frameId;
        });
        return shown[0];
    }

    /** The red value of the frame's top-left pixel. */
    public static float red(DecodedFrame frame) {
        return frame.image().get(0);
    }
}
