package io.neuroframe.perf.scenario;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.perf.PipelineScenario;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.source.LatentRecorder;
import io.neuroframe.render.source.ReplaySource;
import io.neuroframe.api.TimeSource;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Scenarios that need no GL: a {@link FramePipeline} replaying a latent recording into a decoder,
 * as a game would see it (source, adapter when given, decode and RGBA packing on the pipeline's
 * workers).
 */
public final class ReplayDecodeScenarios {
    private ReplayDecodeScenarios() {
    }

    /**
     * Writes {@code frames} latent frames to {@code file}: a random walk of scaled latents
     * (successive frames close to each other, as in a game), deterministic for {@code seed}, with
     * no actions, timestamped at {@code fps} frames per second.
     */
    public static Path writeSyntheticRecording(Path file, int frames, int fps, long seed) throws IOException {
        if (frames < 1 || fps < 1) {
            throw new IllegalArgumentException("frames and fps must be >= 1, got " + frames + " and " + fps);
        }
        Random random = new Random(seed);
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = (float) random.nextGaussian() * LatentContract.SCALING_FACTOR;
        }
        FloatBuffer action = FloatBuffer.allocate(OasisAction.SIZE);
        try (LatentRecorder recorder = LatentRecorder.create(file)) {
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < latent.length; i++) {
                    latent[i] = 0.9f * latent[i] + 0.1f * (float) random.nextGaussian() * LatentContract.SCALING_FACTOR;
                }
                recorder.append(f * 1_000_000_000L / fps, action, FloatBuffer.wrap(latent));
            }
        }
        return file;
    }

    /**
     * A pipeline that replays {@code recording} in a loop at its recorded frame rate into decoders made by {@code decoder}, with a frame budget so generous that the
     * budget ladder never steps down (the scenario measures the stages, not the ladder). Its clock
     * keeps {@code historyFrames} intervals per stage.
     */
    public static PipelineScenario replayDecode(String name, Path recording, Supplier<? extends Decoder> decoder,
                                                int historyFrames) {
        ReplaySource source;
        try {
            source = ReplaySource.open(recording, ReplaySource.Pacing.RECORDED, true, TimeSource.SYSTEM);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open latent recording " + recording + ": " + e.getMessage(), e);
        }
        FramePipeline pipeline;
        try {
            pipeline = FramePipeline.builder()
                    .source(source)
                    .decoder(decoder)
                    .frameBudget(Duration.ofSeconds(10))
                    .decodeTimeout(Duration.ofSeconds(60))
                    .history(historyFrames, Math.min(historyFrames, 120))
                    .threadNamePrefix("perf-" + name)
                    .build();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return new PipelineScenario(name, pipeline, Duration.ofSeconds(60));
    }
}
