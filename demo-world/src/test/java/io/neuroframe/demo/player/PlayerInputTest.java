package io.neuroframe.demo.player;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.neuroframe.api.OasisAction;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class PlayerInputTest {

    @Test
    void writtenActionEqualsTheBuiltOne() {
        PlayerInput input = new PlayerInput();
        FloatBuffer written = FloatBuffer.allocate(OasisAction.SIZE);
        for (int i = 0; i < OasisAction.SIZE; i++) {
            written.put(i, 7f); // stale values must be overwritten
        }
        input.forward = true;
        input.jump = true;
        input.use = true;
        input.yawDegrees = -3.7f;
        input.pitchDegrees = 25f; // beyond the largest encodable change: clamped
        input.writeAction(written);
        assertArrayEquals(input.toAction().toArray(), written.array());
        input.clear();
        input.writeAction(written);
        assertArrayEquals(OasisAction.NONE.toArray(), written.array());
    }
}
