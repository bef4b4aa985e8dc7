package io.neuroframe.demo.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.headless.DemoRunner;
import io.neuroframe.demo.headless.WalkEpilogue;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.demo.style.Styles;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteStats;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.remote.CameraShiftWorldStep;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays the headless demo's neural view against the loopback inference server (real gRPC, real jME offscreen,
 * real ONNX codec; run under xvfb-run), then stops the server mid-run. The game runs on after its walk until the
 * stop has happened and the fallback has played, however slowly a busy machine serves the frames.
 */
@Tag("gl")
class RemoteDemoRunTest {
    /** Served frames the pipeline must have taken before the server is stopped. */
    private static final long REMOTE_FRAMES_BEFORE_STOP = 5;
    private static final int FRAMES = 40;

    @TempDir
    Path out;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theNeuralViewPlaysTheServedWorldModelAndTheEncoderLoopbackTakesOverWhenTheServerStops() throws Exception {
        DemoWeights weights = new DemoWeights(VitVaeWeights.random(VitVaeConfig.NF_SMALL, 7), "random test weights",
                false);
        GameConfig config = new GameConfig(Styles.byName("meadow"), 3, 2, 320, 180, false);
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .start()) {
            RemoteConfig remote = RemoteConfig.plaintext(server.target())
                    .withDeadline(Duration.ofSeconds(1))
                    .withBackoff(Duration.ofMillis(20), Duration.ofMillis(160));
            NeuralViewState view = NeuralViewState.remote(weights, out, remote);
            RemoteStats stats = view.remote().stats();
            AtomicLong remoteFramesAtStop = new AtomicLong(-1);
            AtomicLong fallbackFramesAtStop = new AtomicLong(-1);
            Thread stopper = new Thread(() -> stopAfterRemoteFrames(server, stats, remoteFramesAtStop,
                    fallbackFramesAtStop), "stop-server");
            stopper.setDaemon(true);
            stopper.start();

            ByteArrayOutputStream log = new ByteArrayOutputStream();
            WalkEpilogue untilTheFallbackPlays = WalkEpilogue.until(() -> fallbackFramesAtStop.get() >= 0
                    && stats.fallbackFrames() > fallbackFramesAtStop.get());
            DemoRunner.runHeadless(config, FRAMES, out, new PrintStream(log, true, StandardCharsets.UTF_8), view,
                    untilTheFallbackPlays);
            stopper.interrupt();
            stopper.join();

            assertTrue(remoteFramesAtStop.get() >= REMOTE_FRAMES_BEFORE_STOP, "served frames were shown before the "
                    + "server stopped: " + remoteFramesAtStop.get() + " frames, " + stats.requests() + " requests, "
                    + stats.responses() + " answers, last problem " + stats.lastProblem());
            assertEquals(ConnectionState.CLOSED, view.remote().connectionState(), "the demo closed the connection");
            assertTrue(stats.failures() > 0, "the stopped server was noticed");
            assertTrue(stats.fallbackFrames() > fallbackFramesAtStop.get(), "the encoder loopback played after the "
                    + "server stopped: " + stats.fallbackFrames() + " fallback frames in all, "
                    + fallbackFramesAtStop.get() + " before the stop");
            String overlay = Files.readString(out.resolve("neuroframe-overlay.txt"));
            assertTrue(overlay.contains("remote " + view.remote().endpoint() + "  RECONNECTING"),
                    "the overlay shows the remote line:\n" + overlay);
            assertTrue(Files.isRegularFile(out.resolve("summary.json")), "the walk finished and wrote its summary");
        }
    }

    private static void stopAfterRemoteFrames(LoopbackInferenceServer server, RemoteStats stats,
            AtomicLong remoteFramesAtStop, AtomicLong fallbackFramesAtStop) {
        try {
            while (stats.remoteFrames() < REMOTE_FRAMES_BEFORE_STOP) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            return;
        }
        remoteFramesAtStop.set(stats.remoteFrames());
        fallbackFramesAtStop.set(stats.fallbackFrames());
        server.stop();
    }
}
