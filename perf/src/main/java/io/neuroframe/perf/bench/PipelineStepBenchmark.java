package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.perf.scenario.ReplayDecodeScenarios;
import io.neuroframe.api.frame.RgbaPacker;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.render.source.ReplaySource;
import io.neuroframe.api.TimeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole frame of the pipeline's work on one thread: pull the next latent from a replayed
 * recording, decode it with the default preset's shapes on ONNX Runtime, and pack it to RGBA8
 * (bottom-up, as uploaded to OpenGL). The pipeline runs the same steps on two worker threads.
 *
 * <p>How to run: {@code ./neuroframe bench}, or only this one:
 * {@code java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main PipelineStepBenchmark -prof gc}
 */
public class PipelineStepBenchmark extends FrameStageBenchmark {
    /** The decoder preset. */
    @Param({"nf-small"})
    public String preset;

    private Path recording;
    private LatentSource source;
    private Decoder decoder;
    private final LatentFrame frame = new LatentFrame();
    private FloatBuffer image;
    private ByteBuffer rgba;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        recording = ReplayDecodeScenarios.writeSyntheticRecording(Files.createTempFile("pipeline-step", ".nflat"), 64,
                20, 4);
        source = ReplaySource.open(recording, ReplaySource.Pacing.EVERY_FRAME, true, TimeSource.SYSTEM);
        decoder = CodecBackend.ONNX.decoder(VitVaeWeights.random(VitVaeConfig.preset(preset), 1));
        image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
        rgba = FrameBuffers.rgba();
    }

    @Benchmark
    public ByteBuffer step() {
        frame.clear();
        if (source.pull(frame) != LatentSource.Pull.FRAME) {
            throw new IllegalStateException("the looping replay delivered no frame");
        }
        FloatBuffer latent = frame.latent();
        latent.flip();
        decoder.decode(latent, image);
        RgbaPacker.pack(image, rgba, RowOrder.BOTTOM_UP);
        return rgba;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        decoder.close();
        source.close();
        Files.deleteIfExists(recording);
    }
}
