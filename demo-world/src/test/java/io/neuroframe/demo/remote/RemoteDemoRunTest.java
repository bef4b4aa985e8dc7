package io.neuroframe.demo.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.headless.DemoRunner;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.demo.style.Styles;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteStats;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.remote.serving.CameraShiftWorldStep;
import io.neuroframe.render.source.RemoteLatentSource.ConnectionState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays the headless demo's neural view against the loopback inference server (real gRPC, real jME offscreen,
 * real ONNX codec; run under xvfb-run), then stops the server mid-run.
 */
@Tag("gl")
class RemoteDemoRunTest {
    /** Remote answers to wait for before the server is stopped. */
    private static final long ANSWERS_BEFORE_STOP = 5;
    private static final int FRAMES = 40;

    @TempDir
    Path out;

    @Test
    void theNeuralViewPlaysTheServedWorldModelAndTheEncoderLoopbackTakesOverWhenTheServerStops() throws Exception {
        DemoWeights weights = new DemoWeights(VitVaeWeights.random(VitVaeConfig.NF_SMALL, 7), "random test weights",
                false);
        GameConfig config = new GameConfig(Styles.byName("meadow"), 3, 2, 320, 180, false);
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .start()) {
            RemoteConfig remote = RemoteConfig.plaintext(server.target())
                    .withDeadline(Duration.ofMillis(300))
                    .withBackoff(Duration.ofMillis(20), Duration.ofMillis(160));
            NeuralViewState view = new NeuralViewState(weights, out, remote);
            RemoteStats stats = view.remote().stats();
            AtomicLong answersAtStop = new AtomicLong(-1);
            Thread stopper = new Thread(() -> stopAfterAnswers(server, stats, answersAtStop), "stop-server");
            stopper.setDaemon(true);
            stopper.start();

            ByteArrayOutputStream log = new ByteArrayOutputStream();
            DemoRunner.runHeadless(config, FRAMES, out, new PrintStream(log, true, StandardCharsets.UTF_8), view);
            stopper.interrupt();
            stopper.join();

            assertTrue(answersAtStop.get() >= ANSWERS_BEFORE_STOP, "the served world model answered the player's "
                    + "steps before the server stopped: " + answersAtStop.get() + " answers, " + stats.requests()
                    + " requests, last problem " + stats.lastProblem());
            assertEquals(ConnectionState.CLOSED, view.remote().connectionState(), "the demo closed the connection");
            assertTrue(stats.failures() > 0, "the stopped server was noticed");
            assertTrue(stats.fallbackFrames() > 0, "the encoder loopback played while the server was away; "
                    + stats.responses() + " remote answers in all");
            String overlay = Files.readString(out.resolve("neuroframe-overlay.txt"));
            assertTrue(overlay.contains("remote " + view.remote().endpoint() + "  RECONNECTING"),
                    "the overlay shows the remote line:\n" + overlay);
            assertTrue(Files.isRegularFile(out.resolve("summary.json")), "the walk finished and wrote its summary");
        }
    }

    private static void stopAfterAnswers(LoopbackInferenceServer server, RemoteStats stats, AtomicLong answersAtStop) {
        try {
            while (stats.responses() < ANSWERS_BEFORE_STOP) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            return;
        }
        answersAtStop.set(stats.responses());
        server.stop();
    }
}
