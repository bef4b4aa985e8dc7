package io.neuroframe.world.dream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link ViewMemory} on a dream whose model predicts no change: every frame is the last one moved by the memory, so
 * what the memory does is all there is to see.
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
    void columnsNeverSeenContinueTheSceneFromTheOtherSideAndRowsRepeatTheEdge() {
        float[] start = randomFrame(3);
        OasisAction twoRightOneDown = OasisAction.builder().look(4, 8).build();
        float[] shown = dream(start, new OasisAction[] {twoRightOneDown});
        for (int r = 0; r < ROWS; r++) {
            int before = Math.min(ROWS - 1, r + 1);
            assertArrayEquals(cell(start, before, 31), cell(shown, r, 29), "row " + r + ": the old column 31 is now 29");
            assertArrayEquals(cell(start, before, 0), cell(shown, r, 30), "row " + r + ": then the column that left on the left");
            assertArrayEquals(cell(start, before, 1), cell(shown, r, 31), "row " + r + ": and the next one");
        }
        assertArrayEquals(cell(start, ROWS - 1, 5), cell(shown, ROWS - 2, 3), "the old bottom row is one up");
        assertArrayEquals(cell(start, ROWS - 1, 5), cell(shown, ROWS - 1, 3), "and repeated into the uncovered row");
        float[] longTurn = dream(start, repeat(LEFT, 40));
        assertArrayEquals(cell(start, 4, 0), cell(longTurn, 4, 0 + 40 - COLS), "forty cells into the unknown the "
                + "scene has wrapped round the frame's width");
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
        for (int i = 1; i <= 20; i++) {
            int[] moved = cellsMoved(memory, slowTurn);
            across += moved[0];
            down += moved[1];
            assertEquals(Math.round(i * 0.25f), across, "after " + i + " quarter cells right, the nearest whole cell");
            assertEquals(Math.round(-i * 0.25f), down, "and as many up, rounded the same way");
            memory.move(slowTurn);
        }
        OasisAction fullSpeed = OasisAction.builder().look(0, 20).build();
        assertEquals(5, cellsMoved(memory, fullSpeed)[0], "a full unit moves five cells");
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

    /** One step as {@link RememberingStepper} takes it: the frame moved and filled in, then remembered. */
    private static float[] step(ViewMemory memory, OasisAction action, float[] frame) {
        FloatBuffer out = FloatBuffer.allocate(FRAME);
        memory.moveFrame(action, FloatBuffer.wrap(frame), out);
        memory.move(action);
        memory.remember(out);
        return out.array();
    }

    /** How many cells across and down {@code action} would move a frame from where the memory is now. */
    private static int[] cellsMoved(ViewMemory memory, OasisAction action) {
        float[] marked = new float[FRAME];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                marked[(r * COLS + c) * CHANNELS] = r * COLS + c;
            }
        }
        FloatBuffer out = FloatBuffer.allocate(FRAME);
        memory.moveFrame(action, FloatBuffer.wrap(marked), out);
        int centre = (ROWS / 2 * COLS + COLS / 2) * CHANNELS;
        int source = Math.round(out.get(centre));
        return new int[] {source % COLS - COLS / 2, source / COLS - ROWS / 2};
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
