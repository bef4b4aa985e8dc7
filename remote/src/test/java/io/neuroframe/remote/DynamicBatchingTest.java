package io.neuroframe.remote;

import static io.neuroframe.remote.Latents.awaitState;
import static io.neuroframe.remote.Latents.buffer;
import static io.neuroframe.remote.Latents.cameraShift;
import static io.neuroframe.remote.Latents.latentOf;
import static io.neuroframe.remote.Latents.pattern;
import static io.neuroframe.remote.Latents.pullFrame;
import static io.neuroframe.remote.Latents.turn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.OasisAction;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource.Pull;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DynamicBatchingTest {
    private static final int PLAYERS = 8;

    @ParameterizedTest(name = "max batch {0}")
    @ValueSource(ints = {1, PLAYERS})
    void concurrentPlayersEachGetTheirOwnAnswerWhetherBatchedOrNot(int maxBatch) throws Exception {
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .batching(maxBatch, Duration.ofMillis(50))
                .start()) {
            List<RemoteWorldModelSource> players = new ArrayList<>();
            try {
                for (int p = 0; p < PLAYERS; p++) {
                    RemoteWorldModelSource player = RemoteWorldModelSource.connect(
                            RemoteConfig.plaintext(server.target()).withDeadline(Duration.ofSeconds(10)), null);
                    players.add(player);
                    assertTrue(awaitState(player, ConnectionState.CONNECTED));
                    player.setContext(buffer(pattern(p)));
                }
                for (int p = 0; p < PLAYERS; p++) {
                    players.get(p).submitAction(turn(yawDegrees(p)), p);
                }
                LatentFrame frame = new LatentFrame();
                for (int p = 0; p < PLAYERS; p++) {
                    assertEquals(Pull.FRAME, pullFrame(players.get(p), frame), "player " + p + " got no answer");
                    float yaw = OasisAction.encodeCamera(yawDegrees(p));
                    assertArrayEquals(cameraShift(pattern(p), yaw), latentOf(frame), 1e-6f,
                            "player " + p + " got its own context and action back");
                }
            } finally {
                players.forEach(RemoteWorldModelSource::close);
            }
            assertEquals(PLAYERS, server.rowsRun(RemoteConfig.DEFAULT_WORLD_MODEL));
            if (maxBatch == 1) {
                assertEquals(1, server.largestBatch(RemoteConfig.DEFAULT_WORLD_MODEL));
            } else {
                assertTrue(server.largestBatch(RemoteConfig.DEFAULT_WORLD_MODEL) > 1,
                        "requests arriving together were batched");
            }
        }
    }

    /** A different turn for every player, both directions. */
    private static float yawDegrees(int player) {
        return (player - PLAYERS / 2f) * 4.5f;
    }
}
