package io.neuroframe.jme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteWorldModelSource;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.remote.CameraShiftWorldStep;
import io.neuroframe.render.source.ReplaySource;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.api.TimeSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The profiler overlay over a running plugin in a real jME application. */
@Tag("gl")
@ExtendWith(SharedJme.class)
class ProfilerOverlayStateTest {
    private static HeadlessJme jme;
    @TempDir
    static Path folder;

    @BeforeAll
    static void useEngine(HeadlessJme shared) {
        jme = shared;
    }

    @Test
    void showsEveryStageAndExportsATraceThatParsesAsTraceEvents() throws Exception {
        var weights = TestModels.tinyWeights();
        NeuroFrameAppState neuroFrame = NeuroFrameAppState.builder()
                .source(ReplaySource.open(TestModels.recording(folder, 40), ReplaySource.Pacing.RECORDED, true,
                        TimeSource.SYSTEM))
                .decoder(() -> OrtDecoder.create(weights))
                // A budget no frame on a loaded machine comes near: the ladder stays at full quality (a 50 ms budget
                // stepped down to the cheaper upscaler with two other busy processes on the 2 cores).
                .budget(Duration.ofSeconds(10))
                .build();
        ProfilerOverlayState overlay = new ProfilerOverlayState(neuroFrame, folder.resolve("traces"));
        jme.run(() -> {
            jme.app().getStateManager().attach(neuroFrame);
            jme.app().getStateManager().attach(overlay);
        });
        try {
            jme.awaitFrames(5);
            assertTrue(!overlay.isEnabled(), "the overlay is off until F3");
            jme.run(() -> overlay.setEnabled(true));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!overlay.lastText().contains("upscale ") || overlay.lastText().contains("upscale      -")) {
                assertTrue(System.nanoTime() < deadline, "overlay never showed upscale times: " + overlay.lastText());
                jme.awaitFrames(5);
            }
            String text = overlay.lastText();
            for (String stage : new String[] {"source", "decode", "pack", "upload", "upscale", "motion-to-photon"}) {
                assertTrue(text.contains(stage), "overlay lacks " + stage + ":\n" + text);
            }
            assertTrue(text.matches("(?s).*gpu upscale (n/a| *\\d+\\.\\d\\d ms).*"), text);
            assertTrue(text.contains("rung full quality"), text);

            Path trace = jme.call(() -> overlay.exportTrace(folder.resolve("traces")));
            var events = JsonParser.parseString(Files.readString(trace)).getAsJsonObject().getAsJsonArray("traceEvents");
            assertTrue(events.size() > 10, "trace has " + events.size() + " events");
            assertTrue(Files.size(folder.resolve("traces/neuroframe-stages.csv")) > 0);
        } finally {
            jme.run(() -> {
                jme.app().getStateManager().detach(overlay);
                jme.app().getStateManager().detach(neuroFrame);
            });
        }
    }

    @Test
    void showsTheMotionToPhotonBreakdownOfTheEncoderLoopbackAndExportsItNestedInEachFramesSpan() throws Exception {
        var weights = TestModels.tinyWeights();
        NeuroFrameAppState neuroFrame = NeuroFrameAppState.builder()
                .encoderLoopback(() -> OrtEncoder.create(weights), 1)
                .decoder(() -> OrtDecoder.create(weights))
                .budget(Duration.ofSeconds(10))
                .build();
        ProfilerOverlayState overlay = new ProfilerOverlayState(neuroFrame, folder.resolve("loopback-traces"));
        jme.run(() -> {
            jme.app().getStateManager().attach(neuroFrame);
            jme.app().getStateManager().attach(overlay);
            overlay.setEnabled(true);
        });
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!overlay.lastText().contains(" frames shown")) {
                assertTrue(System.nanoTime() < deadline, "overlay never showed the breakdown: " + overlay.lastText());
                jme.awaitFrames(5);
            }
            String text = overlay.lastText();
            for (String stage : new String[] {"readback", "resample", "source", "decode", "pack", "upload", "upscale"}) {
                assertTrue(text.matches("(?s).*\\n" + stage + " +\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+\\.\\d\\d +-?\\d+\\.\\d\\d\\n.*"),
                        stage + " has its percentiles and the mean wait before it:\n" + text);
            }
            assertTrue(text.matches("(?s).*\\n  mean +\\d+\\.\\d\\d = waits +\\d+\\.\\d\\d \\+ stages +\\d+\\.\\d\\d ms over \\d+ "
                    + "frames shown\\n.*"), text);

            Path trace = jme.call(() -> overlay.exportTrace(folder.resolve("loopback-traces")));
            Set<String> nested = new HashSet<>();
            for (var element : JsonParser.parseString(Files.readString(trace)).getAsJsonObject()
                    .getAsJsonArray("traceEvents")) {
                var event = element.getAsJsonObject();
                if (event.get("ph").getAsString().equals("b")) {
                    nested.add(event.get("name").getAsString());
                }
            }
            assertTrue(nested.containsAll(Set.of("motion-to-photon", "engine frame", "readback", "decode", "upscale")),
                    "frame spans hold their stages and waits: " + nested);
        } finally {
            jme.run(() -> {
                jme.app().getStateManager().detach(overlay);
                jme.app().getStateManager().detach(neuroFrame);
            });
        }
    }

    @Test
    void showsARemoteSourcesEndpointStateAndRoundTripWhileItsFallbackPlays() throws Exception {
        var weights = TestModels.tinyWeights();
        ReplaySource fallback = ReplaySource.open(TestModels.recording(folder, 40), ReplaySource.Pacing.RECORDED, true,
                TimeSource.SYSTEM);
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        RemoteConfig config = RemoteConfig.plaintext("127.0.0.1:" + closedPort)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
        NeuroFrameAppState neuroFrame = NeuroFrameAppState.builder()
                .source(RemoteWorldModelSource.connect(config, fallback))
                .decoder(() -> OrtDecoder.create(weights))
                .budget(Duration.ofMillis(50))
                .build();
        ProfilerOverlayState overlay = new ProfilerOverlayState(neuroFrame, folder.resolve("remote-traces"));
        jme.run(() -> {
            jme.app().getStateManager().attach(neuroFrame);
            jme.app().getStateManager().attach(overlay);
            overlay.setEnabled(true);
        });
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String line = "remote grpc://127.0.0.1:" + closedPort + "/world-step  CONNECTING\n"
                    + "rtt - ms (avg -), late 0, rejected 0, failures ";
            while (!overlay.lastText().contains(line) || overlay.lastText().contains("failures 0,")) {
                assertTrue(System.nanoTime() < deadline, "overlay never showed the remote source and its failed "
                        + "connection attempts: " + overlay.lastText());
                jme.awaitFrames(5);
            }
            awaitFallbackDecodes(neuroFrame, deadline);
        } finally {
            jme.run(() -> {
                jme.app().getStateManager().detach(overlay);
                jme.app().getStateManager().detach(neuroFrame);
            });
        }
    }

    @Test
    void showsAProtocolErrorWithTheServersMessageWhenTheServerRefusesTheClient() throws Exception {
        var weights = TestModels.tinyWeights();
        ReplaySource fallback = ReplaySource.open(TestModels.recording(folder, 40), ReplaySource.Pacing.RECORDED, true,
                TimeSource.SYSTEM);
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .bearerToken("a-token-this-client-lacks")
                .start()) {
            RemoteConfig config = RemoteConfig.plaintext(server.target()).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
            NeuroFrameAppState neuroFrame = NeuroFrameAppState.builder()
                    .source(RemoteWorldModelSource.connect(config, fallback))
                    .decoder(() -> OrtDecoder.create(weights))
                    .budget(Duration.ofMillis(50))
                    .build();
            ProfilerOverlayState overlay = new ProfilerOverlayState(neuroFrame, folder.resolve("refused-traces"));
            jme.run(() -> {
                jme.app().getStateManager().attach(neuroFrame);
                jme.app().getStateManager().attach(overlay);
                overlay.setEnabled(true);
            });
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                String state = "remote grpc://" + server.target() + "/world-step  PROTOCOL_ERROR\n";
                String refusal = "failures 0, reconnects 0, protocol errors 1\n"
                        + "protocol error: UNAUTHENTICATED: missing or wrong bearer token\n";
                while (!overlay.lastText().contains(state) || !overlay.lastText().contains(refusal)) {
                    assertTrue(System.nanoTime() < deadline, "overlay never showed the refusal: " + overlay.lastText());
                    jme.awaitFrames(5);
                }
                awaitFallbackDecodes(neuroFrame, deadline);
            } finally {
                jme.run(() -> {
                    jme.app().getStateManager().detach(overlay);
                    jme.app().getStateManager().detach(neuroFrame);
                });
            }
        }
    }

    /**
     * Waits, rendering, until the pipeline has decoded a frame: the fallback keeps the game supplied while the
     * server is away (on a busy machine its first decode can come after the overlay's first report).
     */
    private void awaitFallbackDecodes(NeuroFrameAppState neuroFrame, long deadline) throws Exception {
        while (neuroFrame.pipeline().clock().recentDurations(Stage.DECODE, new long[8]) == 0) {
            assertTrue(System.nanoTime() < deadline, "the fallback's frames were never decoded");
            jme.awaitFrames(5);
        }
    }
}
