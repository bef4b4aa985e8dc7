package io.neuroframe.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neuroframe.api.OasisAction;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class ActionAccumulatorTest {

    private static FloatBuffer action(int button, float yaw) {
        FloatBuffer a = FloatBuffer.allocate(OasisAction.SIZE);
        if (button >= 0) {
            a.put(button, 1f);
        }
        a.put(OasisAction.CAMERA_YAW, yaw);
        return a;
    }

    @Test
    void mergesButtonsAddsCameraAndKeepsTheNewestInputTime() {
        ActionAccumulator actions = new ActionAccumulator();
        actions.submit(action(OasisAction.FORWARD, 0.5f), 100);
        actions.submit(action(OasisAction.JUMP, 0.75f), 200);
        FloatBuffer merged = FloatBuffer.allocate(OasisAction.SIZE);
        assertEquals(200, actions.take(merged));
        assertEquals(1f, merged.get(OasisAction.FORWARD), "held in the first action");
        assertEquals(1f, merged.get(OasisAction.JUMP), "held in the second action");
        assertEquals(1f, merged.get(OasisAction.CAMERA_YAW), "0.5 + 0.75 clamped to 1");
        assertEquals(0f, merged.get(OasisAction.ATTACK));
    }

    @Test
    void takingClearsAndNothingPendingLeavesTheBufferAlone() {
        ActionAccumulator actions = new ActionAccumulator();
        FloatBuffer into = FloatBuffer.allocate(OasisAction.SIZE);
        assertEquals(LatentFrame.NO_INPUT, actions.take(into));
        actions.submit(action(OasisAction.ATTACK, -0.25f), 7);
        assertEquals(7, actions.take(into));
        assertEquals(LatentFrame.NO_INPUT, actions.take(into));
        assertEquals(1f, into.get(OasisAction.ATTACK), "left as the last take wrote it");
        actions.submit(action(-1, 0.1f), 8);
        assertEquals(8, actions.take(into));
        assertEquals(0f, into.get(OasisAction.ATTACK), "the earlier action does not leak into the next step");
        assertEquals(0.1f, into.get(OasisAction.CAMERA_YAW), 1e-7f);
    }
}
