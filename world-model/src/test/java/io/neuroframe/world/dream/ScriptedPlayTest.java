package io.neuroframe.world.dream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.OasisAction;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScriptedPlayTest {

    @Test
    void aCyclePlaysEveryPhaseInOrderAndEndsFacingWhereItStarted() {
        double yaw = 0;
        double pitch = 0;
        Set<ScriptedPlay.Phase> seen = EnumSet.noneOf(ScriptedPlay.Phase.class);
        for (int step = 0; step < ScriptedPlay.CYCLE_STEPS; step++) {
            ScriptedPlay.Phase phase = ScriptedPlay.phaseAt(step);
            assertEquals(ScriptedPlay.Phase.values()[step / ScriptedPlay.PHASE_STEPS], phase, "step " + step);
            seen.add(phase);
            OasisAction action = ScriptedPlay.actionAt(step);
            yaw += action.yawDegrees();
            pitch += action.pitchDegrees();
            assertEquals(phase == ScriptedPlay.Phase.WALK, action.isPressed(OasisAction.FORWARD), "step " + step);
        }
        assertEquals(EnumSet.allOf(ScriptedPlay.Phase.class), seen);
        assertEquals(0, yaw, 1e-6, "the left and right turns undo each other");
        assertEquals(0, pitch, 1e-6, "looking up and down undo each other");
        assertEquals(-ScriptedPlay.TURN_DEGREES_PER_STEP, ScriptedPlay.Phase.TURN_LEFT.action().yawDegrees(), 1e-6);
        assertTrue(ScriptedPlay.Phase.LOOK_UP.action().pitchDegrees() < 0, "negative pitch looks up");
        assertFalse(ScriptedPlay.Phase.STAND_STILL.forward());
    }

    @Test
    void theScriptRepeatsAndRefusesNegativeSteps() {
        assertSame(ScriptedPlay.phaseAt(7), ScriptedPlay.phaseAt(7 + 2 * ScriptedPlay.CYCLE_STEPS));
        assertSame(ScriptedPlay.Phase.WALK, ScriptedPlay.phaseAt(ScriptedPlay.CYCLE_STEPS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScriptedPlay.phaseAt(-1));
        assertEquals("scripted play: step must be at least 0, got -1", e.getMessage());
        assertTrue(ScriptedPlay.describe().startsWith("walk, turn left, turn right, look up, look down, stand still"),
                ScriptedPlay.describe());
    }
}
