package io.neuroframe.remote;

import static io.neuroframe.remote.Latents.awaitState;
import static io.neuroframe.remote.Latents.buffer;
import static io.neuroframe.remote.Latents.constantReplay;
import static io.neuroframe.remote.Latents.latentOf;
import static io.neuroframe.remote.Latents.pattern;
import static io.neuroframe.remote.Latents.pullFrame;
import static io.neuroframe.remote.Latents.turn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource.Pull;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that refuses requests is a protocol error, not a lost server: logged once, no reconnection loop. */
class ProtocolErrorTest {
    private static final float FALLBACK_VALUE = 0.05f;
    /** Several of the back-off periods below: time enough for a reconnection loop to show. */
    private static final long WATCH_MILLIS = 400;

    @TempDir
    Path dir;

    /** Warnings of one logger, collected while attached. */
    private static final class Warnings extends Handler implements AutoCloseable {
        private final Logger logger;
        final List<String> messages = new CopyOnWriteArrayList<>();

        Warnings(Class<?> of) {
            this.logger = Logger.getLogger(of.getName());
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    /**
     * A world step with the served interface except that its action has {@code actionSize} values (another action
     * layout); it returns the context unchanged.
     */
    private static ModelProto worldStepWithAction(int actionSize) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("world-step-other-action");
        String z = g.input(WorldStepContract.LATENT, "batch", LatentContract.CHANNELS, LatentContract.TOKEN_ROWS,
                LatentContract.TOKEN_COLS);
        String action = g.input(WorldStepContract.ACTION, "batch", actionSize);
        String first = g.op("Slice", "first", action, g.int64Initializer("start", 0), g.int64Initializer("end", 1),
                g.int64Initializer("axis", 1));
        String zero = g.op("Mul", "zero", g.op("Reshape", "first_4d", first, g.int64Initializer("shape", -1, 1, 1, 1)),
                g.scalar("nought", 0f));
        g.output(g.op("Add", "same", z, zero), WorldStepContract.NEXT_LATENT, "batch", LatentContract.CHANNELS,
                LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS);
        return g.build("neuroframe-test", "A world step expecting another action layout.");
    }

    @Test
    void aRefusedWorldStepIsAProtocolErrorLoggedOnceAfterWhichTheFallbackPlaysAndNothingIsRetried() throws Exception {
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, worldStepWithAction(OasisAction.SIZE - 1))
                .start();
             Warnings warnings = new Warnings(RemoteWorldModelSource.class)) {
            RemoteConfig config = RemoteConfig.plaintext(server.target()).withBackoff(Duration.ofMillis(20), Duration.ofMillis(80));
            try (RemoteWorldModelSource source = RemoteWorldModelSource.connect(config, constantReplay(dir, FALLBACK_VALUE))) {
                assertTrue(awaitState(source, ConnectionState.CONNECTED), "probes pass: " + source.stats().lastProblem());
                source.setContext(buffer(pattern(1)));
                source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 1L);
                assertTrue(awaitState(source, ConnectionState.PROTOCOL_ERROR), "refused, not lost: " + source.connectionState());

                for (int i = 0; i < 5; i++) {
                    source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 2L + i);
                    Thread.sleep(WATCH_MILLIS / 5);
                }
                assertEquals(ConnectionState.PROTOCOL_ERROR, source.connectionState(), "the state stays");
                assertEquals(1, server.inferRequests(), "one refused request, none after it");
                assertEquals(1, source.stats().requests());
                assertEquals(0, source.stats().reconnects());
                assertEquals(0, source.stats().failures(), "a refusal is not a transport failure");
                assertEquals(1, source.stats().protocolErrors());
                String refusal = source.stats().protocolError();
                assertTrue(refusal.startsWith("INVALID_ARGUMENT") && refusal.contains("'action'"),
                        "the server's status and message: " + refusal);
                assertTrue(source.appendStatus(new StringBuilder()).toString().contains("protocol error: " + refusal));

                List<String> refusals = warnings.messages.stream().filter(m -> m.contains("refused")).toList();
                assertEquals(1, refusals.size(), "logged once: " + warnings.messages);
                assertTrue(refusals.get(0).contains(refusal) && refusals.get(0).contains("for the rest of the session"),
                        refusals.get(0));

                LatentFrame frame = new LatentFrame();
                assertEquals(Pull.FRAME, pullFrame(source, frame));
                float[] local = new float[LatentContract.LATENT_FLOATS];
                Arrays.fill(local, FALLBACK_VALUE);
                assertArrayEquals(local, latentOf(frame), "the fallback plays");
                assertTrue(source.stats().fallbackFrames() >= 1);
            }
        }
    }

    @Test
    void aRemoteDecoderWhoseRequestIsRefusedThrowsTheServersMessageAndStopsCalling() throws Exception {
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_DECODER_MODEL, CameraShiftWorldStep.build())
                .start();
             Warnings warnings = new Warnings(RemoteDecoder.class);
             RemoteDecoder decoder = new RemoteDecoder(RemoteConfig.plaintext(server.target()))) {
            FloatBuffer latent = buffer(pattern(2));
            FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            RemoteProtocolException first = assertThrows(RemoteProtocolException.class, () -> decoder.decode(latent, image));
            assertTrue(first.getMessage().contains(decoder.describe()) && first.getMessage().contains("INVALID_ARGUMENT")
                    && first.getMessage().contains("'latent'"), first.getMessage());
            RemoteProtocolException second = assertThrows(RemoteProtocolException.class, () -> decoder.decode(latent, image));
            assertSame(first, second);
            assertEquals(1, server.inferRequests(), "the second decode did not call the server");
            assertEquals(1, decoder.stats().protocolErrors());
            assertEquals(0, decoder.stats().failures());
            assertEquals(1, warnings.messages.size(), "logged once: " + warnings.messages);
        }
    }
}
