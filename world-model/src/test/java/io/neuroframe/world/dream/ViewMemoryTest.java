package io.neuroframe.world.dream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link ViewMemory} on a dream whose "model" moves each frame exactly as the camera turns, repeating the border into
 * the uncovered edge (a view-shift model that predicts no change): what the memory adds is then all there is to see.
 */
class ViewMemoryTest {
    private static final int ROWS = LatentContract.TOKEN_ROWS;
    private static final int COLS = LatentContract.TOKEN_COLS;
    private static final int CHANNELS = LatentContract.CHANNELS;
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    /** Cells per camera unit: a 4-degree turn (0.2 units) moves the view by one whole cell. */
    private static final float CELLS_PER_UNIT = 5f;
    private static final OasisAction RIGHT = OasisAction.builder().look(0, 4).build();
    private static final OasisAction LEFT = OasisAction.builder().look(0, -4).build();
    private static final OasisAction DOWN = OasisAction.builder().look(4, 0).build();
    private static final OasisAction UP = OasisAction.builder().look(-4, 0).build();

    @Test
    void turningAwayAndBackShowsTheSceneAsItWas() {
        float[] start = randomFrame(1);
        float[] shown = dream(start, repeat(RIGHT, 12), repeat(LEFT, 12));
        assertArrayEquals(start, shown, "twelve cells right and back: every column the turn pushed out comes back");
        float[] lookedUpAndDown = dream(start, repeat(UP, 7), repeat(DOWN, 7));
        assertArrayEquals(start, lookedUpAndDown, "seven rows up and back");
    }

    @Test
    void aFullTurnComesBackToTheStart() {
        int cellsPerTurn = Math.round(CELLS_PER_UNIT * 360f / OasisAction.CAMERA_MAX_DEGREES);
        float[] start = randomFrame(2);
        assertArrayEquals(start, dream(start, repeat(RIGHT, cellsPerTurn)), "after " + cellsPerTurn
                + " one-cell turns to the right the view has gone round once and met the start frame again");
    }

    @Test
    void cellsNeverSeenAreTheSceneReflectedAtTheEdgeOfWhatStayedInView() {
        float[] start = randomFrame(3);
        OasisAction twoRight = OasisAction.builder().look(0, 8).build();
        float[] shown = dream(start, new OasisAction[] {twoRight});
        for (int r = 0; r < ROWS; r++) {
            assertArrayEquals(cell(start, r, 31), cell(shown, r, 29), "row " + r + ": the old column 31 is now 29");
            assertArrayEquals(cell(start, r, 31), cell(shown, r, 30), "row " + r + ": the first uncovered column mirrors it");
            assertArrayEquals(cell(start, r, 30), cell(shown, r, 31), "row " + r + ": the second mirrors the old column 30");
        }
        float[] withoutMemory = moved(start, 2, 0);
        assertFalse(Arrays.equals(withoutMemory, shown), "the model alone repeats column 31 instead");
    }

    @Test
    void lookingUpPastWhatThePanoramaHoldsAndBackDownComesBackToTheStart() {
        float[] start = randomFrame(4);
        assertArrayEquals(start, dream(start, repeat(UP, 40), repeat(DOWN, 40)),
                "forty rows up, beyond the quarter turn the panorama keeps, and back");
    }

    @Test
    void turnsOfAFractionOfACellMoveTheFrameByWholeCellsAndCarryTheRest() {
        ViewMemory memory = new ViewMemory(CELLS_PER_UNIT);
        memory.start(FloatBuffer.wrap(randomFrame(5)));
        OasisAction slowTurn = OasisAction.builder().look(-1, 1).build();
        int across = 0;
        int down = 0;
        for (int i = 0; i < 20; i++) {
            OasisAction wholeCells = memory.wholeCellAction(slowTurn);
            float cellsAcross = wholeCells.get(OasisAction.CAMERA_YAW) * CELLS_PER_UNIT;
            float cellsDown = wholeCells.get(OasisAction.CAMERA_PITCH) * CELLS_PER_UNIT;
            assertTrue(Math.abs(cellsAcross - Math.round(cellsAcross)) < 1e-5f, "whole cells across: " + cellsAcross);
            across += Math.round(cellsAcross);
            down += Math.round(cellsDown);
            assertTrue(across >= 0 && across <= 1 + i / 4, "never ahead of the camera by more than half a cell: " + across);
            memory.move(slowTurn);
        }
        assertEquals(5, across, "twenty quarter cells to the right are five cells");
        assertEquals(-5, down, "and twenty up five up");
        OasisAction fullSpeed = OasisAction.builder().forward().look(0, 20).build();
        OasisAction wholeCells = memory.wholeCellAction(fullSpeed);
        assertEquals(1f, wholeCells.get(OasisAction.CAMERA_YAW), 1e-6f, "a full unit moves five cells");
        assertTrue(wholeCells.isPressed(OasisAction.FORWARD), "every other input is kept");
    }

    @Test
    void aFullTurnNarrowerThanAFrameIsRefusedNamingTheShiftNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ViewMemory(1f));
        assertTrue(e.getMessage().contains("1.77"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ViewMemory(Float.NaN));
    }

    /** Runs the dream from {@code start} through each list of actions in turn and returns the last frame shown. */
    private static float[] dream(float[] start, OasisAction[]... phases) {
        ViewMemory memory = new ViewMemory(CELLS_PER_UNIT);
        memory.start(FloatBuffer.wrap(start));
        float[] frame = start.clone();
        for (OasisAction[] phase : phases) {
            for (OasisAction action : phase) {
                frame = step(memory, action, frame);
            }
        }
        return frame;
    }

    /** One step as {@link RememberingStepper} takes it: the model's frame, the uncovered cells filled, remembered. */
    private static float[] step(ViewMemory memory, OasisAction action, float[] frame) {
        OasisAction wholeCells = memory.wholeCellAction(action);
        float[] predicted = moved(frame, Math.round(wholeCells.get(OasisAction.CAMERA_YAW) * CELLS_PER_UNIT),
                Math.round(wholeCells.get(OasisAction.CAMERA_PITCH) * CELLS_PER_UNIT));
        FloatBuffer out = FloatBuffer.allocate(FRAME);
        memory.fillUncovered(action, FloatBuffer.wrap(predicted), out);
        memory.move(action);
        memory.remember(out);
        return out.array();
    }

    /** {@code frame} moved {@code across} cells left and {@code down} cells up, the border repeated into the gap. */
    private static float[] moved(float[] frame, int across, int down) {
        float[] out = new float[FRAME];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int sr = Math.max(0, Math.min(ROWS - 1, r + down));
                int sc = Math.max(0, Math.min(COLS - 1, c + across));
                System.arraycopy(frame, (sr * COLS + sc) * CHANNELS, out, (r * COLS + c) * CHANNELS, CHANNELS);
            }
        }
        return out;
    }

    private static OasisAction[] repeat(OasisAction action, int times) {
        OasisAction[] actions = new OasisAction[times];
        Arrays.fill(actions, action);
        return actions;
    }

    private static float[] cell(float[] frame, int row, int column) {
        int at = (row * COLS + column) * CHANNELS;
        return Arrays.copyOfRange(frame, at, at + CHANNELS);
    }

    private static float[] randomFrame(long seed) {
        Random random = new Random(seed);
        float[] frame = new float[FRAME];
        for (int i = 0; i < FRAME; i++) {
            frame[i] = (float) random.nextGaussian();
        }
        assertEquals(FRAME, frame.length);
        return frame;
    }
}
