package io.neuroframe.remote.serving;

import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteWorldModelSource;
import static io.neuroframe.remote.Latents.awaitState;
import static io.neuroframe.remote.Latents.buffer;
import static io.neuroframe.remote.Latents.latentOf;
import static io.neuroframe.remote.Latents.maxAbsDiff;
import static io.neuroframe.remote.Latents.pattern;
import static io.neuroframe.remote.Latents.pullFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource.Pull;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import io.neuroframe.world.onnx.OrtWorldStepper;
import io.neuroframe.world.train.WorldDit;
import io.neuroframe.world.model.WorldModelWeights;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The world step export-serving writes from the trained world model, served by the loopback server,
 * answers a client's steps as the local one-frame step of the same weights does.
 */
class ServedTrainedWorldStepTest {
    private static final Path WORLD_WEIGHTS = Path.of("..", "models", "nf-world-small-direct.safetensors");
    private static final float TOLERANCE = 1e-4f;

    @TempDir
    Path dir;

    @Test
    void theServedTrainedStepAnswersAsTheLocalOneFrameStep() throws Exception {
        Path codec = dir.resolve("codec.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(codec, SafetensorsDtype.F32);
        Path out = dir.resolve("repository");
        assertEquals(0, new CommandLine(new ExportServingCommand()).execute("--out", out.toString(), "--weights",
                codec.toString(), "--world-weights", WORLD_WEIGHTS.toString()));
        ModelProto served = ModelProto.parseFrom(Files.readAllBytes(out.resolve(RemoteConfig.DEFAULT_WORLD_MODEL)
                .resolve(TritonRepository.VERSION).resolve(TritonRepository.MODEL_FILE)));

        float[] start = pattern(5);
        OasisAction[] actions = {OasisAction.builder().look(0, 6).build(), OasisAction.builder().forward().build()};
        float[][] expected = new float[actions.length][LatentContract.LATENT_FLOATS];
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.load(WORLD_WEIGHTS, WorldModelWeights.recordedConfig(WORLD_WEIGHTS), manager);
             OrtWorldStepper local = OrtWorldStepper.create(model.config(), model.toTensors(), OrtOptions.defaults().withIntraOpThreads(1))) {
            float[] context = start;
            for (int s = 0; s < actions.length; s++) {
                local.reset(FloatBuffer.wrap(context));
                local.step(actions[s], FloatBuffer.wrap(expected[s]));
                context = expected[s];
            }
        }

        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, served).start();
             // The default 0.5 s deadline is for a game; a loaded machine took longer for this real model's step.
             RemoteWorldModelSource source = RemoteWorldModelSource.connect(RemoteConfig.plaintext(server.target())
                     .withDeadline(Duration.ofSeconds(60)), null)) {
            assertTrue(awaitState(source, ConnectionState.CONNECTED), "never connected: " + source.stats().lastProblem());
            source.setContext(buffer(start));
            LatentFrame frame = new LatentFrame();
            float[] previous = start;
            for (int s = 0; s < actions.length; s++) {
                source.submitAction(FloatBuffer.wrap(actions[s].toArray()), s);
                assertEquals(Pull.FRAME, pullFrame(source, frame), "step " + s + ": " + source.stats().lastProblem());
                float[] got = latentOf(frame);
                float diff = maxAbsDiff(expected[s], got);
                assertTrue(diff <= TOLERANCE, "step " + s + ": served and local steps differ by up to " + diff);
                assertTrue(maxAbsDiff(previous, got) > 10 * TOLERANCE, "step " + s + " changes the latent");
                previous = got;
            }
            assertEquals(0, source.stats().rejectedTotal());
        }
    }
}
