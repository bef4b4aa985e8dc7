package io.neuroframe.remote;

import static io.neuroframe.remote.Latents.await;
import static io.neuroframe.remote.Latents.awaitState;
import static io.neuroframe.remote.Latents.buffer;
import static io.neuroframe.remote.Latents.cameraShift;
import static io.neuroframe.remote.Latents.latentOf;
import static io.neuroframe.remote.Latents.maxAbsDiff;
import static io.neuroframe.remote.Latents.pattern;
import static io.neuroframe.remote.Latents.pullFrame;
import static io.neuroframe.remote.Latents.turn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource.Pull;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RemoteWorldModelSourceTest {

    private static LoopbackInferenceServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void eachActionBecomesOneServedStepThatContinuesFromTheLastFrame() throws Exception {
        float[] start = pattern(3);
        try (RemoteWorldModelSource source = RemoteWorldModelSource.connect(RemoteConfig.plaintext(server.target()), null)) {
            assertTrue(awaitState(source, ConnectionState.CONNECTED), "never connected: " + source.stats().lastProblem());
            source.setContext(buffer(start));
            LatentFrame frame = new LatentFrame();

            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 12_345L);
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            float[] first = cameraShift(start, 1f);
            assertArrayEquals(first, latentOf(frame), "a full turn right moves every token one column left");
            assertEquals(LatentContract.LATENT_FLOATS, frame.latent().position(), "the frame is filled to the contract");
            assertEquals(1f, frame.action().get(OasisAction.CAMERA_YAW), "the frame carries the action it answers");
            assertEquals(12_345L, frame.inputSampleNanos(), "the frame carries its input sampling time");

            source.submitAction(turn(-OasisAction.CAMERA_MAX_DEGREES / 2), 23_456L);
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            assertTrue(maxAbsDiff(cameraShift(first, -0.5f), latentOf(frame)) < 1e-6f,
                    "the second step starts from the first step's answer");

            assertEquals(2, source.stats().requests());
            assertEquals(2, source.stats().responses());
            assertEquals(0, source.stats().rejectedTotal());
            assertTrue(source.stats().lastRoundTripNanos() > 0, "the round trip is measured");
        }
    }

    @Test
    void withoutActionsNoStepIsMadeAndPullNeverWaits() throws Exception {
        try (RemoteWorldModelSource source = RemoteWorldModelSource.connect(RemoteConfig.plaintext(server.target()), null)) {
            assertTrue(awaitState(source, ConnectionState.CONNECTED));
            LatentFrame frame = new LatentFrame();
            // Nothing was asked, so a pull that waited for an answer would never return.
            assertEquals(Pull.NONE_READY, assertTimeoutPreemptively(Duration.ofSeconds(30), () -> source.pull(frame)));
            Thread.sleep(100);
            assertEquals(0, source.stats().requests());
        }
    }

    @Test
    void spoiledAnswersAreRejectedAndCountedAndTheSourceCarriesOn() throws Exception {
        try (RemoteWorldModelSource source = RemoteWorldModelSource.connect(RemoteConfig.plaintext(server.target()), null)) {
            assertTrue(awaitState(source, ConnectionState.CONNECTED));
            source.setContext(buffer(pattern(1)));
            LatentFrame frame = new LatentFrame();
            RemoteStats stats = source.stats();
            try {
                rejectOnce(source, LoopbackInferenceServer.Fault.NAN, RemoteResponseException.Reason.NOT_FINITE);
                rejectOnce(source, LoopbackInferenceServer.Fault.WRONG_SHAPE, RemoteResponseException.Reason.WRONG_SHAPE);
                rejectOnce(source, LoopbackInferenceServer.Fault.WRONG_DATATYPE, RemoteResponseException.Reason.WRONG_DATATYPE);
            } finally {
                server.setFault(LoopbackInferenceServer.Fault.NONE);
            }
            assertEquals(3, stats.rejectedTotal());
            assertTrue(stats.lastProblem().contains("model 'world-step' output 'next_latent'"), stats.lastProblem());
            frame.clear();
            assertEquals(Pull.NONE_READY, source.pull(frame), "no spoiled answer reached the pipeline");
            assertEquals(ConnectionState.CONNECTED, source.connectionState(), "a bad answer does not drop the connection");

            source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 1L);
            assertEquals(Pull.FRAME, pullFrame(source, frame));
            assertArrayEquals(cameraShift(pattern(1), 1f), latentOf(frame), "good answers flow again");
        }
    }

    private static void rejectOnce(RemoteWorldModelSource source, LoopbackInferenceServer.Fault fault,
                                   RemoteResponseException.Reason reason) throws InterruptedException {
        server.setFault(fault);
        long before = source.stats().rejected(reason);
        source.submitAction(turn(5f), 1L);
        assertTrue(await(() -> source.stats().rejected(reason) == before + 1), fault + " was not rejected as " + reason
                + "; last problem: " + source.stats().lastProblem());
    }
}
