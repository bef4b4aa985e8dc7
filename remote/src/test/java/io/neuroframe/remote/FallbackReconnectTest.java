package io.neuroframe.remote;

import static io.neuroframe.remote.Latents.await;
import static io.neuroframe.remote.Latents.awaitState;
import static io.neuroframe.remote.Latents.buffer;
import static io.neuroframe.remote.Latents.cameraShift;
import static io.neuroframe.remote.Latents.constantReplay;
import static io.neuroframe.remote.Latents.latentOf;
import static io.neuroframe.remote.Latents.pattern;
import static io.neuroframe.remote.Latents.pullFrame;
import static io.neuroframe.remote.Latents.turn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.render.source.LatentRecorder;
import io.neuroframe.api.source.LatentSource.Pull;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import io.neuroframe.render.source.ReplaySource;
import io.neuroframe.api.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FallbackReconnectTest {
    private static final float FALLBACK_VALUE = 0.05f;

    @TempDir
    Path dir;

    private LoopbackInferenceServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** A looping local source whose every latent value is {@link #FALLBACK_VALUE}. */
    private ReplaySource fallback() throws Exception {
        return constantReplay(dir, FALLBACK_VALUE);
    }

    @Test
    void whenTheServerGoesTheFallbackPlaysAndWhenItReturnsRemoteStepsResumeFromTheFallbacksFrame() throws Exception {
        RemoteConfig config = RemoteConfig.plaintext(server.target())
                .withDeadline(Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(160));
        try (RemoteWorldModelSource source = RemoteWorldModelSource.connect(config, fallback())) {
            assertTrue(awaitState(source, ConnectionState.CONNECTED));
            source.setContext(buffer(pattern(2)));
            LatentFrame frame = new LatentFrame();
            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 1L);
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            assertArrayEquals(cameraShift(pattern(2), 1f), latentOf(frame), "served while the server is up");

            server.stop();
            long outageStart = System.nanoTime();
            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 2L);
            assertTrue(awaitState(source, ConnectionState.RECONNECTING), "the lost server is noticed");
            assertEquals(0, source.stats().protocolErrors(), "a lost server is no protocol error");
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            float[] local = new float[LatentContract.LATENT_FLOATS];
            Arrays.fill(local, FALLBACK_VALUE);
            assertArrayEquals(local, latentOf(frame), "while the server is away the fallback's frames play");
            assertTrue(source.stats().fallbackFrames() >= 1);

            Thread.sleep(1000);
            // A loaded machine may have probed less often in that second, never more often.
            assertTrue(await(() -> source.stats().failures() >= 2), "the server was probed during the outage");
            long failuresDuringOutage = source.stats().failures();
            double outageNanos = System.nanoTime() - outageStart;
            server.start();
            assertTrue(awaitState(source, ConnectionState.CONNECTED), "reconnects after the server restarts");
            assertEquals(1, source.stats().reconnects());
            assertTrue(failuresDuringOutage <= attemptsWithin(config, outageNanos) + 1,
                    failuresDuringOutage + " failed calls in " + outageNanos / 1e9 + " s: the probes back off exponentially");

            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 3L);
            long responses = source.stats().responses();
            assertTrue(await(() -> source.stats().responses() > responses));
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            assertEquals(3L, frame.inputSampleNanos(), "the frame is the served answer to the new action");
            assertArrayEquals(cameraShift(local, 1f), latentOf(frame), "the served step continues from the fallback frame");
        }
    }

    @Test
    void aRestartTakesTheFallbacksNextFrameAsContextAndHoldsStepsUntilThen() throws Exception {
        RemoteConfig config = RemoteConfig.plaintext(server.target()).withBackoff(Duration.ofMillis(20), Duration.ofMillis(160));
        try (RemoteWorldModelSource source = RemoteWorldModelSource.connect(config, fallback())) {
            assertTrue(awaitState(source, ConnectionState.CONNECTED));
            source.setContext(buffer(pattern(3)));
            source.restartFromFallback();
            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 1L);
            Thread.sleep(200);
            assertEquals(0, source.stats().requests(), "no step runs before the restart frame is taken");

            LatentFrame frame = new LatentFrame();
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            float[] local = new float[LatentContract.LATENT_FLOATS];
            Arrays.fill(local, FALLBACK_VALUE);
            assertArrayEquals(local, latentOf(frame), "the restart frame is the fallback's");
            assertEquals(0, source.stats().fallbackFrames(), "a restart frame is no outage frame");

            assertEquals(Pull.FRAME, pullFrame(source, frame));
            assertEquals(1L, frame.inputSampleNanos(), "the waiting action is served after the restart");
            assertArrayEquals(cameraShift(local, 1f), latentOf(frame), "the served step continues from the restart frame");
            assertEquals(1, source.stats().remoteFrames());
        }
    }

    @Test
    void aServerSlowerThanTheDeadlineCountsAsGoneAndALateOneIsCountedButServed() throws Exception {
        RemoteConfig config = RemoteConfig.plaintext(server.target())
                .withDeadline(Duration.ofSeconds(1))
                .withLateAfter(Duration.ofMillis(40))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(160));
        try (RemoteWorldModelSource source = RemoteWorldModelSource.connect(config, fallback())) {
            assertTrue(awaitState(source, ConnectionState.CONNECTED));
            source.setContext(buffer(pattern(4)));
            LatentFrame frame = new LatentFrame();

            server.setDelay(Duration.ofMillis(1500));
            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 1L);
            assertTrue(await(() -> source.stats().failures() >= 1), "the slow answer passes the deadline");
            assertTrue(source.stats().lastProblem().contains("DEADLINE_EXCEEDED"), source.stats().lastProblem());
            assertEquals(0, source.stats().responses());

            server.setDelay(Duration.ofMillis(100));
            assertTrue(awaitState(source, ConnectionState.CONNECTED), "probes still answer quickly");
            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 2L);
            assertTrue(await(() -> source.stats().responses() == 1), "no answer: " + source.stats().lastProblem());
            assertEquals(1, source.stats().late(), "an answer between lateAfter and the deadline counts as late");
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            assertEquals(2L, frame.inputSampleNanos());
        } finally {
            server.setDelay(Duration.ZERO);
        }
    }

    /** The most probes the back-off allows within {@code nanos}, plus the step call that found the server gone. */
    private static long attemptsWithin(RemoteConfig config, double nanos) {
        long delay = config.backoffInitial().toNanos();
        long max = config.backoffMax().toNanos();
        double spent = 0;
        long attempts = 1;
        while (spent <= nanos) {
            attempts++;
            spent += delay;
            delay = Math.min(max, delay * 2);
        }
        return attempts;
    }
}
