package io.neuroframe.remote.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServingLoadTest {

    @Test
    void playersJoiningAndLeavingMidRunLoseNothingAndNoneStarves() throws Exception {
        ServingLoad.Result result = ServingLoad.run(ServingLoad.Served.WORLD_STEP, 8, Duration.ofMillis(1500), 20, 8, Duration.ofMillis(2));
        assertEquals(0, result.lost(), "every call was answered");
        assertEquals(0, result.rejected(), "every answer was well formed");
        assertTrue(result.minPlayerFps() > 0, "every player, the late joiners included, got frames: " + result.row());
        assertTrue(result.p50Ms() > 0 && result.p50Ms() <= result.p95Ms() && result.p95Ms() <= result.p99Ms(), result.row());
        assertTrue(result.meanBatch() >= 1, result.row());
    }
}
